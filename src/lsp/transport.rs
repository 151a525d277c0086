//! The session over a pair of pipes, between the editor and tower-lsp's
//! [`Server`]: our own framing reads the input, answers malformed messages
//! itself with a JSON-RPC error (so one bad message costs one error
//! response, not the session), and forwards good ones to the server through
//! an in-memory pipe. The server's output goes back through another pipe and
//! is written to the editor one whole frame at a time, interleaved with our
//! error responses but never mixed with them.
//!
//! The session ends at end of input, at `exit`, or when the editor stops
//! reading, whatever the server is still doing: work in flight cannot keep
//! the process alive.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use serde_json::{Value, json};
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt};
use tokio::sync::{Mutex, mpsc};
use tower_lsp_server::Server;
use tower_lsp_server::jsonrpc::{Request, Response};

use super::framing::{Frame, FrameReader};

/// How many requests the server works on at once. Generous, since handlers
/// wait off the main loop: a `$/cancelRequest` must not queue behind the
/// requests it cancels.
const CONCURRENCY: usize = 32;

/// Bytes buffered between our framing and the server's.
const PIPE_BYTES: usize = 1 << 20;

/// Why a session ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// The editor sent `exit`.
    Exit,
    /// The input ended (the editor closed the pipe or died).
    EndOfInput,
    /// Writing to the editor failed.
    OutputClosed,
    /// The server stopped on its own.
    ServerStopped,
}

/// How a session ended, and whether `shutdown` came first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// Why it ended.
    pub ending: Ending,
    /// Whether a `shutdown` request was received before.
    pub shut_down: bool,
}

impl Outcome {
    /// The process's exit code (LSP: 0 after `shutdown`, else 1).
    pub fn exit_code(self) -> u8 {
        if self.shut_down { 0 } else { 1 }
    }
}

/// Writes whole frames to the editor, one at a time.
struct Output<W> {
    writer: Mutex<W>,
}

impl<W: AsyncWrite + Unpin> Output<W> {
    async fn send(&self, body: &[u8]) -> std::io::Result<()> {
        // Header and body in one write: an exit between two writes left a
        // header with no body, which a client reads as a truncated message.
        let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        frame.extend_from_slice(body);
        let mut writer = self.writer.lock().await;
        writer.write_all(&frame).await?;
        writer.flush().await
    }

    async fn error(&self, id: Value, code: i64, message: String) -> std::io::Result<()> {
        let response = json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}});
        self.send(response.to_string().as_bytes()).await
    }
}

/// What a well-formed message is, as far as the session cares.
enum Incoming {
    Response,
    Request { method: String },
}

/// JSON-RPC's Parse error.
const PARSE_ERROR: i64 = -32700;
/// JSON-RPC's Invalid Request.
const INVALID_REQUEST: i64 = -32600;

/// Accepts exactly what tower-lsp's decoder accepts (a response, else a
/// request or notification); anything else becomes the error to answer:
/// the id if one can be read from the message, else null.
fn classify(body: &[u8]) -> Result<Incoming, (Value, i64, String)> {
    if std::str::from_utf8(body).is_err() {
        return Err((Value::Null, PARSE_ERROR, "Parse error: the message is not UTF-8".into()));
    }
    if serde_json::from_slice::<Response>(body).is_ok() {
        return Ok(Incoming::Response);
    }
    match serde_json::from_slice::<Request>(body) {
        Ok(request) => Ok(Incoming::Request { method: request.method().to_string() }),
        Err(_) => match serde_json::from_slice::<Value>(body) {
            Err(e) => Err((Value::Null, PARSE_ERROR, format!("Parse error: {e}"))),
            Ok(Value::Array(_)) => {
                Err((Value::Null, INVALID_REQUEST, "Invalid request: batches are not supported by LSP".into()))
            }
            Ok(Value::Object(object)) => {
                let id = object.get("id").filter(|id| id.is_string() || id.is_i64()).cloned().unwrap_or(Value::Null);
                Err((
                    id,
                    INVALID_REQUEST,
                    "Invalid request: not a JSON-RPC 2.0 request, notification or response".into(),
                ))
            }
            Ok(_) => Err((Value::Null, INVALID_REQUEST, "Invalid request: not a JSON object".into())),
        },
    }
}

/// Serves `service` over `input` and `output` until the session ends.
pub async fn serve<I, O>(input: I, output: O) -> Outcome
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin + Send + 'static,
{
    let (service, socket) = super::service();
    let output = Arc::new(Output { writer: Mutex::new(output) });
    let shut_down = Arc::new(AtomicBool::new(false));
    let (ended, mut end) = mpsc::channel::<Ending>(4);
    let (to_server, server_input) = tokio::io::duplex(PIPE_BYTES);
    let (server_output, from_server) = tokio::io::duplex(PIPE_BYTES);

    let reader = tokio::spawn(read_input(input, to_server, output.clone(), shut_down.clone(), ended.clone()));
    let writer = tokio::spawn(write_output(from_server, output, ended));
    let ending = tokio::select! {
        _ = Server::new(server_input, server_output, socket).concurrency_level(CONCURRENCY).serve(service) => {
            Ending::ServerStopped
        }
        Some(ending) = end.recv() => ending,
    };
    reader.abort();
    writer.abort();
    Outcome { ending, shut_down: shut_down.load(Ordering::SeqCst) }
}

/// Reads the editor's messages: answers malformed ones, forwards the rest.
async fn read_input<I, W>(
    input: I,
    mut to_server: tokio::io::DuplexStream,
    output: Arc<Output<W>>,
    shut_down: Arc<AtomicBool>,
    ended: mpsc::Sender<Ending>,
) where
    I: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut frames = FrameReader::new(input);
    let ending = loop {
        let frame = match frames.next().await {
            Ok(Some(frame)) => frame,
            Ok(None) => break Ending::EndOfInput,
            Err(e) => {
                eprintln!("copydesk: cannot read the editor's messages: {e}");
                break Ending::EndOfInput;
            }
        };
        let body = match frame {
            Frame::Body(body) => body,
            Frame::Skipped(why) => {
                eprintln!("copydesk: skipped malformed input: {why}");
                if output.error(Value::Null, PARSE_ERROR, format!("Parse error: {why}")).await.is_err() {
                    break Ending::OutputClosed;
                }
                continue;
            }
        };
        let method = match classify(&body) {
            Ok(Incoming::Response) => None,
            Ok(Incoming::Request { method }) => Some(method),
            Err((id, code, message)) => {
                eprintln!("copydesk: answered a malformed message with an error: {message}");
                if output.error(id, code, message).await.is_err() {
                    break Ending::OutputClosed;
                }
                continue;
            }
        };
        if method.as_deref() == Some("shutdown") {
            shut_down.store(true, Ordering::SeqCst);
        }
        let header = format!("Content-Length: {}\r\n\r\n", body.len());
        let forwarded = async {
            to_server.write_all(header.as_bytes()).await?;
            to_server.write_all(&body).await?;
            to_server.flush().await
        };
        if forwarded.await.is_err() {
            break Ending::ServerStopped;
        }
        if method.as_deref() == Some("exit") {
            break Ending::Exit;
        }
    };
    let _ = ended.send(ending).await;
}

/// Writes the server's messages to the editor.
async fn write_output<W: AsyncWrite + Unpin>(
    from_server: tokio::io::DuplexStream,
    output: Arc<Output<W>>,
    ended: mpsc::Sender<Ending>,
) {
    let mut frames = FrameReader::new(from_server);
    let ending = loop {
        match frames.next().await {
            Ok(Some(Frame::Body(body))) => {
                if output.send(&body).await.is_err() {
                    break Ending::OutputClosed;
                }
            }
            // The server's own framing is always well formed.
            Ok(Some(Frame::Skipped(_))) => {}
            Ok(None) | Err(_) => break Ending::ServerStopped,
        }
    };
    let _ = ended.send(ending).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(body: &str) -> Option<(Value, i64)> {
        classify(body.as_bytes()).err().map(|(id, code, _)| (id, code))
    }

    #[test]
    fn malformed_messages_get_the_right_error() {
        assert_eq!(code(r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#), None);
        assert_eq!(code(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#), None);
        assert_eq!(code(r#"{"jsonrpc":"2.0","id":1,"result":null}"#), None);
        assert_eq!(code(r#"{"jsonrpc":"2.0","id":1,"meth"#), Some((Value::Null, PARSE_ERROR)));
        assert_eq!(code(r#"[{"jsonrpc":"2.0","id":1,"method":"shutdown"}]"#), Some((Value::Null, INVALID_REQUEST)));
        assert_eq!(code("42"), Some((Value::Null, INVALID_REQUEST)));
        assert_eq!(code(r#"{"jsonrpc":"1.0","id":7,"method":"x"}"#), Some((json!(7), INVALID_REQUEST)));
        assert_eq!(code(r#"{"jsonrpc":"2.0","id":7,"method":5}"#), Some((json!(7), INVALID_REQUEST)));
    }
}
