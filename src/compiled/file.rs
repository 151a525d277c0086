//! One cache file: its name and key, its layout, and reading and writing
//! it safely.
//!
//! Layout (integers little-endian):
//!
//! | bytes | what |
//! |---|---|
//! | 16 | magic, `COPYDESK-LEXICON` |
//! | 4 | layout version ([`LAYOUT`]) |
//! | 16 | the key (`cache_key`) |
//! | 8 | xxh3-64 checksum of the payload |
//! | 8 | payload length |
//! | 8 | the build (`build_hash`: copydesk's version and source hash) |
//! | … | payload: the numbers of actors and of house-style terms (8 bytes each), a length-prefixed bincode section (actors, sources, warnings), then the lexicon ([`Lexicon::save`]) |
//!
//! The file name is `<registry>-<key>.lexicon`, where `<registry>` hashes
//! only the registry files' paths: writing a new version of a registry
//! removes the files of its older versions, so the cache holds one entry
//! per registry however often it is edited.

use std::io::{BufWriter, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use bincode::Options;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use crate::lexicon::Lexicon;
use crate::problem::{FileProblem, ProblemLevel};
use crate::registry::Registry;

const MAGIC: &[u8; 16] = b"COPYDESK-LEXICON";
/// Version of the layout above and of what the payload holds.
const LAYOUT: u32 = 3;
const HEADER: usize = 16 + 4 + 16 + 8 + 8 + 8;
const EXTENSION: &str = "lexicon";
/// Temporary files older than this are left over from a killed write.
const ABANDONED: Duration = Duration::from_secs(3600);

/// The key of a registry: its files' `canonical` paths (so the CLI and the
/// server, which name them differently, share an entry) and contents, the
/// layout, and this build of copydesk (its version and a hash of its
/// sources, so two builds of one version never share an entry).
fn cache_key(files: &[(PathBuf, String)], canonical: &[PathBuf]) -> u128 {
    let mut hasher = Xxh3::new();
    hasher.update(&LAYOUT.to_le_bytes());
    hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
    hasher.update(b"\0");
    hasher.update(env!("COPYDESK_BUILD_ID").as_bytes());
    hasher.update(&(files.len() as u64).to_le_bytes());
    for ((_, text), path) in files.iter().zip(canonical) {
        let path = path.to_string_lossy();
        hasher.update(&(path.len() as u64).to_le_bytes());
        hasher.update(path.as_bytes());
        hasher.update(&(text.len() as u64).to_le_bytes());
        hasher.update(text.as_bytes());
    }
    hasher.digest128()
}

/// This build of copydesk: its version and the hash of its sources. Part
/// of every key, and in the header too, so that an earlier entry of a
/// registry (whose key is another) is a patch base only when this build
/// wrote it: nothing is trusted across versions.
fn build_hash() -> u64 {
    xxh3_64(concat!(env!("CARGO_PKG_VERSION"), "\0", env!("COPYDESK_BUILD_ID")).as_bytes())
}

/// A registry's file in the cache folder.
pub struct CacheFile {
    dir: PathBuf,
    /// Hash of the registry files' paths: the registry's identity.
    registry: u64,
    key: u128,
}

/// What a cache file holds, read back and checked.
pub struct Contents {
    /// The actors.
    pub registry: Registry,
    /// Their lexicon.
    pub lexicon: Lexicon,
    /// The registry's warnings.
    pub warnings: Vec<FileProblem>,
}

impl Contents {
    /// Names the registry files as the caller does: an entry written by a
    /// run that named them otherwise ("actors.toml" or an absolute path)
    /// reports them, in sources and warnings, as this run names them.
    /// `paths` are the files in the order of the key, one per source.
    pub fn rename_sources(&mut self, paths: &[&Path]) {
        let old: Vec<PathBuf> = self.registry.sources().iter().map(|s| s.path.clone()).collect();
        if old.iter().zip(paths).all(|(old, new)| old == new) {
            return;
        }
        for warning in &mut self.warnings {
            if let Some(at) = old.iter().position(|p| *p == warning.path)
                && let Some(new) = paths.get(at)
            {
                warning.path = new.to_path_buf();
            }
            // Messages name other entries as "(path:line:column)" or "at
            // path:line:column"; the character before keeps
            // "more/actors.toml" from matching "actors.toml".
            for (old, new) in old.iter().zip(paths) {
                for before in ['(', ' '] {
                    let old = format!("{before}{}:", old.display());
                    if warning.message.contains(&old) {
                        warning.message = warning.message.replace(&old, &format!("{before}{}:", new.display()));
                    }
                }
            }
        }
        // In the order a load under these names gives.
        self.warnings.sort_by(|a, b| (&a.path, a.span.start).cmp(&(&b.path, b.span.start)));
        self.registry.rename_sources(paths);
    }
}

/// A registry warning as stored: every field of a [`FileProblem`] but its
/// level (always a warning) and code (registry warnings have none).
#[derive(Serialize, Deserialize)]
struct StoredWarning {
    path: PathBuf,
    span: std::ops::Range<usize>,
    line: u32,
    column: u32,
    message: String,
}

impl CacheFile {
    /// The cache file in `dir` for the registry made of `files` (path as
    /// named, text): its identity and its key, from the files' canonical
    /// paths, resolved once.
    pub fn for_files(dir: &Path, files: &[(PathBuf, String)]) -> CacheFile {
        let canonical: Vec<PathBuf> = files.iter().map(|(path, _)| canonical(path)).collect();
        let mut paths = Vec::new();
        for path in &canonical {
            paths.extend_from_slice(path.to_string_lossy().as_bytes());
            paths.push(0);
        }
        CacheFile { dir: dir.to_path_buf(), registry: xxh3_64(&paths), key: cache_key(files, &canonical) }
    }

    /// The key (`cache_key`) the file is named by and holds.
    pub fn key(&self) -> u128 {
        self.key
    }

    /// The same file under another key: what another registry version or
    /// build would have written.
    #[cfg(test)]
    pub fn with_key(self, key: u128) -> CacheFile {
        CacheFile { key, ..self }
    }

    /// The file's path.
    pub fn path(&self) -> PathBuf {
        self.dir.join(format!("{:016x}-{:032x}.{EXTENSION}", self.registry, self.key))
    }

    /// The contents, if the file exists, is whole, has this key and passes
    /// every check; `None` otherwise (the caller builds instead).
    pub fn read(&self) -> Option<Contents> {
        let file = std::fs::File::open(self.path()).ok()?;
        // SAFETY: the map is read while this function runs, and copydesk
        // never changes a cache file in place: a new version is written to
        // another file and renamed over it, which leaves this one's pages
        // as they were. Mapped, not read, because reading copies hundreds
        // of megabytes into freshly zeroed pages, which took longer than
        // decoding them.
        let bytes = unsafe { memmap2::Mmap::map(&file) }.ok()?;
        self.decode(&bytes)
    }

    /// The lexicon of the newest other version of this registry in the
    /// cache (an entry of the same files before an edit), if one exists,
    /// is whole and passes its checksum: the base of a patched lexicon
    /// ([`Lexicon::updated`]). Only its patterns and automaton are decoded
    /// ([`Lexicon::load_base`]).
    pub fn read_earlier_lexicon(&self) -> Option<Lexicon> {
        let ours = format!("{:016x}-", self.registry);
        let mut earlier: Vec<(SystemTime, u128, PathBuf)> = std::fs::read_dir(&self.dir)
            .ok()?
            .flatten()
            .filter_map(|entry| {
                let name = entry.file_name();
                let key = name.to_str()?.strip_prefix(&ours)?.strip_suffix(&format!(".{EXTENSION}"))?;
                let key = u128::from_str_radix(key, 16).ok().filter(|&k| k != self.key)?;
                Some((entry.metadata().ok()?.modified().ok()?, key, entry.path()))
            })
            .collect();
        earlier.sort();
        let (_, key, path) = earlier.pop()?;
        let file = std::fs::File::open(path).ok()?;
        // SAFETY: as in `read`: cache files are never changed in place.
        let bytes = unsafe { memmap2::Mmap::map(&file) }.ok()?;
        let payload = payload(&bytes, key)?;
        let (_, rest) = crate::lexicon::split_section(payload.get(16..)?).ok()?;
        Lexicon::load_base(rest).ok()
    }

    fn decode(&self, bytes: &[u8]) -> Option<Contents> {
        let payload = payload(bytes, self.key)?;
        let count = |at: usize| usize::try_from(u64::from_le_bytes(payload.get(at..at + 8)?.try_into().ok()?)).ok();
        let (actors, terms) = (count(0)?, count(8)?);
        let (section, rest) = crate::lexicon::split_section(&payload[16..]).ok()?;
        // The registry and the lexicon are separate sections: decoded and
        // checked on all cores.
        let (registry, lexicon) = rayon::join(
            || -> Option<(Registry, Vec<StoredWarning>)> {
                let (registry, warnings): (Registry, Vec<StoredWarning>) =
                    options(section.len()).deserialize(section).ok()?;
                (registry.len() == actors && registry.terms().len() == terms && registry.is_consistent())
                    .then_some((registry, warnings))
            },
            || Lexicon::load(rest, actors, terms).ok(),
        );
        let ((registry, warnings), lexicon) = (registry?, lexicon?);
        let warnings = warnings
            .into_iter()
            .map(|w| FileProblem {
                path: w.path,
                span: w.span,
                line: w.line,
                column: w.column,
                level: ProblemLevel::Warning,
                message: w.message,
                code: None,
            })
            .collect();
        Some(Contents { registry, lexicon, warnings })
    }

    /// Saves a compiled registry: to a temporary file in the folder, then
    /// renamed into place, so a reader sees the whole file or none; then
    /// removes this registry's older versions and abandoned temporary
    /// files. Failures are ignored: the cache only ever saves time.
    pub fn write(&self, registry: &Registry, lexicon: &Lexicon, warnings: &[FileProblem]) {
        let _ = self.try_write(registry, lexicon, warnings);
    }

    fn try_write(&self, registry: &Registry, lexicon: &Lexicon, warnings: &[FileProblem]) -> Option<()> {
        if warnings.iter().any(|w| w.level != ProblemLevel::Warning || w.code.is_some()) {
            return None;
        }
        let stored: Vec<StoredWarning> = warnings
            .iter()
            .map(|w| StoredWarning {
                path: w.path.clone(),
                span: w.span.clone(),
                line: w.line,
                column: w.column,
                message: w.message.clone(),
            })
            .collect();
        std::fs::create_dir_all(&self.dir).ok()?;
        let target = self.path();
        let nanos = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
        let temp = self.dir.join(format!(".{:016x}.{}.{nanos}.tmp", self.registry, std::process::id()));
        let written = (|| -> std::io::Result<()> {
            let file = create_new_private(&temp)?;
            // Streamed, never held whole in memory (a million actors make
            // ~300 MB); the header, with the checksum, goes in last.
            let mut out = Checksummed { inner: BufWriter::with_capacity(1 << 20, file), hasher: Xxh3::new(), len: 0 };
            out.inner.write_all(&[0; HEADER])?;
            out.write_all(&(registry.len() as u64).to_le_bytes())?;
            out.write_all(&(registry.terms().len() as u64).to_le_bytes())?;
            let section = (registry, &stored);
            let len = options(usize::MAX).serialized_size(&section).map_err(std::io::Error::other)?;
            out.write_all(&len.to_le_bytes())?;
            options(usize::MAX).serialize_into(&mut out, &section).map_err(std::io::Error::other)?;
            lexicon.save(&mut out).map_err(std::io::Error::other)?;
            let Checksummed { inner: mut file, hasher, len } = out;
            file.seek(SeekFrom::Start(0))?;
            file.write_all(MAGIC)?;
            file.write_all(&LAYOUT.to_le_bytes())?;
            file.write_all(&self.key.to_le_bytes())?;
            file.write_all(&hasher.digest().to_le_bytes())?;
            file.write_all(&len.to_le_bytes())?;
            file.write_all(&build_hash().to_le_bytes())?;
            file.into_inner().map_err(|e| e.into_error())?;
            std::fs::rename(&temp, &target)
        })();
        if written.is_err() {
            let _ = std::fs::remove_file(&temp);
            return None;
        }
        self.remove_old_versions(&target);
        Some(())
    }

    /// Removes this registry's other versions and temporary files left by
    /// killed writes.
    fn remove_old_versions(&self, current: &Path) {
        let Ok(entries) = std::fs::read_dir(&self.dir) else { return };
        let ours = format!("{:016x}-", self.registry);
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let old_version = name.starts_with(&ours) && name.ends_with(EXTENSION) && path != current;
            let abandoned = name.starts_with('.')
                && name.ends_with(".tmp")
                && entry
                    .metadata()
                    .and_then(|m| m.modified())
                    .is_ok_and(|t| t.elapsed().unwrap_or_default() > ABANDONED);
            if old_version || abandoned {
                let _ = std::fs::remove_file(path);
            }
        }
    }
}

/// The payload of cache file `bytes` if its header is this layout's and
/// this build's, its key is `key`, and the payload is whole and passes its
/// checksum.
fn payload(bytes: &[u8], key: u128) -> Option<&[u8]> {
    let header = bytes.get(..HEADER)?;
    let u64_at = |at: usize| u64::from_le_bytes(header[at..at + 8].try_into().expect("8 bytes"));
    if &header[..16] != MAGIC || header[16..20] != LAYOUT.to_le_bytes() || header[20..36] != key.to_le_bytes() {
        return None;
    }
    let payload = &bytes[HEADER..];
    (u64_at(44) == payload.len() as u64 && u64_at(52) == build_hash() && u64_at(36) == xxh3_64(payload))
        .then_some(payload)
}

/// `path` with links and `..` resolved, when it exists.
fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// A writer that checksums and counts what passes through it.
struct Checksummed<W> {
    inner: W,
    hasher: Xxh3,
    len: u64,
}

impl<W: Write> Write for Checksummed<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.len += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// bincode as the cache writes it: fixed-width integers, and on reading a
/// limit of `len` bytes, so a damaged length cannot ask for more memory
/// than the file holds.
fn options(len: usize) -> impl Options {
    bincode::DefaultOptions::new().with_fixint_encoding().with_limit(len as u64)
}

/// Creates `path`, failing if anything (a file or a link) is there
/// already; readable by its owner only, since a registry may be private.
fn create_new_private(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}
