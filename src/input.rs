//! Reading input with a size cap, so that no input can exhaust memory.
//!
//! A file swapped for `/dev/zero`, a FIFO that never ends or a file that
//! grows while it is read would otherwise be read until the process is
//! killed. Every read of configuration, registries, baselines and articles
//! goes through [`read_capped`] (stream lines through [`read_line_capped`]), which reads at most one byte more than the cap
//! (`Read::take(cap + 1)`): memory is bounded by the cap, and the extra
//! byte tells "exactly at the cap" from "over it".

use std::io::{BufRead, Read};
use std::path::Path;

/// Default cap of one article (and of one `--stdin-jsonl` line): 16 MiB.
///
/// A long news article is 100 KB; 16 MiB leaves room for wire dumps and
/// whole-book files while keeping the analysis of one file (about twenty
/// bytes of memory per byte of text) to a few hundred megabytes per core.
/// `--max-file-size` raises or lowers it.
pub const ARTICLE_CAP: u64 = 16 << 20;

/// [`ARTICLE_CAP`] as `--max-file-size` shows its default.
pub const ARTICLE_CAP_TEXT: &str = "16MiB";

/// Cap of one registry file: 256 MiB.
///
/// The benchmark's 1M-actor JSON Lines registry (a Wikidata-sized import)
/// is 104 MB and takes 1.2–1.5 GB to load; the cap leaves two and a half
/// times that. It is per file, and a registry may be split over several
/// files, so the way past it is to split the file.
pub const REGISTRY_CAP: u64 = 256 << 20;

/// Cap of a baseline file (`--baseline`): 1 GiB, one entry per finding of
/// a corpus (about 150 bytes each: millions of findings).
pub const BASELINE_CAP: u64 = 1 << 30;

/// Cap of a configuration file: 1 MiB (a real one is a few hundred bytes).
pub const CONFIG_CAP: u64 = 1 << 20;

/// Cap of a list of paths (`check --files-from`): 64 MiB, a million paths
/// of 60 bytes.
pub const PATH_LIST_CAP: u64 = 64 << 20;

/// Why a capped read failed.
#[derive(Debug)]
pub enum ReadError {
    /// The operating system's error.
    Io(std::io::Error),
    /// The input has more than this many bytes.
    TooLarge(u64),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "cannot read: {e}"),
            ReadError::TooLarge(cap) => write!(f, "larger than the size cap of {}", human_size(*cap)),
        }
    }
}

/// The contents of `path`, or an error if it has more than `cap` bytes.
pub fn read_capped(path: &Path, cap: u64) -> Result<Vec<u8>, ReadError> {
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    // Sized from the file's length (never past the cap): reading a 100 MB
    // registry into a doubling buffer copied it several times over.
    let expected = file.metadata().map_or(0, |m| m.len()).min(cap.saturating_add(1));
    let mut bytes = Vec::with_capacity(usize::try_from(expected).unwrap_or(0));
    file.take(cap.saturating_add(1)).read_to_end(&mut bytes).map_err(ReadError::Io)?;
    if bytes.len() as u64 > cap {
        return Err(ReadError::TooLarge(cap));
    }
    Ok(bytes)
}

/// Everything `reader` gives, or an error past `cap` bytes.
pub fn read_all_capped(reader: impl Read, cap: u64) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    reader.take(cap.saturating_add(1)).read_to_end(&mut bytes).map_err(ReadError::Io)?;
    if bytes.len() as u64 > cap {
        return Err(ReadError::TooLarge(cap));
    }
    Ok(bytes)
}

/// One line of `reader` (without its `\n`), at most `cap` bytes of it kept.
///
/// `Ok(None)` at the end of the input; `Ok(Some(Err(TooLarge)))` for a
/// line over the cap, whose rest is read and dropped so the next call
/// starts at the next line: memory never holds more than the cap.
pub fn read_line_capped(reader: &mut impl BufRead, cap: u64) -> std::io::Result<Option<Result<Vec<u8>, ReadError>>> {
    let mut line = Vec::new();
    let read = reader.by_ref().take(cap.saturating_add(1)).read_until(b'\n', &mut line)?;
    if read == 0 {
        return Ok(None);
    }
    if line.last() == Some(&b'\n') {
        line.pop();
        return Ok(Some(Ok(line)));
    }
    if (line.len() as u64) <= cap {
        // The last line, without a line break.
        return Ok(Some(Ok(line)));
    }
    drop(line);
    skip_line(reader)?;
    Ok(Some(Err(ReadError::TooLarge(cap))))
}

/// Consumes input up to and including the next `\n`, keeping none of it.
fn skip_line(reader: &mut impl BufRead) -> std::io::Result<()> {
    loop {
        let buffer = reader.fill_buf()?;
        if buffer.is_empty() {
            return Ok(());
        }
        match buffer.iter().position(|&b| b == b'\n') {
            Some(at) => {
                reader.consume(at + 1);
                return Ok(());
            }
            None => {
                let n = buffer.len();
                reader.consume(n);
            }
        }
    }
}

/// A byte count as people write it: `16 MiB`, `1.5 GiB`, `300 bytes`.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [(&str, u64); 3] = [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)];
    for (unit, size) in UNITS {
        if bytes >= size {
            let value = bytes as f64 / size as f64;
            return if bytes % size == 0 { format!("{} {unit}", bytes / size) } else { format!("{value:.1} {unit}") };
        }
    }
    format!("{bytes} bytes")
}

/// Parses a size such as `16MiB`, `64M`, `500k` or `1048576` (the units
/// are binary: `K` = 1024 bytes).
pub fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let digits = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
    let number: u64 = text[..digits].parse().map_err(|_| format!("`{text}` is not a size such as 16MiB or 500k"))?;
    let unit = text[digits..].trim().to_ascii_lowercase();
    let scale: u64 = match unit.as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        _ => return Err(format!("unknown unit `{unit}` in `{text}` (use K, M or G)")),
    };
    number.checked_mul(scale).filter(|&n| n > 0).ok_or_else(|| format!("`{text}` is not a usable size"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_stop_one_byte_past_the_cap() {
        assert_eq!(read_all_capped(&b"12345"[..], 5).unwrap(), b"12345");
        assert!(matches!(read_all_capped(&b"123456"[..], 5), Err(ReadError::TooLarge(5))));
        // An endless source is not read to its end.
        assert!(matches!(read_all_capped(std::io::repeat(0), 1000), Err(ReadError::TooLarge(1000))));
    }

    #[test]
    fn long_lines_are_skipped_and_the_next_line_is_read() {
        let mut input = std::io::BufReader::with_capacity(4, &b"short\nmuch too long\nok"[..]);
        let mut lines = Vec::new();
        while let Some(line) = read_line_capped(&mut input, 6).unwrap() {
            lines.push(line.map(|l| String::from_utf8(l).unwrap()).map_err(|e| e.to_string()));
        }
        assert_eq!(
            lines,
            [Ok("short".to_string()), Err("larger than the size cap of 6 bytes".to_string()), Ok("ok".to_string())]
        );
    }

    #[test]
    fn sizes_parse_and_print_in_binary_units() {
        assert_eq!(parse_size(ARTICLE_CAP_TEXT), Ok(ARTICLE_CAP));
        assert_eq!(parse_size("500k"), Ok(500 << 10));
        assert_eq!(parse_size("1048576"), Ok(1 << 20));
        assert!(parse_size("12 parsecs").is_err());
        assert!(parse_size("0").is_err());
        assert_eq!(human_size(16 << 20), "16 MiB");
        assert_eq!(human_size(1536), "1.5 KiB");
    }
}
