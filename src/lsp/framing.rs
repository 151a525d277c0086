//! LSP base-protocol framing (`Content-Length` headers), written to survive
//! hostile input: whatever arrives, the reader yields either a message body
//! or a description of the bytes it skipped, and then finds the next header.
//!
//! tower-lsp's own decoder ends the session at its first error, and trusts
//! any `Content-Length`; this one never ends before end of input and never
//! allocates more than [`MAX_MESSAGE_BYTES`] for one message.

use tokio::io::{AsyncRead, AsyncReadExt};

/// The largest message body accepted: 128 MiB (a 20 MB document with every
/// character escaped fits). A longer declared length is refused and skipped
/// rather than allocated.
pub const MAX_MESSAGE_BYTES: usize = 128 << 20;

/// The longest header block: LSP headers are two short lines.
const MAX_HEADER_BYTES: usize = 8 << 10;

/// The header every frame starts with, searched for to recover.
const CONTENT_LENGTH: &[u8] = b"Content-Length";

/// What the reader found next.
#[derive(Debug, PartialEq, Eq)]
pub enum Frame {
    /// A message body of exactly the declared length (not yet parsed).
    Body(Vec<u8>),
    /// Bytes that were not a valid header were skipped, up to the next
    /// `Content-Length` (or the end of input); says why.
    Skipped(String),
}

/// Reads frames from a byte stream.
pub struct FrameReader<R> {
    input: R,
    /// Bytes read; those before `start` are consumed (dropped in bulk, so a
    /// burst of small frames is not shifted once per frame).
    buffer: Vec<u8>,
    start: usize,
    /// Discarding input until the next `Content-Length`.
    resyncing: bool,
    eof: bool,
}

impl<R: AsyncRead + Unpin> FrameReader<R> {
    /// A reader over `input`.
    pub fn new(input: R) -> FrameReader<R> {
        FrameReader { input, buffer: Vec::new(), start: 0, resyncing: false, eof: false }
    }

    /// The next frame, or `None` at the end of input (a partial frame at the
    /// end is reported as skipped first). Errors are read errors only.
    pub async fn next(&mut self) -> std::io::Result<Option<Frame>> {
        loop {
            if self.resyncing {
                self.resync();
            }
            if !self.resyncing {
                if let Some(frame) = self.try_frame() {
                    return Ok(Some(frame));
                }
            }
            if self.eof {
                let rest = self.pending().len();
                self.consume(rest);
                if rest == 0 || self.resyncing {
                    return Ok(None);
                }
                return Ok(Some(Frame::Skipped(format!("{rest} bytes of an incomplete message at end of input"))));
            }
            self.fill().await?;
        }
    }

    /// Reads more input (sets `eof` when there is none).
    async fn fill(&mut self) -> std::io::Result<()> {
        let mut chunk = [0u8; 64 * 1024];
        let n = self.input.read(&mut chunk).await?;
        if n == 0 {
            self.eof = true;
        } else {
            self.buffer.drain(..self.start);
            self.start = 0;
            self.buffer.extend_from_slice(&chunk[..n]);
        }
        Ok(())
    }

    /// The bytes not yet consumed.
    fn pending(&self) -> &[u8] {
        &self.buffer[self.start..]
    }

    /// Consumes `n` pending bytes.
    fn consume(&mut self, n: usize) {
        self.start += n;
        if self.start == self.buffer.len() {
            self.buffer.clear();
            self.start = 0;
        }
    }

    /// Drops bytes up to the next `Content-Length`, keeping a tail that may
    /// be the start of one.
    fn resync(&mut self) {
        match find(self.pending(), CONTENT_LENGTH) {
            Some(at) => {
                self.consume(at);
                self.resyncing = false;
            }
            None => {
                let pending = self.pending().len();
                self.consume(pending - (CONTENT_LENGTH.len() - 1).min(pending));
            }
        }
    }

    /// A complete frame at the start of the buffer, if there is one (or a
    /// header already known to be bad).
    fn try_frame(&mut self) -> Option<Frame> {
        let pending = self.pending();
        let header_end = find(pending, b"\r\n\r\n");
        let header = &pending[..header_end.unwrap_or(pending.len())];
        if let Err(why) = plausible_header(header, header_end.is_some()) {
            return Some(self.skip(why));
        }
        let Some(header_end) = header_end else {
            if pending.len() > MAX_HEADER_BYTES {
                return Some(self.skip(format!("no end of header within {MAX_HEADER_BYTES} bytes")));
            }
            return None;
        };
        let length = match content_length(&pending[..header_end]) {
            Ok(length) => length,
            Err(why) => return Some(self.skip(why)),
        };
        if length > MAX_MESSAGE_BYTES {
            let why = format!("a message of {length} bytes is over the limit of {MAX_MESSAGE_BYTES} bytes");
            eprintln!("copydesk: {why}; it is skipped");
            return Some(self.skip(why));
        }
        let body_start = header_end + 4;
        if pending.len() < body_start + length {
            return None;
        }
        let body = pending[body_start..body_start + length].to_vec();
        self.consume(body_start + length);
        Some(Frame::Body(body))
    }

    /// Reports the bytes at the start of the buffer as skipped and starts
    /// looking for the next header after them.
    fn skip(&mut self, why: String) -> Frame {
        // Past the first byte, so a bad header that itself starts with
        // `Content-Length` is not found again.
        self.consume(1.min(self.pending().len()));
        self.resyncing = true;
        Frame::Skipped(why)
    }
}

/// The position of `needle` in `haystack`.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Whether `header` (complete or the start of one) can be an LSP header:
/// lines of `Name: value` in printable ASCII ending in CRLF. Checked as
/// bytes arrive, so garbage is answered at once, not when a header ends.
fn plausible_header(header: &[u8], complete: bool) -> Result<(), String> {
    let bad = |what: &str| Err(format!("not a message header ({what})"));
    let mut lines = header.split(|&b| b == b'\n').peekable();
    while let Some(line) = lines.next() {
        let last = lines.peek().is_none();
        let line = match line.strip_suffix(b"\r") {
            Some(line) => line,
            // Only the unfinished last line may lack its CR.
            None if last => line,
            None => return bad("a line break without carriage return"),
        };
        if line.iter().any(|&b| !(b == b'\t' || (0x20..0x7f).contains(&b))) {
            return bad("bytes that are not printable ASCII");
        }
        let name_end = line.iter().position(|&b| b == b':');
        let name = &line[..name_end.unwrap_or(line.len())];
        if !name.iter().all(|&b| b.is_ascii_alphanumeric() || b"-_".contains(&b)) {
            return bad("a header name with other characters than letters, digits and dashes");
        }
        if name_end.is_none() && (!last || complete) {
            return bad("a header line without a colon");
        }
    }
    Ok(())
}

/// The `Content-Length` of a complete header block.
fn content_length(header: &[u8]) -> Result<usize, String> {
    let text = std::str::from_utf8(header).map_err(|_| "a header that is not ASCII".to_string())?;
    let mut length = None;
    for line in text.split("\r\n") {
        let Some((name, value)) = line.split_once(':') else { continue };
        if name.trim().eq_ignore_ascii_case("content-length") {
            let value = value.trim();
            if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
                return Err(format!("a Content-Length that is not a number: `{value}`"));
            }
            // Too many digits for usize: surely over the limit.
            length = Some(value.parse::<usize>().unwrap_or(usize::MAX));
        }
    }
    length.ok_or_else(|| "a header without Content-Length".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn frames(input: &[u8]) -> Vec<Frame> {
        let mut reader = FrameReader::new(input);
        let mut out = Vec::new();
        while let Some(frame) = reader.next().await.unwrap() {
            out.push(frame);
        }
        out
    }

    fn body(text: &str) -> Frame {
        Frame::Body(text.as_bytes().to_vec())
    }

    fn skipped(frame: &Frame) -> bool {
        matches!(frame, Frame::Skipped(_))
    }

    /// Input that arrives one byte per read.
    struct Trickle<'a>(&'a [u8]);

    impl AsyncRead for Trickle<'_> {
        fn poll_read(
            mut self: std::pin::Pin<&mut Self>,
            _: &mut std::task::Context<'_>,
            buf: &mut tokio::io::ReadBuf<'_>,
        ) -> std::task::Poll<std::io::Result<()>> {
            if let Some((first, rest)) = self.0.split_first() {
                buf.put_slice(&[*first]);
                self.0 = rest;
            }
            std::task::Poll::Ready(Ok(()))
        }
    }

    #[tokio::test]
    async fn the_same_frames_when_input_arrives_byte_by_byte() {
        let input: &[u8] =
            b"Content-Length: 2\r\n\r\n{}\x00junkContent-Length: x\r\n\r\n{}Content-Length: 3\r\n\r\n[1]Content-Le";
        let mut whole = Vec::new();
        let mut reader = FrameReader::new(input);
        while let Some(frame) = reader.next().await.unwrap() {
            whole.push(frame);
        }
        let mut trickled = Vec::new();
        let mut reader = FrameReader::new(Trickle(input));
        while let Some(frame) = reader.next().await.unwrap() {
            trickled.push(frame);
        }
        assert_eq!(whole.len(), 5, "{whole:?}");
        assert_eq!((&whole[0], &whole[3]), (&body("{}"), &body("[1]")));
        assert!(skipped(&whole[1]) && skipped(&whole[2]) && skipped(&whole[4]));
        let kinds = |frames: &[Frame]| frames.iter().map(skipped).collect::<Vec<_>>();
        assert_eq!(kinds(&trickled), kinds(&whole));
        assert_eq!((&trickled[0], &trickled[3]), (&body("{}"), &body("[1]")));
    }

    #[tokio::test]
    async fn good_frames_with_any_header_case_and_content_type() {
        let input = b"Content-Length: 2\r\n\r\n{}content-length:3\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n[1]";
        assert_eq!(frames(input).await, [body("{}"), body("[1]")]);
    }

    #[tokio::test]
    async fn garbage_is_skipped_once_and_the_next_frame_is_read() {
        let input = b"\x00\xff\xfe garbage\r\n\r\nmore garbageContent-Length: 2\r\n\r\n{}";
        let out = frames(input).await;
        assert_eq!(out.len(), 2, "{out:?}");
        assert!(skipped(&out[0]));
        assert_eq!(out[1], body("{}"));
    }

    #[tokio::test]
    async fn a_bad_content_length_skips_to_the_next_header() {
        for bad in ["abc", "-5", "", "1e3"] {
            let input = format!("Content-Length: {bad}\r\n\r\n{{\"a\":1}}Content-Length: 2\r\n\r\n{{}}");
            let out = frames(input.as_bytes()).await;
            assert_eq!(out.len(), 2, "{bad}: {out:?}");
            assert!(skipped(&out[0]));
            assert_eq!(out[1], body("{}"));
        }
    }

    #[tokio::test]
    async fn a_huge_content_length_is_refused_without_allocating() {
        let input = b"Content-Length: 99999999999999999999999\r\n\r\n{}Content-Length: 2\r\n\r\n{}";
        let out = frames(input).await;
        assert_eq!(out.len(), 2, "{out:?}");
        assert!(matches!(&out[0], Frame::Skipped(why) if why.contains("over the limit")));
        assert_eq!(out[1], body("{}"));
    }

    #[tokio::test]
    async fn a_missing_header_or_truncated_body_is_reported() {
        assert!(frames(b"X-Other: 1\r\n\r\n").await.iter().all(skipped));
        let out = frames(b"Content-Length: 10\r\n\r\n{}").await;
        assert_eq!(out.len(), 1);
        assert!(skipped(&out[0]));
        assert_eq!(frames(b"").await, []);
    }

    #[test]
    fn header_plausibility_as_bytes_arrive() {
        assert!(plausible_header(b"Content-Le", false).is_ok());
        assert!(plausible_header(b"Content-Length: 12\r", false).is_ok());
        assert!(plausible_header(b"Content-Length: 12\r\nContent-Type: x", false).is_ok());
        assert!(plausible_header(b"{\"jsonrpc\"", false).is_err());
        assert!(plausible_header(b"Content-Length: 12\nX", false).is_err());
        assert!(plausible_header(b"hello world", false).is_err());
    }
}
