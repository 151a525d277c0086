//! The language server driven in-process through its tower service: fast
//! checks of every feature, alongside the stdio suite in tests/lsp/.

use std::path::{Path, PathBuf};
use std::time::Duration;

use copydesk::lsp::{Backend, service};
use futures::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::sync::mpsc;
use tower::{Service, ServiceExt};
use tower_lsp_server::LspService;
use tower_lsp_server::jsonrpc::{Request, Response};

struct Harness {
    service: LspService<Backend>,
    notifications: mpsc::UnboundedReceiver<(String, Value)>,
    next_id: i64,
    root: tempfile::TempDir,
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Plays the editor's side of the socket: answers the server's requests
/// with null and passes its notifications on.
fn answer_as_client(socket: tower_lsp_server::ClientSocket) -> mpsc::UnboundedReceiver<(String, Value)> {
    let (tx, notifications) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        let (mut requests, mut responses) = socket.split();
        while let Some(request) = requests.next().await {
            let (method, id, params) = request.into_parts();
            match id {
                Some(id) => {
                    let _ = responses.send(Response::from_parts(id, Ok(Value::Null))).await;
                }
                None => {
                    let _ = tx.send((method.to_string(), params.unwrap_or(Value::Null)));
                }
            }
        }
    });
    notifications
}

impl Harness {
    /// Starts a server on a copy of the examples, with a client that answers
    /// server requests and records notifications.
    async fn start(utf8: bool) -> Harness {
        let root = tempfile::tempdir().unwrap();
        copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples"), root.path());
        let (service, socket) = service();
        let notifications = answer_as_client(socket);
        let mut h = Harness { service, notifications, next_id: 1, root };
        let encodings = if utf8 { json!(["utf-8", "utf-16"]) } else { json!(["utf-16"]) };
        let init = h
            .request(
                "initialize",
                json!({
                    "capabilities": {"general": {"positionEncodings": encodings}, "window": {"workDoneProgress": true},
                                     "workspace": {"workspaceEdit": {"documentChanges": true}}},
                    "workspaceFolders": [{"uri": h.uri(""), "name": "corpus"}],
                }),
            )
            .await;
        assert_eq!(init["capabilities"]["positionEncoding"], if utf8 { "utf-8" } else { "utf-16" });
        h.notify("initialized", json!({})).await;
        h
    }

    fn path(&self, relative: &str) -> PathBuf {
        std::fs::canonicalize(self.root.path()).unwrap().join(relative)
    }

    fn uri(&self, relative: &str) -> String {
        let path = self.path(relative);
        let text = path.to_str().unwrap().trim_end_matches('/').to_string();
        format!("file://{text}")
    }

    async fn request(&mut self, method: &'static str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let request = Request::build(method).params(params).id(id).finish();
        let response = self.service.ready().await.unwrap().call(request).await.unwrap().expect("a response");
        let (_, body) = response.into_parts();
        body.unwrap_or_else(|e| panic!("{method} failed: {e:?}"))
    }

    async fn notify(&mut self, method: &'static str, params: Value) {
        let request = Request::build(method).params(params).finish();
        self.service.ready().await.unwrap().call(request).await.unwrap();
    }

    async fn open(&mut self, relative: &str) -> (String, String) {
        let text = std::fs::read_to_string(self.path(relative)).unwrap();
        let uri = self.uri(relative);
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}),
        )
        .await;
        (uri, text)
    }

    /// Waits for diagnostics of `uri` that satisfy `accept`.
    async fn diagnostics(&mut self, uri: &str, accept: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
        loop {
            let left = deadline.saturating_duration_since(tokio::time::Instant::now());
            let (method, params) =
                tokio::time::timeout(left, self.notifications.recv()).await.expect("diagnostics in time").unwrap();
            if method == "textDocument/publishDiagnostics" && params["uri"] == uri {
                let diags = params["diagnostics"].as_array().unwrap().clone();
                if accept(&diags) {
                    return diags;
                }
            }
        }
    }
}

/// (line, character) of the `n`th character of `needle` in `text`, in
/// UTF-16 units.
fn at(text: &str, needle: &str, n: usize) -> Value {
    let offset = text.find(needle).unwrap();
    let line = text[..offset].matches('\n').count();
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let prefix: String = text[line_start..offset].chars().chain(needle.chars().take(n)).collect();
    json!({"line": line, "character": prefix.encode_utf16().count()})
}

const WIRE: &str = "articles/wire/2026-02-25-patrol-boats.txt";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_feature_in_process() {
    let mut h = Harness::start(false).await;
    let (uri, text) = h.open(WIRE).await;
    // Once the workspace is indexed, with the corpus spellings.
    let diags = h.diagnostics(&uri, |d| d.iter().any(|d| d["code"] == "corpus-spelling")).await;
    let codes: Vec<&str> = diags.iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert_eq!(codes[..4], ["name-variant", "name-variant", "unknown-actor", "misspelled-name"]);
    let corpus: Vec<&str> = diags[4..].iter().map(|d| d["message"].as_str().unwrap()).collect();
    let markovic = "Lena Marković is spelled ‘Markovic’ only here; ‘Marković’, the house spelling, in 5 articles";
    let vloan = "Andrej Volan is spelled ‘Vloan’ only here; ‘Volan’, the house spelling, in 3 articles";
    assert_eq!(corpus, [markovic, markovic, vloan]);
    assert_eq!(diags[3]["range"]["start"], at(&text, "Andrej Vloan", 0));
    assert_eq!(diags[3]["data"]["actor"], "andrej-volan");

    let hover = h
        .request("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": at(&text, "Pavel Horak", 2)}))
        .await;
    assert!(hover["contents"]["value"].as_str().unwrap().starts_with("### Pavel Horak\n*person* · `pavel-horak`"));

    let def = h
        .request(
            "textDocument/definition",
            json!({"textDocument": {"uri": uri}, "position": at(&text, "Pavel Horak", 2)}),
        )
        .await;
    assert!(def["uri"].as_str().unwrap().ends_with("/actors.toml"));

    let refs = h
        .request(
            "textDocument/references",
            json!({"textDocument": {"uri": uri}, "position": at(&text, "Pavel Horak", 2), "context": {"includeDeclaration": false}}),
        )
        .await;
    assert!(refs.as_array().unwrap().iter().all(|r| r["uri"] == uri), "Pavel Horak appears only in the wire story");
    assert_eq!(refs.as_array().unwrap().len(), 3);

    let actions = h
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": diags[3]["range"], "context": {"diagnostics": [diags[3]]}}),
        )
        .await;
    assert_eq!(actions[0]["title"], "Replace with ‘Andrej Volan’");
    assert_eq!(actions[0]["edit"]["documentChanges"][0]["textDocument"]["version"], 1);

    let rename = h
        .request(
            "textDocument/prepareRename",
            json!({"textDocument": {"uri": uri}, "position": at(&text, "Pavel Horak", 2)}),
        )
        .await;
    assert_eq!(rename["placeholder"], "Pavel Horak");

    let tokens = h.request("textDocument/semanticTokens/full", json!({"textDocument": {"uri": uri}})).await;
    assert_eq!(tokens["data"].as_array().unwrap().len() % 5, 0);

    let symbols = h.request("workspace/symbol", json!({"query": "talib"})).await;
    assert_eq!(symbols[0]["name"], "Talib Talib");

    let doc_symbols = h.request("textDocument/documentSymbol", json!({"textDocument": {"uri": uri}})).await;
    assert!(
        doc_symbols
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["name"] == "Pavel Horak" && s["detail"] == "person · 3 mentions")
    );

    // Settings from the editor override copydesk.toml.
    h.notify("workspace/didChangeConfiguration", json!({"settings": {"copydesk": {"rules": {"name-variant": "off"}}}}))
        .await;
    let diags = h.diagnostics(&uri, |d| d.iter().all(|x| x["code"] != "name-variant")).await;
    // (The corpus spellings come with or without the rule, once indexed.)
    assert_eq!(diags.iter().filter(|d| d["code"] != "corpus-spelling").count(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn utf8_positions_and_stale_edits() {
    let mut h = Harness::start(true).await;
    let (uri, _) = h.open("articles/regions/port-sarn-ferry-walkout.txt").await;
    let diags = h.diagnostics(&uri, |d| !d.is_empty()).await;
    let satler = diags.iter().find(|d| d["code"] == "inconsistent-name").unwrap();
    let text = std::fs::read_to_string(h.path("articles/regions/port-sarn-ferry-walkout.txt")).unwrap();
    let line = text.lines().nth(13).unwrap();
    let byte_col = line.find("Satler").unwrap();
    assert_eq!(satler["range"]["start"], json!({"line": 13, "character": byte_col}));

    // A burst of 1,000 keystrokes typing "the " over and over on the empty
    // line after the front matter: versions are published in order, the
    // last one is the final version, and it was computed on the final text
    // (249 repeated pairs; any earlier version has fewer).
    const KEYSTROKES: usize = 1000;
    for k in 0..KEYSTROKES {
        let ch = &"the "[k % 4..k % 4 + 1];
        let at = json!({"line": 6, "character": k});
        let change = json!({"range": {"start": at, "end": at}, "text": ch});
        h.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": k + 2}, "contentChanges": [change]}),
        )
        .await;
    }
    let final_version = KEYSTROKES as i64 + 1;
    let mut last_version = 0;
    let mut last_diagnostics = Vec::new();
    let mut publishes = 0;
    while let Ok(Some((method, params))) =
        tokio::time::timeout(Duration::from_millis(1500), h.notifications.recv()).await
    {
        if method == "textDocument/publishDiagnostics" && params["uri"] == uri {
            let version = params["version"].as_i64().unwrap();
            assert!(version >= last_version, "version {version} published after {last_version}");
            last_version = version;
            last_diagnostics = params["diagnostics"].as_array().unwrap().clone();
            publishes += 1;
        }
    }
    assert_eq!(last_version, final_version);
    // Debounced: a burst costs a handful of analyses, not one per change.
    assert!(publishes <= KEYSTROKES / 10, "{publishes} publishes for {KEYSTROKES} changes");
    let repeated: Vec<&Value> =
        last_diagnostics.iter().filter(|d| d["code"] == "repeated-word" && d["range"]["start"]["line"] == 6).collect();
    assert_eq!(repeated.len(), 249);
    assert_eq!(repeated[0]["range"], json!({"start": {"line": 6, "character": 0}, "end": {"line": 6, "character": 7}}));
    assert_eq!(
        repeated[248]["range"],
        json!({"start": {"line": 6, "character": 992}, "end": {"line": 6, "character": 999}})
    );
    let satler = last_diagnostics.iter().find(|d| d["code"] == "inconsistent-name").unwrap();
    assert_eq!(satler["range"]["start"], json!({"line": 13, "character": byte_col}));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_before_initialize_get_an_error_and_the_server_stays_up() {
    let (mut service, socket) = service();
    tokio::spawn(async move {
        let (mut requests, _responses) = socket.split();
        while requests.next().await.is_some() {}
    });
    let hover = Request::build("textDocument/hover")
        .params(json!({"textDocument": {"uri": "file:///nowhere.md"}, "position": {"line": 0, "character": 0}}))
        .id(1)
        .finish();
    let response = service.ready().await.unwrap().call(hover).await.unwrap().expect("a response");
    let (_, body) = response.into_parts();
    assert_eq!(body.unwrap_err().code, tower_lsp_server::jsonrpc::ErrorCode::ServerError(-32002));
    let init = Request::build("initialize").params(json!({"capabilities": {}})).id(2).finish();
    let response = service.ready().await.unwrap().call(init).await.unwrap().expect("a response");
    assert!(response.into_parts().1.is_ok());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_workspace_folders_and_oversized_documents() {
    let root = tempfile::tempdir().unwrap();
    let dir = std::fs::canonicalize(root.path()).unwrap();
    std::fs::write(
        dir.join("actors.toml"),
        "[[actor]]\nid = \"ana-ruiz\"\nname = \"Ana Ruiz\"\nvariants = [\"Ana Ruis\"]\n",
    )
    .unwrap();
    let (service, socket) = service();
    let notifications = answer_as_client(socket);
    let mut h = Harness { service, notifications, next_id: 1, root };
    h.request("initialize", json!({"capabilities": {}, "initializationOptions": {"maxFileSize": 200}})).await;
    h.notify("initialized", json!({})).await;
    // Single-file mode: the registry beside the file applies.
    let uri = format!("file://{}", dir.join("a.md").display());
    h.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": "Ana Ruis left."}}),
    )
    .await;
    let diags = h.diagnostics(&uri, |d| !d.is_empty()).await;
    assert_eq!(diags[0]["code"], "name-variant");
    // Above maxFileSize: said once, not analysed, diagnostics cleared.
    let big = "Ana Ruis left. ".repeat(40);
    let big_uri = format!("file://{}", dir.join("big.md").display());
    h.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": big_uri, "languageId": "markdown", "version": 1, "text": big}}),
    )
    .await;
    let mut shown = 0;
    let mut cleared = false;
    while let Ok(Some((method, params))) =
        tokio::time::timeout(Duration::from_millis(800), h.notifications.recv()).await
    {
        if method == "window/showMessage" && params["message"].as_str().unwrap().contains("maxFileSize") {
            shown += 1;
        }
        if method == "textDocument/publishDiagnostics" && params["uri"] == big_uri.as_str() {
            cleared = params["diagnostics"].as_array().unwrap().is_empty();
        }
    }
    assert_eq!(shown, 1);
    assert!(cleared);
    let hover = h
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": big_uri}, "position": {"line": 0, "character": 1}}),
        )
        .await;
    assert_eq!(hover, Value::Null);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_registry_edits_reloads_once_after_it() {
    let mut h = Harness::start(false).await;
    let (uri, _) = h.open(WIRE).await;
    h.diagnostics(&uri, |d| !d.is_empty()).await;
    let (registry, text) = h.open("actors.toml").await;
    // Typing a comment at the end: every version is a valid registry, and
    // each reload re-publishes the open article.
    const EDITS: usize = 40;
    for k in 0..EDITS {
        let changed = format!("{text}\n# {}", "x".repeat(k));
        h.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": registry, "version": k + 2}, "contentChanges": [{"text": changed}]}),
        )
        .await;
    }
    let mut republished = 0;
    while let Ok(Some((method, params))) =
        tokio::time::timeout(Duration::from_millis(1500), h.notifications.recv()).await
    {
        if method == "textDocument/publishDiagnostics" && params["uri"] == uri {
            republished += 1;
        }
    }
    // One reload for the burst (plus possibly one for opening the registry,
    // which is not debounced), not one per edit. Each reload publishes the
    // article (which misspells a name) twice: at once, and with its corpus
    // spelling counts once the workspace is indexed again.
    assert!((1..=6).contains(&republished), "{republished} publications for {EDITS} edits");
}

/// The stdio transport driven through in-memory pipes.
mod transport {
    use copydesk::lsp::{Ending, Outcome, serve};
    use serde_json::{Value, json};
    use tokio::io::{AsyncReadExt, AsyncWriteExt, DuplexStream};

    struct Pipes {
        to_server: DuplexStream,
        from_server: DuplexStream,
        session: tokio::task::JoinHandle<Outcome>,
    }

    fn start() -> Pipes {
        let (to_server, server_input) = tokio::io::duplex(1 << 16);
        let (server_output, from_server) = tokio::io::duplex(1 << 16);
        Pipes { to_server, from_server, session: tokio::spawn(serve(server_input, server_output)) }
    }

    fn frame(body: &str) -> Vec<u8> {
        format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
    }

    impl Pipes {
        async fn send(&mut self, bytes: &[u8]) {
            self.to_server.write_all(bytes).await.unwrap();
        }

        async fn request(&mut self, id: i64, method: &str, params: Value) {
            let body = json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}).to_string();
            self.send(&frame(&body)).await;
        }

        async fn notify(&mut self, method: &str) {
            self.send(&frame(&json!({"jsonrpc": "2.0", "method": method}).to_string())).await;
        }

        /// The next message the server writes.
        async fn receive(&mut self) -> Value {
            let mut header = Vec::new();
            while !header.ends_with(b"\r\n\r\n") {
                header.push(self.from_server.read_u8().await.unwrap());
            }
            let header = String::from_utf8(header).unwrap();
            let length: usize = header.trim().strip_prefix("Content-Length: ").unwrap().parse().unwrap();
            let mut body = vec![0; length];
            self.from_server.read_exact(&mut body).await.unwrap();
            serde_json::from_slice(&body).unwrap()
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn malformed_messages_are_answered_in_order_and_exit_without_shutdown_is_1() {
        let mut p = start();
        p.send(b"\x00garbage\r\n\r\n").await;
        p.request(1, "initialize", json!({"capabilities": {}})).await;
        p.send(&frame("[1, 2]")).await;
        p.send(&frame("{\"jsonrpc\": \"2.0\", \"id\": 2, ")).await;
        p.send(b"Content-Length: 1e9\r\n\r\n{}").await;
        p.request(3, "shutdown_not", json!(null)).await;
        // Our errors come in the order of the input; the server's responses
        // may overtake them (they are written by another task).
        let mut errors = Vec::new();
        let mut responses = Vec::new();
        for _ in 0..6 {
            let message = p.receive().await;
            if message["id"].is_null() {
                errors.push(message["error"]["code"].as_i64().unwrap());
            } else {
                responses.push(message);
            }
        }
        assert_eq!(errors, [-32700, -32600, -32700, -32700]);
        responses.sort_by_key(|m| m["id"].as_i64());
        assert!(responses[0]["result"]["capabilities"].is_object());
        // An unknown method after all that: the session still routes requests.
        assert_eq!(responses[1]["error"]["code"], -32601);
        p.notify("exit").await;
        let outcome = p.session.await.unwrap();
        assert_eq!(outcome, Outcome { ending: Ending::Exit, shut_down: false });
        assert_eq!(outcome.exit_code(), 1);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn exit_after_shutdown_is_0_and_end_of_input_ends_the_session() {
        let mut p = start();
        p.request(1, "initialize", json!({"capabilities": {}})).await;
        p.receive().await;
        p.notify("initialized").await;
        p.request(2, "shutdown", json!(null)).await;
        // Messages the server sends after `initialized` (a progress report,
        // a log line, a refresh request) may come first; the answer to
        // `shutdown` must follow.
        let mut answer = p.receive().await;
        while answer.get("id") != Some(&json!(2)) || answer.get("method").is_some() {
            answer = p.receive().await;
        }
        assert_eq!(answer, json!({"jsonrpc": "2.0", "id": 2, "result": null}));
        p.notify("exit").await;
        let outcome = p.session.await.unwrap();
        assert_eq!(outcome, Outcome { ending: Ending::Exit, shut_down: true });
        assert_eq!(outcome.exit_code(), 0);

        let mut p = start();
        p.request(1, "initialize", json!({"capabilities": {}})).await;
        p.receive().await;
        p.notify("initialized").await;
        drop(p.to_server);
        let outcome = p.session.await.unwrap();
        assert_eq!(outcome, Outcome { ending: Ending::EndOfInput, shut_down: false });
    }
}
