//! Baselines: adopting copydesk on a corpus with existing findings.
//!
//! `--write-baseline FILE` records today's findings by path, rule and
//! fingerprint (the flagged text and its context; no line numbers), and
//! `--baseline FILE` then reports only findings that are not in it, so an
//! edit elsewhere in a file does not resurface old findings.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::report::ReportFinding;

#[derive(Debug, Serialize, Deserialize)]
struct BaselineFile {
    version: u32,
    findings: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
struct Entry {
    path: String,
    rule: String,
    fingerprint: String,
}

fn entry(f: &ReportFinding) -> Entry {
    Entry {
        path: f.path.to_string_lossy().replace('\\', "/"),
        rule: f.rule.to_string(),
        fingerprint: f.fingerprint.clone(),
    }
}

/// The findings of a run being recorded as a baseline, kept as entries
/// (path, rule, fingerprint) rather than whole findings.
#[derive(Default)]
pub struct Recorder {
    entries: Vec<Entry>,
}

impl Recorder {
    /// Records `findings`.
    pub fn record(&mut self, findings: &[ReportFinding]) {
        self.entries.extend(findings.iter().map(entry));
    }

    /// How many findings were recorded.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Writes the baseline to `path` (sorted, one entry per finding).
    pub fn write(mut self, path: &Path) -> Result<(), String> {
        self.entries.sort_by(|a, b| (&a.path, &a.rule, &a.fingerprint).cmp(&(&b.path, &b.rule, &b.fingerprint)));
        let file = BaselineFile { version: 1, findings: self.entries };
        let json = serde_json::to_string_pretty(&file).map_err(|e| e.to_string())?;
        std::fs::write(path, json + "\n")
            .map_err(|e| format!("{}: cannot write baseline: {e}", crate::text::shown_path(path)))
    }
}

/// A loaded baseline: how many times each finding may still be absorbed.
pub struct Baseline {
    remaining: HashMap<Entry, usize>,
}

impl Baseline {
    /// Reads a baseline file.
    pub fn load(path: &Path) -> Result<Baseline, String> {
        let bytes = crate::input::read_capped(path, crate::input::BASELINE_CAP)
            .map_err(|e| format!("{}: baseline file: {e}", crate::text::shown_path(path)))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            format!(
                "{}: baseline is not UTF-8 (invalid byte at offset {})",
                crate::text::shown_path(path),
                e.utf8_error().valid_up_to()
            )
        })?;
        let file: BaselineFile = serde_json::from_str(&text).map_err(|e| {
            format!("{}:{}:{}: invalid baseline: {e}", crate::text::shown_path(path), e.line(), e.column())
        })?;
        let mut remaining = HashMap::new();
        for e in file.findings {
            *remaining.entry(e).or_insert(0) += 1;
        }
        Ok(Baseline { remaining })
    }

    /// Whether `finding` is in the baseline (each entry absorbs one finding).
    pub fn absorbs(&mut self, finding: &ReportFinding) -> bool {
        match self.remaining.get_mut(&entry(finding)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                true
            }
            _ => false,
        }
    }
}
