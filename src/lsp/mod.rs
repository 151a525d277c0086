//! The language server edge: `copydesk lsp` over stdio.
//!
//! [`Backend`] holds the state and [`server`] how it changes; `features/`
//! has one module per editor feature; [`convert`] is the only place where
//! LSP positions meet the core's byte offsets. Nothing in the core depends
//! on this module.

mod background;
mod cancel;
mod convert;
mod document;
mod features;
mod framing;
mod publish;
mod server;
mod state;
mod transport;
mod workspaces;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::process::ExitCode;

use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{LanguageServer, LspService};

pub use convert::Encoding;
pub use features::tokens::{TOKEN_MODIFIERS, TOKEN_TYPES};
pub use framing::MAX_MESSAGE_BYTES;
pub use publish::DEBOUNCE;
pub use server::Backend;
pub use state::UserSettings;
pub use transport::{Ending, Outcome, serve};

use cancel::Cancel;

/// Runs `compute`, turning a panic into an error response so that one bad
/// request never takes the server down.
fn guard<T>(what: &str, compute: impl FnOnce() -> T) -> Result<T> {
    catch_unwind(AssertUnwindSafe(|| {
        fail_if_asked(what);
        compute()
    }))
    .map_err(|panic| {
        let detail =
            panic.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| panic.downcast_ref::<String>().cloned());
        let mut error = Error::internal_error();
        error.message = format!("copydesk failed to answer {what}: {}", detail.unwrap_or_default()).into();
        error
    })
}

/// The environment variable naming a handler to fail on purpose.
pub const FAIL_HANDLER_VAR: &str = "COPYDESK_FAIL_HANDLER";

/// Panics when [`FAIL_HANDLER_VAR`] names `what` (e.g. `hover`, or
/// `analysis` for the analysis that publishes an open document's
/// diagnostics).
///
/// A fault-injection hook: the end-to-end tests start a real server with it
/// set and check that a failing handler costs one error response (or one
/// error diagnostic) and not the session. It reads only the variable, at
/// first use, says so on standard error (the editor's log), and runs nothing.
fn fail_if_asked(what: &str) {
    static TARGET: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    let target = TARGET.get_or_init(|| {
        let target = std::env::var(FAIL_HANDLER_VAR).ok();
        if let Some(handler) = &target {
            eprintln!("copydesk: {FAIL_HANDLER_VAR} is set: the {handler} handler will fail on purpose");
        }
        target
    });
    if target.as_deref() == Some(what) {
        panic!("injected failure ({FAIL_HANDLER_VAR}={what})");
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let encoding = self.configure(&params);
        let capabilities = ServerCapabilities {
            position_encoding: Some(encoding.kind()),
            text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..TextDocumentSyncOptions::default()
            })),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            definition_provider: Some(OneOf::Left(true)),
            references_provider: Some(OneOf::Left(true)),
            completion_provider: Some(CompletionOptions {
                resolve_provider: Some(false),
                ..CompletionOptions::default()
            }),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![
                    CodeActionKind::QUICKFIX,
                    CodeActionKind::new(features::annotate::ANNOTATE),
                ]),
                ..CodeActionOptions::default()
            })),
            rename_provider: Some(OneOf::Right(RenameOptions {
                prepare_provider: Some(true),
                work_done_progress_options: Default::default(),
            })),
            semantic_tokens_provider: Some(SemanticTokensServerCapabilities::SemanticTokensOptions(
                SemanticTokensOptions {
                    legend: features::tokens::legend(),
                    range: Some(true),
                    full: Some(SemanticTokensFullOptions::Bool(true)),
                    ..SemanticTokensOptions::default()
                },
            )),
            document_symbol_provider: Some(OneOf::Left(true)),
            workspace_symbol_provider: Some(OneOf::Left(true)),
            code_lens_provider: Some(CodeLensOptions { resolve_provider: Some(true) }),
            workspace: Some(WorkspaceServerCapabilities {
                workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                    supported: Some(true),
                    change_notifications: Some(OneOf::Left(true)),
                }),
                file_operations: None,
            }),
            ..ServerCapabilities::default()
        };
        Ok(InitializeResult {
            capabilities,
            server_info: Some(ServerInfo {
                name: "copydesk".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        // Spawned: loading may take seconds and registering file watchers
        // waits for the client's reply, which may never come; the main loop
        // must go on reading (`exit`, end of input, cancellations).
        self.start_in_background();
    }

    async fn shutdown(&self) -> Result<()> {
        self.inner.shut_down.store(true, std::sync::atomic::Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        self.open(params.text_document).await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        self.change(params).await;
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        let role = self.inner.documents.get(&params.text_document.uri).map(|d| d.role);
        if matches!(role, Some(document::Role::Registry | document::Role::Config)) {
            let path = convert::uri_to_path(&params.text_document.uri);
            let ws = self.workspace_for(path.as_deref()).await;
            self.reload(&ws).await;
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        self.close(&params.text_document.uri).await;
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        self.watched(params.changes).await;
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        self.folders_changed(params.event);
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        self.settings_changed(&params.settings).await;
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let p = params.text_document_position_params;
        self.answer("hover", move |s, _| s.hover_at(&p.text_document.uri, p.position)).await
    }

    async fn goto_definition(&self, params: GotoDefinitionParams) -> Result<Option<GotoDefinitionResponse>> {
        let p = params.text_document_position_params;
        self.answer("definition", move |s, _| s.goto_definition_at(&p.text_document.uri, p.position)).await
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let p = params.text_document_position;
        let declaration = params.context.include_declaration;
        self.answer("references", move |s, c| s.references_at(&p.text_document.uri, p.position, declaration, c)).await
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let p = params.text_document_position;
        self.answer("completion", move |s, _| s.completion_at(&p.text_document.uri, p.position)).await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        self.answer("code actions", move |s, _| s.code_actions(&params.text_document.uri, params.range)).await
    }

    async fn prepare_rename(&self, params: TextDocumentPositionParams) -> Result<Option<PrepareRenameResponse>> {
        self.answer("prepare rename", move |s, _| s.prepare_rename_at(&params.text_document.uri, params.position)).await
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let p = params.text_document_position;
        let name = params.new_name;
        self.answer("rename", move |s, c| s.rename_at(&p.text_document.uri, p.position, &name, c)).await?
    }

    async fn semantic_tokens_full(&self, params: SemanticTokensParams) -> Result<Option<SemanticTokensResult>> {
        self.answer("semantic tokens", move |s, _| {
            s.semantic_tokens(&params.text_document.uri, None).map(SemanticTokensResult::Tokens)
        })
        .await
    }

    async fn semantic_tokens_range(
        &self,
        params: SemanticTokensRangeParams,
    ) -> Result<Option<SemanticTokensRangeResult>> {
        self.answer("semantic tokens range", move |s, _| {
            s.semantic_tokens(&params.text_document.uri, Some(params.range)).map(SemanticTokensRangeResult::Tokens)
        })
        .await
    }

    async fn document_symbol(&self, params: DocumentSymbolParams) -> Result<Option<DocumentSymbolResponse>> {
        self.answer("document symbols", move |s, _| s.document_symbols(&params.text_document.uri)).await
    }

    async fn symbol(&self, params: WorkspaceSymbolParams) -> Result<Option<WorkspaceSymbolResponse>> {
        self.answer("workspace symbols", move |s, c| {
            Some(WorkspaceSymbolResponse::Flat(s.workspace_symbols(&params.query, c)))
        })
        .await
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        self.answer("code lens", move |s, _| s.code_lenses(&params.text_document.uri)).await
    }

    async fn code_lens_resolve(&self, lens: CodeLens) -> Result<CodeLens> {
        self.answer("code lens resolve", move |s, c| s.resolve_code_lens(lens, c)).await
    }
}

impl Backend {
    /// Answers a request: waits for the first workspace load, then runs
    /// `compute` under [`guard`] on a blocking thread, so the main loop
    /// keeps reading (a hover is answered while a slow request runs). When
    /// the request is cancelled this future is dropped and `compute`'s
    /// [`Cancel`] flag goes up.
    async fn answer<T: Send + 'static>(
        &self,
        what: &'static str,
        compute: impl FnOnce(&Backend, &Cancel) -> T + Send + 'static,
    ) -> Result<T> {
        self.loaded().await;
        let cancel = Cancel::default();
        let _cancel_when_dropped = cancel.on_drop();
        let this = self.clone();
        tokio::task::spawn_blocking(move || guard(what, || compute(&this, &cancel))).await.unwrap_or_else(|e| {
            let mut error = Error::internal_error();
            error.message = format!("copydesk failed to answer {what}: {e}").into();
            Err(error)
        })
    }
}

/// Builds the service for a transport (stdio, or an in-process test).
pub fn service() -> (LspService<Backend>, tower_lsp_server::ClientSocket) {
    LspService::new(Backend::new)
}

/// `copydesk lsp`: serves over stdin/stdout until the client exits or the
/// input ends. Exit code 0 after `shutdown`, else 1 (as LSP asks).
pub fn run() -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("copydesk: cannot start the language server: {e}");
            return ExitCode::from(2);
        }
    };
    let outcome = runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout()));
    // Work still running (a blocked read of stdin after `exit`, an analysis)
    // must not keep the process alive.
    runtime.shutdown_background();
    ExitCode::from(outcome.exit_code())
}
