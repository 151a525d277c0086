//! The `copydesk` binary: see the library's `cli` module.

fn main() -> std::process::ExitCode {
    copydesk::cli::main()
}
