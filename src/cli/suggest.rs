//! `copydesk registry suggest [PATHS]`.

use std::process::ExitCode;

use super::registry::SuggestArgs;

pub(super) fn run(_args: SuggestArgs) -> ExitCode {
    ExitCode::from(2)
}
