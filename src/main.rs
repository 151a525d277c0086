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
    }
    copydesk::cli::main()
}
