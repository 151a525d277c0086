//! The one place where byte offsets become lines and columns, and back.
//!
//! The core works in byte offsets into a document's text. Everything that
//! talks to people or to other programs needs lines and columns, and each
//! audience counts columns differently: the CLI and JSON output count Unicode
//! scalar values, LSP clients count UTF-16 code units (or UTF-8 bytes when they
//! negotiate it). Every such conversion goes through [`LineIndex`] so that no
//! other module ever does column arithmetic of its own.
//!
//! Line terminators are `\n`, `\r\n` and a lone `\r`, as in the LSP
//! specification. A terminator belongs to the line it ends; a column never
//! points inside one.

use std::ops::Range;

/// How columns are counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ColumnUnit {
    /// UTF-8 code units (bytes).
    Utf8,
    /// UTF-16 code units, as LSP clients count by default.
    Utf16,
    /// Unicode scalar values ("characters"), as the CLI and JSON output count.
    Scalar,
}

impl ColumnUnit {
    fn width(self, c: char) -> usize {
        match self {
            ColumnUnit::Utf8 => c.len_utf8(),
            ColumnUnit::Utf16 => c.len_utf16(),
            ColumnUnit::Scalar => 1,
        }
    }
}

/// A zero-based line and column, the column counted in some [`ColumnUnit`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LineCol {
    /// Zero-based line number.
    pub line: u32,
    /// Zero-based column in the unit the position was computed for.
    pub col: u32,
}

/// Line starts of one text, for converting between offsets and positions.
#[derive(Clone, Debug)]
pub struct LineIndex {
    /// Byte offset at which each line starts; always begins with 0.
    line_starts: Vec<usize>,
    /// Inside long lines, every [`CHECKPOINT`] bytes: (byte offset, scalar
    /// column, UTF-16 column) there. A conversion then counts at most one
    /// checkpoint's worth of characters, not the whole line (news paragraphs
    /// are single lines, and a corpus may hold a 50 MB one).
    checkpoints: Vec<(usize, u32, u32)>,
    len: usize,
}

/// Bytes between checkpoints inside a long line.
const CHECKPOINT: usize = 1024;

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => line_starts.push(i + 1),
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => line_starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        let mut checkpoints = Vec::new();
        for (k, &start) in line_starts.iter().enumerate() {
            let end = line_starts.get(k + 1).copied().unwrap_or(text.len());
            if end - start <= CHECKPOINT {
                continue;
            }
            let (mut scalar, mut utf16, mut next) = (0u32, 0u32, start + CHECKPOINT);
            for (j, c) in text[start..end].char_indices() {
                if start + j >= next {
                    checkpoints.push((start + j, scalar, utf16));
                    next = start + j + CHECKPOINT;
                }
                scalar += 1;
                utf16 += c.len_utf16() as u32;
            }
        }
        LineIndex { line_starts, checkpoints, len: text.len() }
    }

    /// Number of lines (a text always has at least one, possibly empty).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Zero-based line containing byte `offset` (clamped to the text).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        self.line_starts.partition_point(|&start| start <= offset) - 1
    }

    /// Byte range of line `line`, without its terminator. Out-of-range lines
    /// give an empty range at the end of the text.
    pub fn line_range(&self, text: &str, line: usize) -> Range<usize> {
        let Some(&start) = self.line_starts.get(line) else {
            return self.len..self.len;
        };
        let mut end = self.line_starts.get(line + 1).copied().unwrap_or(self.len);
        let bytes = text.as_bytes();
        if end > start && bytes[end - 1] == b'\n' {
            end -= 1;
        }
        if end > start && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        start..end
    }

    /// Position of byte `offset` in `text`, counting columns in `unit`.
    ///
    /// An offset inside a multi-byte character or inside a line terminator is
    /// moved back to the nearest valid position, so the result always names a
    /// real place in the text.
    pub fn position(&self, text: &str, offset: usize, unit: ColumnUnit) -> LineCol {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let range = self.line_range(text, line);
        let end = offset.min(range.end);
        if unit == ColumnUnit::Utf8 {
            return LineCol { line: line as u32, col: (end - range.start) as u32 };
        }
        let (from, base) = self.checkpoint_before(range.start, end, unit);
        LineCol { line: line as u32, col: base + column_of_byte(&text[from..end], end - from, unit) }
    }

    /// Byte offset of `pos` in `text`. Columns past the end of the line clamp
    /// to the line's end; a column inside a character (possible with UTF-16
    /// and UTF-8 units) rounds down to the character's start; lines past the
    /// end clamp to the end of the text.
    pub fn offset(&self, text: &str, pos: LineCol, unit: ColumnUnit) -> usize {
        let line = pos.line as usize;
        if line >= self.line_starts.len() {
            return self.len;
        }
        let range = self.line_range(text, line);
        if unit == ColumnUnit::Utf8 {
            return floor_char_boundary(text, range.start + (pos.col as usize).min(range.end - range.start));
        }
        // The last checkpoint of this line at or before the column.
        let first = self.checkpoints.partition_point(|c| c.0 < range.start);
        let last = self.checkpoints.partition_point(|c| c.0 < range.end);
        let in_line = &self.checkpoints[first..last];
        let col_of = |c: &(usize, u32, u32)| if unit == ColumnUnit::Scalar { c.1 } else { c.2 };
        let k = in_line.partition_point(|c| col_of(c) <= pos.col);
        let (from, base) = if k == 0 { (range.start, 0) } else { (in_line[k - 1].0, col_of(&in_line[k - 1])) };
        from + byte_of_column(&text[from..range.end], pos.col - base, unit)
    }

    /// The last checkpoint in the line starting at `line_start` at or before
    /// `offset`: its byte offset and its column in `unit`.
    fn checkpoint_before(&self, line_start: usize, offset: usize, unit: ColumnUnit) -> (usize, u32) {
        let k = self.checkpoints.partition_point(|c| c.0 <= offset);
        match k.checked_sub(1).map(|k| self.checkpoints[k]) {
            Some((at, scalar, utf16)) if at >= line_start => {
                (at, if unit == ColumnUnit::Scalar { scalar } else { utf16 })
            }
            _ => (line_start, 0),
        }
    }
}

/// Column (in `unit`) of byte `offset` within a single line of text.
pub fn column_of_byte(line: &str, offset: usize, unit: ColumnUnit) -> u32 {
    let offset = floor_char_boundary(line, offset);
    line[..offset].chars().map(|c| unit.width(c)).sum::<usize>() as u32
}

/// Byte offset within a single line of the column `col` (in `unit`),
/// clamped to the line's end and rounded down inside a character.
pub fn byte_of_column(line: &str, col: u32, unit: ColumnUnit) -> usize {
    let mut remaining = col as usize;
    for (i, c) in line.char_indices() {
        let w = unit.width(c);
        if remaining < w {
            return i;
        }
        remaining -= w;
    }
    line.len()
}

/// The largest char boundary of `text` at or before `offset`.
pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    if offset >= text.len() {
        return text.len();
    }
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Number of Unicode scalar values in `text[..offset]`: the code-point offset
/// that corpus exports (JSONL, brat) use.
pub fn scalar_offset(text: &str, offset: usize) -> usize {
    text[..floor_char_boundary(text, offset)].chars().count()
}

/// Code-point offsets (Unicode scalar values counted from the start of
/// the text) of byte offsets, for the corpus exports (JSONL, brat, the
/// stream), in any order and at a bounded cost each.
///
/// Counting from the start for every finding made an export quadratic
/// (20,000 findings at the end of a 2.7 MB text: 4 s). Instead, one pass
/// records the count every 1024 bytes, and a query
/// counts at most one checkpoint's worth of bytes from the one before it.
pub struct CodePoints<'a> {
    text: &'a str,
    /// Whether to count UTF-16 code units instead of code points.
    utf16: bool,
    /// Code points in `text[..k * CHECKPOINT]`, for every k.
    before: Vec<usize>,
    /// Bytes looked at by queries so far (see [`CodePoints::work`]).
    work: std::cell::Cell<usize>,
}

impl<'a> CodePoints<'a> {
    /// Indexes `text`: one pass over its bytes.
    pub fn new(text: &'a str) -> CodePoints<'a> {
        CodePoints::counting(text, false)
    }

    /// Indexes `text` for UTF-16 code-unit offsets (what JavaScript string
    /// indices and most web annotation tools use): a character outside the
    /// Basic Multilingual Plane counts two.
    pub fn utf16(text: &'a str) -> CodePoints<'a> {
        CodePoints::counting(text, true)
    }

    fn counting(text: &'a str, utf16: bool) -> CodePoints<'a> {
        let mut before = Vec::with_capacity(text.len() / CHECKPOINT + 1);
        let mut count = 0;
        before.push(0);
        for block in text.as_bytes().chunks(CHECKPOINT) {
            count += units(block, utf16);
            before.push(count);
        }
        CodePoints { text, utf16, before, work: std::cell::Cell::new(0) }
    }

    /// The code-point offset of byte `offset` (moved back to a character
    /// boundary, clamped to the text), the same as [`scalar_offset`].
    pub fn at(&self, offset: usize) -> usize {
        let offset = floor_char_boundary(self.text, offset);
        let k = offset / CHECKPOINT;
        let from = k * CHECKPOINT;
        self.work.set(self.work.get() + (offset - from));
        self.before[k] + units(&self.text.as_bytes()[from..offset], self.utf16)
    }

    /// How many bytes the queries so far have counted: at most
    /// 1024 each, whatever the text's length or the order of the
    /// queries (tests use it to show the work is linear).
    pub fn work(&self) -> usize {
        self.work.get()
    }
}

/// Code points (or UTF-16 code units) that start in `bytes`: a UTF-8
/// continuation byte starts none, a four-byte lead byte two UTF-16 units.
fn units(bytes: &[u8], utf16: bool) -> usize {
    let chars = starts_of_chars(bytes);
    if utf16 { chars + bytes.iter().filter(|&&b| b >= 0xF0).count() } else { chars }
}

/// Characters that start in `bytes` (a UTF-8 continuation byte starts none).
fn starts_of_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "“Привіт,” — said Zoë 👋\r\nline two\rthird\n";

    #[test]
    fn utf16_offsets_count_astral_characters_twice() {
        let units = CodePoints::utf16(TEXT);
        for (i, _) in TEXT.char_indices().chain([(TEXT.len(), ' ')]) {
            assert_eq!(units.at(i), TEXT[..i].encode_utf16().count(), "at byte {i}");
        }
    }

    #[test]
    fn columns_differ_by_unit() {
        let index = LineIndex::new(TEXT);
        let zoe = TEXT.find("Zoë").unwrap();
        let wave = TEXT.find('👋').unwrap();
        assert_eq!(index.position(TEXT, zoe, ColumnUnit::Scalar), LineCol { line: 0, col: 17 });
        assert_eq!(index.position(TEXT, zoe, ColumnUnit::Utf16), LineCol { line: 0, col: 17 });
        assert_eq!(index.position(TEXT, zoe, ColumnUnit::Utf8), LineCol { line: 0, col: zoe as u32 });
        assert_eq!(index.position(TEXT, wave, ColumnUnit::Scalar).col, 21);
        let after_wave = wave + '👋'.len_utf8();
        assert_eq!(index.position(TEXT, after_wave, ColumnUnit::Scalar).col, 22);
        assert_eq!(index.position(TEXT, after_wave, ColumnUnit::Utf16).col, 23);
    }

    #[test]
    fn all_three_line_terminators() {
        let index = LineIndex::new(TEXT);
        assert_eq!(index.line_count(), 4);
        let two = TEXT.find("line two").unwrap();
        let third = TEXT.find("third").unwrap();
        assert_eq!(index.position(TEXT, two, ColumnUnit::Scalar), LineCol { line: 1, col: 0 });
        assert_eq!(index.position(TEXT, third, ColumnUnit::Scalar), LineCol { line: 2, col: 0 });
        assert_eq!(&TEXT[index.line_range(TEXT, 0)], "“Привіт,” — said Zoë 👋");
        assert_eq!(&TEXT[index.line_range(TEXT, 3)], "");
    }

    #[test]
    fn offsets_inside_terminators_and_characters_are_clamped() {
        let index = LineIndex::new(TEXT);
        let cr = TEXT.find('\r').unwrap();
        assert_eq!(index.position(TEXT, cr + 1, ColumnUnit::Scalar), LineCol { line: 0, col: 22 });
        assert_eq!(index.position(TEXT, 1, ColumnUnit::Scalar), LineCol { line: 0, col: 0 });
        let past = index.offset(TEXT, LineCol { line: 1, col: 99 }, ColumnUnit::Utf16);
        assert_eq!(&TEXT[..past], "“Привіт,” — said Zoë 👋\r\nline two");
        let inside_surrogate = index.offset(TEXT, LineCol { line: 0, col: 22 }, ColumnUnit::Utf16);
        assert_eq!(inside_surrogate, TEXT.find('👋').unwrap());
        assert_eq!(index.offset(TEXT, LineCol { line: 40, col: 0 }, ColumnUnit::Utf8), TEXT.len());
    }

    #[test]
    fn long_lines_use_checkpoints_with_the_same_answers() {
        let line: String = (0..3000).map(|i| ["a", "é", "👋", "Ж", " "][i % 5]).collect();
        let text = format!("short\n{line}\nend");
        let index = LineIndex::new(&text);
        assert!(!index.checkpoints.is_empty());
        for (offset, _) in text.char_indices().step_by(7) {
            for unit in [ColumnUnit::Utf8, ColumnUnit::Utf16, ColumnUnit::Scalar] {
                let pos = index.position(&text, offset, unit);
                let start = index.line_range(&text, pos.line as usize).start;
                let expected: usize = text[start..offset].chars().map(|c| unit.width(c)).sum();
                assert_eq!(pos.col as usize, expected, "{offset} {unit:?}");
                assert_eq!(index.offset(&text, pos, unit), offset, "{offset} {unit:?}");
            }
        }
    }

    #[test]
    fn scalar_offsets_count_code_points() {
        assert_eq!(scalar_offset(TEXT, TEXT.find("said").unwrap()), 12);
    }

    #[test]
    fn code_points_match_the_naive_count_everywhere() {
        let text: String = (0..5000).map(|i| ["a", "é", "👋", "Ж", "\r\n", "“"][i % 6]).collect();
        let code_points = CodePoints::new(&text);
        // Every byte (inside characters too), backwards, so no query can
        // lean on the one before it.
        for offset in (0..=text.len() + 2).rev() {
            assert_eq!(code_points.at(offset), scalar_offset(&text, offset), "{offset}");
        }
    }

    #[test]
    fn code_point_queries_cost_a_bounded_amount_each() {
        // Queries near the end of a long text, in the order findings and
        // their ends arrive (overlapping, going back): counting from the
        // start would look at about 20,000 × 2.7 MB bytes.
        let text = "Ана Руїс said “hello”. ".repeat(100_000);
        let code_points = CodePoints::new(&text);
        let queries = 20_000;
        let mut sum = 0;
        for i in 0..queries {
            let start = floor_char_boundary(&text, text.len() - 40 * queries + 40 * i);
            sum += code_points.at(start + 30) + code_points.at(start);
        }
        assert!(sum > 0);
        assert!(code_points.work() <= 2 * queries * CHECKPOINT, "{} bytes counted", code_points.work());
        let naive = 2 * queries * (text.len() - 40 * queries);
        assert!(code_points.work() * 1000 < naive, "at least a thousand times less work than counting from the start");
    }
}
