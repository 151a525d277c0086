//! Writing files without losing, corrupting or leaking them.
//!
//! Every file copydesk writes (`--fix`, export outputs) is written to a new
//! temporary file in the same folder and renamed over its destination:
//!
//! - the temporary name is unpredictable (`.copydesk-<random>.tmp`) and is
//!   created with `O_CREAT|O_EXCL|O_NOFOLLOW` and mode 0600, so a planted
//!   file or symbolic link can neither be written through nor read while
//!   the new text is written;
//! - mode, owner and group are set on the open handle (`fchown`, `fchmod`),
//!   never by path;
//! - the data is `fsync`ed before the rename and the folder after it;
//! - the temporary file is removed on every error path (a guard's `Drop`),
//!   and `--fix` catches SIGINT/SIGTERM so an interrupted run finishes the
//!   write in progress and starts no other (see [`catch_interrupts`]).
//!
//! `--fix` also refuses, with the reason, to rewrite a file that is a
//! symbolic link (replacing it would turn the link into a copy and leave
//! its target unfixed), has several hard links (a rename would split them),
//! is read-only, or belongs to another user (its owner would change).

use std::fs::{File, Metadata, OpenOptions, Permissions};
use std::hash::{BuildHasher, Hasher};
use std::io::{Read, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use crate::text::shown_path;

/// Why `--fix` will not rewrite the file at `path`, if it will not: the
/// check made before fixing, so that a refused file is reported with its
/// findings unfixed. [`replace_file`] checks again on the open file.
pub fn refusal(path: &Path) -> Option<String> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) => refusal_for(path, &meta),
        Err(e) => Some(format!("cannot inspect it before fixing: {e}; not fixed")),
    }
}

fn refusal_for(path: &Path, meta: &Metadata) -> Option<String> {
    let kind = meta.file_type();
    if kind.is_symlink() {
        let target = std::fs::read_link(path).map(|t| format!(" (to `{}`)", shown_path(&t))).unwrap_or_default();
        return Some(format!(
            "is a symbolic link{target}; --fix does not rewrite links (the link would become a copy and its \
             target stay unfixed) — run --fix on the file it points to"
        ));
    }
    if !kind.is_file() {
        return Some("is not a regular file; not fixed".to_string());
    }
    if meta.nlink() > 1 {
        return Some(format!(
            "has {} hard links; --fix does not rewrite it (the other links would keep the old text) — \
             apply the fixes shown by --diff yourself, or make it a single file first",
            meta.nlink()
        ));
    }
    if meta.mode() & 0o222 == 0 {
        return Some("is read-only; not fixed — make it writable (`chmod u+w`) to fix it".to_string());
    }
    // SAFETY: geteuid has no preconditions and cannot fail.
    let me = unsafe { libc::geteuid() };
    if me != 0 && meta.uid() != me {
        return Some(format!(
            "belongs to another user (uid {}); not fixed, since the rewritten file would belong to you — \
             fix it as its owner",
            meta.uid()
        ));
    }
    None
}

/// Replaces the regular file at `path` with `contents`, keeping its mode,
/// owner and group, unless its bytes are no longer `expected` or it is
/// refused (see [`refusal`]). The error says why, and what to do.
pub fn replace_file(path: &Path, expected: &[u8], contents: &[&[u8]]) -> Result<(), String> {
    let mut current = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC)
        .open(path)
        .map_err(|e| match e.raw_os_error() {
            Some(libc::ELOOP) => refusal(path).unwrap_or_else(|| format!("cannot open it to fix it: {e}")),
            _ => format!("cannot re-read it before writing: {e}; not fixed"),
        })?;
    let meta = current.metadata().map_err(|e| format!("cannot inspect it before writing: {e}; not fixed"))?;
    if let Some(refused) = refusal_for(path, &meta) {
        return Err(refused);
    }
    let mut now = Vec::new();
    (&mut current)
        .take(expected.len() as u64 + 1)
        .read_to_end(&mut now)
        .map_err(|e| format!("cannot re-read it before writing: {e}; not fixed"))?;
    if now != expected {
        return Err("changed since it was read; not fixed (run again)".to_string());
    }
    let cannot_write = |e: std::io::Error| format!("cannot write: {e}; not fixed (the file is unchanged)");
    let mut temp = TempFile::create(folder_of(path), 0o600).map_err(cannot_write)?;
    for chunk in contents {
        temp.file.write_all(chunk).map_err(cannot_write)?;
    }
    let mine = temp.file.metadata().map_err(cannot_write)?;
    if mine.uid() != meta.uid() || mine.gid() != meta.gid() {
        std::os::unix::fs::fchown(&temp.file, Some(meta.uid()), Some(meta.gid())).map_err(|e| {
            format!(
                "cannot keep its owner and group ({}:{}): {e}; not fixed (the file is unchanged)",
                meta.uid(),
                meta.gid()
            )
        })?;
    }
    // After fchown, which clears set-id bits.
    temp.file.set_permissions(Permissions::from_mode(meta.mode() & 0o7777)).map_err(cannot_write)?;
    temp.file.sync_all().map_err(cannot_write)?;
    // The name must still be the file that was read.
    let again = std::fs::symlink_metadata(path).map_err(cannot_write)?;
    if again.dev() != meta.dev() || again.ino() != meta.ino() {
        return Err("changed since it was read; not fixed (run again)".to_string());
    }
    temp.rename_to(path).map_err(cannot_write)
}

/// Writes `contents` to `path` (an output copydesk owns: export files),
/// through a new temporary file renamed over it: an existing symbolic link
/// at `path` is replaced, never written through. The file gets the usual
/// mode for new files (0666 less the umask).
pub fn write_new(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let mut temp = TempFile::create(folder_of(path), 0o666)?;
    temp.file.write_all(contents)?;
    temp.file.sync_all()?;
    temp.rename_to(path)
}

/// A file being written to a temporary name, which [`NewFile::commit`]
/// renames to its destination (as [`write_new`], for output written in
/// pieces). Dropped without commit, it is removed.
pub struct NewFile {
    temp: TempFile,
    target: PathBuf,
}

impl NewFile {
    /// Starts writing the file that will be `path`.
    pub fn create(path: &Path) -> std::io::Result<NewFile> {
        Ok(NewFile { temp: TempFile::create(folder_of(path), 0o666)?, target: path.to_path_buf() })
    }

    /// The destination.
    pub fn path(&self) -> &Path {
        &self.target
    }

    /// Syncs the data and renames the file to its destination.
    pub fn commit(mut self) -> std::io::Result<()> {
        self.temp.file.sync_all()?;
        let target = std::mem::take(&mut self.target);
        self.temp.rename_to(&target)
    }
}

impl Write for NewFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.temp.file.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.temp.file.flush()
    }
}

fn folder_of(path: &Path) -> &Path {
    path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

/// A temporary file that is removed when dropped unless it was renamed.
struct TempFile {
    path: PathBuf,
    file: File,
    renamed: bool,
}

/// Prefix and suffix of temporary files (`.copydesk-<16 hex digits>.tmp`).
const TEMP_PREFIX: &str = ".copydesk-";
const TEMP_SUFFIX: &str = ".tmp";

impl TempFile {
    fn create(dir: &Path, mode: u32) -> std::io::Result<TempFile> {
        let mut last = None;
        for _ in 0..64 {
            let path = dir.join(format!("{TEMP_PREFIX}{:016x}{TEMP_SUFFIX}", unpredictable()));
            match OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(mode)
                .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
                .open(&path)
            {
                Ok(file) => return Ok(TempFile { path, file, renamed: false }),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
                Err(e) => return Err(e),
            }
        }
        Err(last.unwrap_or_else(|| std::io::Error::other("no free temporary name")))
    }

    fn rename_to(&mut self, path: &Path) -> std::io::Result<()> {
        std::fs::rename(&self.path, path)?;
        self.renamed = true;
        // The rename itself is durable once the folder is synced.
        if let Ok(dir) = File::open(folder_of(path)) {
            let _ = dir.sync_all();
        }
        Ok(())
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.renamed {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// 64 bits no other process can predict: SipHash with the process's
/// random keys over the time, the process id and a counter.
fn unpredictable() -> u64 {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    hasher.write_u128(now.as_nanos());
    hasher.write_u32(std::process::id());
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    hasher.finish()
}

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

extern "C" fn on_interrupt(_signal: libc::c_int) {
    INTERRUPTED.store(true, Ordering::SeqCst);
}

/// From now on, SIGINT and SIGTERM only raise a flag ([`interrupted`]):
/// `--fix` then finishes the write in progress, starts no other, and exits
/// with status 130. A second signal has its default effect (the handler is
/// reset), so a run can always be stopped at once.
pub fn catch_interrupts() {
    for signal in [libc::SIGINT, libc::SIGTERM] {
        // SAFETY: the handler only stores to an atomic, which is
        // async-signal-safe; the struct is fully initialised.
        unsafe {
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = on_interrupt as extern "C" fn(libc::c_int) as libc::sighandler_t;
            action.sa_flags = libc::SA_RESETHAND;
            libc::sigemptyset(&mut action.sa_mask);
            libc::sigaction(signal, &action, std::ptr::null_mut());
        }
    }
}

/// Whether SIGINT or SIGTERM arrived since [`catch_interrupts`].
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}
