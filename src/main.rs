//! The `copydesk` binary: see the library's `cli` module.

/// mimalloc instead of the system allocator: analysis allocates small
/// objects on every core, where glibc's malloc spent ~15% of a corpus run.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc.h (the same in mimalloc 2 and 3; the
/// Rust bindings do not name it).
#[cfg(feature = "mimalloc")]
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// `mi_option_allow_thp` in mimalloc 3's mimalloc.h (the Rust bindings do
/// not name it).
#[cfg(feature = "mimalloc")]
const MI_OPTION_ALLOW_THP: libmimalloc_sys::mi_option_t = 43;

fn main() -> std::process::ExitCode {
    // A batch run (check, export) frees registry-parsing buffers and then
    // allocates as much again for analysis: returning the pages to the OS in
    // between only to fault them back in cost ~10% of a registry load. The
    // language server runs for hours, so it keeps mimalloc's default.
    #[cfg(feature = "mimalloc")]
    if std::env::args_os().nth(1).is_none_or(|command| command != "lsp") {
        // SAFETY: sets an integer option before any thread is started;
        // mimalloc reads options atomically.
        unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    } else {
        // The server returns freed pages and faults new ones in on every
        // registry reload: as transparent huge pages, each fault zeroes
        // 2 MB (and may stall compacting memory) where a few kB were
        // needed. With 4 kB pages its kernel time over a session of
        // reloads of a million-actor registry fell by a third (BENCHMARKS.md).
        // SAFETY: as above; prctl only sets a flag of this process.
        unsafe {
            libmimalloc_sys::mi_option_set(MI_OPTION_ALLOW_THP, 0);
            #[cfg(target_os = "linux")]
            libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
        }
    }
    copydesk::cli::main()
}
