//! Where checked files go, in path order, while later files are still being
//! checked: the baseline filter, the run's totals, and the output format —
//! or the diff, or the baseline being recorded. Only one batch of findings
//! is in memory at a time.

use std::io::{BufWriter, Stdout, Write};
use std::process::ExitCode;

use super::baseline::{Baseline, Recorder};
use super::output::{Emitter, emitter};
use super::report::{FileResult, Tally};
use super::{CheckArgs, Format};
use crate::problem::FileProblem;

/// What checking one file produced.
pub(super) struct Checked {
    /// Its located findings and tallies.
    pub result: FileResult,
    /// Fixes applied (or, with `--diff`, that would be).
    pub fixed: usize,
    /// With `--diff`: the unified diff of the fixes.
    pub diff: Option<String>,
    /// Warnings about the file that do not stop it being checked (findings
    /// past the per-article limit).
    pub notes: Vec<FileProblem>,
}

/// What the run produces.
pub(super) enum Destination {
    /// The report in an output format, less what a baseline absorbs.
    Report { emitter: Box<dyn Emitter>, baseline: Option<Baseline>, absorbed: usize },
    /// `--diff`: the diffs of the safe fixes.
    Diff { diffs: usize },
    /// `--write-baseline`: the findings, recorded.
    RecordBaseline(Recorder),
}

impl Destination {
    /// The destination `args` ask for; an unreadable baseline is an error.
    pub fn for_args(args: &CheckArgs) -> Result<Destination, String> {
        if args.diff {
            return Ok(Destination::Diff { diffs: 0 });
        }
        if args.write_baseline.is_some() {
            return Ok(Destination::RecordBaseline(Recorder::default()));
        }
        let baseline = args.baseline.as_deref().map(Baseline::load).transpose()?;
        Ok(Destination::Report { emitter: emitter(args.format, args.color.enabled()), baseline, absorbed: 0 })
    }
}

/// Takes checked files in path order and writes them out.
pub(super) struct Sink {
    out: BufWriter<Stdout>,
    destination: Destination,
    tally: Tally,
    /// Problems by configuration group (see [`Sink::new`]).
    problems: Vec<Vec<FileProblem>>,
    fixed: usize,
    files_fixed: usize,
    /// The first write error; nothing more is written after it.
    write_error: Option<std::io::Error>,
}

impl Sink {
    /// A sink for a run over `files` files, with the problems found before
    /// checking began (registry warnings, unwalkable paths) for each
    /// configuration group; a file's problems join its group's, so they are
    /// reported group by group.
    pub fn new(mut destination: Destination, files: usize, problems: Vec<Vec<FileProblem>>) -> Sink {
        let mut out = BufWriter::with_capacity(1 << 16, std::io::stdout());
        let write_error = match &mut destination {
            Destination::Report { emitter, .. } => emitter.begin(&mut out).err(),
            _ => None,
        };
        Sink { out, destination, tally: Tally::new(files), problems, fixed: 0, files_fixed: 0, write_error }
    }

    /// Takes the next files, in path order, each with its configuration
    /// group.
    pub fn take(&mut self, batch: Vec<(usize, Result<Checked, FileProblem>)>) {
        for (group, checked) in batch {
            match checked {
                Ok(mut checked) => {
                    self.problems[group].append(&mut checked.notes);
                    self.take_one(checked)
                }
                Err(problem) => {
                    // An article copydesk failed on is still an article.
                    if problem.code != Some(crate::problem::INTERNAL_ERROR) {
                        self.tally.skip();
                    }
                    self.problems[group].push(problem)
                }
            }
        }
    }

    fn take_one(&mut self, checked: Checked) {
        self.fixed += checked.fixed;
        self.files_fixed += usize::from(checked.fixed > 0);
        let mut result = checked.result;
        let written = match &mut self.destination {
            Destination::Diff { diffs } => match &checked.diff {
                Some(diff) => {
                    *diffs += 1;
                    if self.write_error.is_none() { write_diff(&mut self.out, diff) } else { Ok(()) }
                }
                None => Ok(()),
            },
            Destination::RecordBaseline(recorder) => {
                recorder.record(&result.findings);
                Ok(())
            }
            Destination::Report { emitter, baseline, absorbed } => {
                if let Some(baseline) = baseline {
                    let before = result.findings.len();
                    result.findings.retain(|f| !baseline.absorbs(f));
                    *absorbed += before - result.findings.len();
                }
                if self.write_error.is_none() { emitter.findings(&mut self.out, &result.findings) } else { Ok(()) }
            }
        };
        if let Err(e) = written {
            self.write_error.get_or_insert(e);
        }
        self.tally.add(result);
    }

    /// Ends the output and says how the run went.
    pub fn finish(mut self, args: &CheckArgs) -> ExitCode {
        let problems: Vec<FileProblem> = std::mem::take(&mut self.problems).into_iter().flatten().collect();
        let had_input_errors = problems.iter().any(FileProblem::is_error);
        let input_status = if had_input_errors { ExitCode::from(2) } else { ExitCode::SUCCESS };
        if args.fix {
            let (n, files) = (self.fixed, self.files_fixed);
            eprintln!("Fixed {n} finding{} in {files} file{}.", plural_s(n), plural_s(files));
        }
        match self.destination {
            Destination::Diff { diffs } => {
                let write_failure = finish_writing(self.out, self.write_error);
                for p in &problems {
                    eprintln!("{p}");
                }
                let fixable = self.fixed;
                eprintln!(
                    "{fixable} fix{} in {diffs} file{} would be applied by --fix{}.",
                    if fixable == 1 { "" } else { "es" },
                    plural_s(diffs),
                    if args.unsafe_fixes { " --unsafe-fixes" } else { "" }
                );
                if let Some(code) = write_failure {
                    code
                } else if had_input_errors {
                    ExitCode::from(2)
                } else if diffs == 0 {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(1)
                }
            }
            Destination::RecordBaseline(recorder) => {
                let path = args.write_baseline.as_deref().expect("recording a baseline means a path was given");
                let n = recorder.len();
                // Files left out of the baseline (unreadable, or failed) must be said.
                for p in &problems {
                    eprintln!("{p}");
                }
                match recorder.write(path) {
                    Ok(()) => {
                        eprintln!(
                            "Wrote a baseline of {n} finding{} to {}.",
                            plural_s(n),
                            crate::text::shown_path(path)
                        );
                        input_status
                    }
                    Err(e) => {
                        eprintln!("copydesk: {e}");
                        ExitCode::from(2)
                    }
                }
            }
            Destination::Report { mut emitter, absorbed, .. } => {
                if absorbed > 0 && args.format == Format::Text {
                    let (s, are) = if absorbed == 1 { ("", "is") } else { ("s", "are") };
                    eprintln!("{absorbed} finding{s} in the baseline {are} not shown.");
                }
                let fails = self.tally.fails(args.fail_on.threshold());
                let summary = self.tally.finish();
                if self.write_error.is_none() {
                    let mut written = emitter.end(&mut self.out, &summary, &problems);
                    if args.statistics && written.is_ok() {
                        written = if args.format == Format::Text {
                            super::statistics::write(&mut self.out, &summary)
                        } else {
                            super::statistics::write(&mut std::io::stderr(), &summary)
                        };
                    }
                    self.write_error = written.err();
                }
                if let Some(code) = finish_writing(self.out, self.write_error) {
                    return code;
                }
                if !matches!(args.format, Format::Text | Format::Github) {
                    for problem in &problems {
                        eprintln!("{problem}");
                    }
                }
                if had_input_errors {
                    ExitCode::from(2)
                } else if fails {
                    ExitCode::from(1)
                } else {
                    ExitCode::SUCCESS
                }
            }
        }
    }
}

/// Flushes the output; on a write error other than a closed pipe, says so
/// and returns the exit code to end with.
fn finish_writing(mut out: BufWriter<Stdout>, error: Option<std::io::Error>) -> Option<ExitCode> {
    let error = match error {
        Some(e) => Some(e),
        None => out.flush().err(),
    };
    match error {
        // A reader that stopped reading (`| head`) is not a failure of the run.
        Some(e) if e.kind() == std::io::ErrorKind::BrokenPipe => None,
        Some(e) => {
            eprintln!("copydesk: cannot write output: {e}");
            Some(ExitCode::from(2))
        }
        None => None,
    }
}

/// Writes a diff as it is for `patch` and `git apply`, but with control
/// characters escaped when it goes to a terminal.
fn write_diff(out: &mut impl Write, diff: &str) -> std::io::Result<()> {
    use std::io::IsTerminal;
    if std::io::stdout().is_terminal() {
        out.write_all(crate::text::terminal::escape_controls(diff).as_bytes())?;
    } else {
        out.write_all(diff.as_bytes())?;
    }
    if !diff.ends_with('\n') {
        out.write_all(b"\n\\ No newline at end of file\n")?;
    }
    Ok(())
}

fn plural_s(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
