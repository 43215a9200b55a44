//! Reading CSV files as Thai offices save them. The text is UTF-8 with or
//! without a byte-order mark, TIS-620 / Windows-874 from older Excel, or
//! UTF-16 with a byte-order mark (Excel's "Unicode Text"). Fields are
//! separated by commas, semicolons or tabs and may be quoted, and lines may
//! end in CRLF.
//!
//! Parsing is done by the `csv` crate, which handles quoting, embedded line
//! breaks and both line-end styles. A double quote that opens a field and
//! is never closed would make the crate read every following line into
//! that field; see [`load`] for how such a quote is found and read.

use std::borrow::Cow;
use std::path::Path;

use csv::{Position, StringRecord};
use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_874};

use crate::import::cell::{CellContext, RawValue};
use crate::import::read::grid::Grid;
use crate::import::report::{column_letter, Problem, Severity};
use crate::import::ImportError;

/// The text encoding a CSV file was read with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvEncoding {
    /// UTF-8, with or without a byte-order mark.
    Utf8,
    /// Windows-874, a superset of TIS-620.
    Windows874,
    /// UTF-16 little-endian, found by its byte-order mark FF FE.
    Utf16Le,
    /// UTF-16 big-endian, found by its byte-order mark FE FF.
    Utf16Be,
}

/// Decodes CSV bytes. A UTF-16 byte-order mark selects UTF-16 of that byte
/// order. Otherwise valid UTF-8 (after removing a byte-order mark) is
/// UTF-8, and anything else is read as Windows-874, which covers TIS-620.
///
/// ```
/// use chumchon::import::csv::{decode, CsvEncoding};
/// let (text, encoding) = decode(&[0xbb, 0xd2, 0xa1]);
/// assert_eq!(text, "ปาก");
/// assert_eq!(encoding, CsvEncoding::Windows874);
/// let (text, encoding) = decode("\u{feff}ชื่อ".as_bytes());
/// assert_eq!((text.as_ref(), encoding), ("ชื่อ", CsvEncoding::Utf8));
/// let (text, encoding) = decode(&[0xff, 0xfe, 0x0a, 0x0e, 0x09, 0x00]);
/// assert_eq!((text.as_ref(), encoding), ("ช\t", CsvEncoding::Utf16Le));
/// ```
pub fn decode(bytes: &[u8]) -> (Cow<'_, str>, CsvEncoding) {
    if let Some(rest) = bytes.strip_prefix(b"\xff\xfe") {
        let text = UTF_16LE.decode_without_bom_handling(rest).0;
        return (text, CsvEncoding::Utf16Le);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xfe\xff") {
        let text = UTF_16BE.decode_without_bom_handling(rest).0;
        return (text, CsvEncoding::Utf16Be);
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => (Cow::Borrowed(text), CsvEncoding::Utf8),
        Err(_) => (
            WINDOWS_874.decode_without_bom_handling(bytes).0,
            CsvEncoding::Windows874,
        ),
    }
}

/// Guesses the field separator from the first lines: the one of comma,
/// semicolon and tab that occurs, outside quotes, on the most lines the
/// same number of times as on the first line. Comma when none does.
///
/// ```
/// use chumchon::import::csv::sniff_delimiter;
/// assert_eq!(sniff_delimiter("a;b;c\n1;2,5;3\n"), b';');
/// assert_eq!(sniff_delimiter("a,b\n\"x;y\",2\n"), b',');
/// assert_eq!(sniff_delimiter("a\tb\n1\t2\n"), b'\t');
/// ```
pub fn sniff_delimiter(text: &str) -> u8 {
    let lines: Vec<&str> = text
        .lines()
        .filter(|line| !line.trim().is_empty())
        .take(20)
        .collect();
    let count_outside_quotes = |line: &str, delimiter: char| {
        let mut quoted = false;
        line.chars()
            .filter(|c| {
                if *c == '"' {
                    quoted = !quoted;
                }
                !quoted && *c == delimiter
            })
            .count()
    };
    let mut best = (b',', 0);
    for delimiter in [',', ';', '\t'] {
        let first = lines
            .first()
            .map_or(0, |line| count_outside_quotes(line, delimiter));
        if first == 0 {
            continue;
        }
        let agreeing = lines
            .iter()
            .filter(|line| count_outside_quotes(line, delimiter) == first)
            .count();
        if agreeing > best.1 {
            best = (delimiter as u8, agreeing);
        }
    }
    best.0
}

/// Reads a CSV file into one grid named after the file. Every field is
/// text; the reader types it by its column's field.
///
/// A record whose quoted field runs over a line break is taken for an
/// unbalanced double quote in three cases. The quote is still open at the
/// end of the file, or the record has another number of fields than most
/// records, or (in files of three or more columns) a line wholly inside
/// the field has as many fields as most records on its own. Each line of
/// such a record is then read again as its own row, with the unclosed
/// quote as a plain character, and the row where the quote opened gets an
/// `unbalanced_quote` warning. A quoted line break in a record of the
/// usual width, such as a note typed with Alt+Enter, is kept.
pub(crate) fn load(path: &Path, sheet_name: &str) -> Result<Grid, ImportError> {
    let bytes = std::fs::read(path).map_err(|error| ImportError::unreadable(path, error))?;
    let (text, encoding) = decode(&bytes);
    tracing::debug!(?encoding, "decoded CSV file");
    let delimiter = sniff_delimiter(&text);
    let unreadable = |error: csv::Error| ImportError::unreadable(path, error);
    let first = read_grid(&text, delimiter, sheet_name, &[]).map_err(unreadable)?;
    let usual_fields = first.usual_fields();
    let unbalanced: Vec<u64> = first
        .multi_line
        .iter()
        .filter(|record| record.has_unbalanced_quote(&text, delimiter, usual_fields))
        .map(|record| record.start)
        .collect();
    if unbalanced.is_empty() {
        return Ok(first.grid);
    }
    tracing::debug!(
        records = unbalanced.len(),
        "re-reading CSV records with unbalanced quotes"
    );
    let second = read_grid(&text, delimiter, sheet_name, &unbalanced).map_err(unreadable)?;
    Ok(second.grid)
}

/// A grid read from CSV text, with what is needed to look for unbalanced
/// quotes.
struct CsvRead {
    grid: Grid,
    /// Records whose quoted field runs over a line break.
    multi_line: Vec<MultiLineRecord>,
    /// Number of records by their number of fields.
    field_counts: Vec<usize>,
}

impl CsvRead {
    /// Returns the most common number of fields in a record. The larger
    /// number wins a tie.
    fn usual_fields(&self) -> usize {
        let counts = self.field_counts.iter().enumerate();
        counts
            .max_by_key(|(fields, records)| (**records, *fields))
            .map_or(0, |(fields, _)| fields)
    }
}

/// A record that spans more than one line of the file.
struct MultiLineRecord {
    /// Byte offset of the record's start in the text.
    start: u64,
    /// Byte offset just past the record and its line end.
    end: u64,
    /// Number of fields the `csv` crate read.
    fields: usize,
}

impl MultiLineRecord {
    fn has_unbalanced_quote(&self, text: &str, delimiter: u8, usual_fields: usize) -> bool {
        let span = &text[self.start as usize..self.end as usize];
        let lines: Vec<&str> = span.lines().collect();
        let opens = lines
            .first()
            .is_some_and(|first| open_quote(first, delimiter).is_some());
        let open_at_end = quote_state(span.as_bytes(), delimiter) == QuoteState::Quoted;
        // Lines between the first and the last lie wholly inside the quoted
        // field. Two-column files are left out, because a single comma in
        // a note would already pass for a record there.
        let inner = lines
            .get(1..lines.len().saturating_sub(1))
            .unwrap_or_default();
        let whole_line_inside = usual_fields >= 3
            && inner
                .iter()
                .any(|line| count_bytes(line, delimiter) + 1 >= usual_fields);
        opens && (open_at_end || self.fields != usual_fields || whole_line_inside)
    }
}

fn count_bytes(text: &str, byte: u8) -> usize {
    text.bytes().filter(|b| *b == byte).count()
}

/// Reads every record of `text` into a grid, one row a record. Each record
/// that starts at one of the byte offsets in `unbalanced` (sorted) is read
/// again line by line instead; see [`load`].
fn read_grid(
    text: &str,
    delimiter: u8,
    sheet_name: &str,
    unbalanced: &[u64],
) -> Result<CsvRead, csv::Error> {
    let mut reader = csv_reader(text.as_bytes(), delimiter);
    let mut read = CsvRead {
        grid: Grid::new(sheet_name, CellContext::default()),
        multi_line: Vec::new(),
        field_counts: Vec::new(),
    };
    let mut record = StringRecord::new();
    let mut row = 0u32;
    while reader.read_record(&mut record)? {
        let start = record.position().cloned().unwrap_or_else(Position::new);
        let end = reader.position().clone();
        if unbalanced.binary_search(&start.byte()).is_ok() {
            row = reread_lines(&mut read.grid, text, &start, &end, delimiter, row)?;
            continue;
        }
        // A quote opened on the last line and still open at the end of the
        // file holds no line break, but it is unbalanced all the same.
        let span = &text.as_bytes()[start.byte() as usize..end.byte() as usize];
        let open_to_end =
            end.byte() as usize == text.len() && quote_state(span, delimiter) == QuoteState::Quoted;
        if open_to_end || spans_lines(text.as_bytes(), &start, &end) {
            read.multi_line.push(MultiLineRecord {
                start: start.byte(),
                end: end.byte(),
                fields: record.len(),
            });
        }
        count_fields(&mut read.field_counts, record.len());
        push_record(&mut read.grid, row, record.iter());
        row += 1;
    }
    Ok(read)
}

fn csv_reader(bytes: &[u8], delimiter: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(bytes)
}

fn count_fields(counts: &mut Vec<usize>, fields: usize) {
    if counts.len() <= fields {
        counts.resize(fields + 1, 0);
    }
    counts[fields] += 1;
}

fn push_record<'a>(grid: &mut Grid, row: u32, fields: impl Iterator<Item = &'a str>) {
    for (col, field) in fields.enumerate() {
        if !field.is_empty() {
            grid.push(row, col as u32, RawValue::Text(field.to_string()));
        }
    }
}

/// Checks whether the record between `start` and `end` has a line break
/// inside it, besides the line end that closes it. The `csv` crate counts
/// every LF byte as a line.
fn spans_lines(text: &[u8], start: &Position, end: &Position) -> bool {
    let line_ends = end.line() - start.line();
    let closed_by_line_end = end
        .byte()
        .checked_sub(1)
        .and_then(|last| text.get(last as usize))
        == Some(&b'\n');
    line_ends >= 2 || (line_ends == 1 && !closed_by_line_end)
}

/// Reads each line of the record between `start` and `end` as its own row,
/// from `row` on, with the unclosed quote of its first line as a plain
/// character, and reports the quote on the first row. Returns the next
/// free row.
fn reread_lines(
    grid: &mut Grid,
    text: &str,
    start: &Position,
    end: &Position,
    delimiter: u8,
    row: u32,
) -> Result<u32, csv::Error> {
    let span = &text[start.byte() as usize..end.byte() as usize];
    let lines: Vec<&str> = span.lines().filter(|line| !line.is_empty()).collect();
    let mut next_row = row;
    for (index, line) in lines.iter().enumerate() {
        let opening = if index == 0 {
            open_quote(line, delimiter)
        } else {
            None
        };
        let fields = match opening {
            Some(quote) => read_line_with_plain_quote(line, quote, delimiter)?,
            None => read_line(line, delimiter)?,
        };
        if let Some(quote) = opening {
            let problem = unbalanced_quote_problem(grid, line, quote, delimiter, start, row);
            grid.problems.push(problem);
        }
        push_record(grid, next_row, fields.iter());
        next_row += 1;
    }
    Ok(next_row)
}

/// Character that replaces the unclosed quote while its line is read,
/// so that the `csv` crate does not take it for an opening quote. It is
/// from Unicode's private use area, which no register has a reason to
/// contain.
const QUOTE_STAND_IN: char = '\u{f8ff}';

fn read_line_with_plain_quote(
    line: &str,
    quote: usize,
    delimiter: u8,
) -> Result<StringRecord, csv::Error> {
    let escaped = format!("{}{QUOTE_STAND_IN}{}", &line[..quote], &line[quote + 1..]);
    let record = read_line(&escaped, delimiter)?;
    let fields = record
        .iter()
        .map(|field| field.replace(QUOTE_STAND_IN, "\""));
    Ok(fields.collect())
}

fn read_line(line: &str, delimiter: u8) -> Result<StringRecord, csv::Error> {
    let mut record = StringRecord::new();
    csv_reader(line.as_bytes(), delimiter).read_record(&mut record)?;
    Ok(record)
}

fn unbalanced_quote_problem(
    grid: &Grid,
    line: &str,
    quote: usize,
    delimiter: u8,
    start: &Position,
    row: u32,
) -> Problem {
    let before = &line[..quote];
    let col = count_outside_quotes(before, delimiter);
    let value_end = line[quote..]
        .find(char::from(delimiter))
        .map_or(line.len(), |offset| quote + offset);
    let letter = column_letter(col);
    let line_number = start.line();
    Problem {
        sheet: grid.name.clone(),
        row: Some(row + 1),
        column: Some(letter.clone()),
        value: Some(line[quote..value_end].to_string()),
        code: "unbalanced_quote",
        message: format!(
            "the double quote that opens column {letter} on line {line_number} is never \
             closed on that line, so the lines after it were read into one value; each line \
             was read again as its own row with the quote as a plain character, so check this \
             row and fix the quote in the file"
        ),
        severity: Severity::Warning,
        params: Vec::new(),
    }
}

/// Counts the delimiters outside quoted fields, which is the 0-based index
/// of the field that follows `text`.
fn count_outside_quotes(text: &str, delimiter: u8) -> u32 {
    let mut state = QuoteState::FieldStart;
    let mut count = 0;
    for byte in text.bytes() {
        if byte == delimiter && state != QuoteState::Quoted {
            count += 1;
        }
        state = state.next(byte, delimiter);
    }
    count
}

/// The state of the `csv` crate's parser after a byte, under the quoting
/// rules it follows. A quote opens a quoted field only at the start of a
/// field, and two quotes inside one are a literal quote. A quote followed
/// by anything but a quote or the delimiter ends the quoting, and the rest
/// of the field is read as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum QuoteState {
    FieldStart,
    Unquoted,
    Quoted,
    /// A quote inside a quoted field: its end, or the first of two.
    QuoteInQuoted,
}

impl QuoteState {
    fn next(self, byte: u8, delimiter: u8) -> QuoteState {
        use QuoteState::*;
        match (self, byte) {
            (FieldStart | Unquoted | QuoteInQuoted, b) if b == delimiter => FieldStart,
            (FieldStart, b'"') => Quoted,
            (FieldStart | Unquoted, _) => Unquoted,
            (Quoted, b'"') => QuoteInQuoted,
            (Quoted, _) => Quoted,
            (QuoteInQuoted, b'"') => Quoted,
            (QuoteInQuoted, _) => Unquoted,
        }
    }
}

fn quote_state(bytes: &[u8], delimiter: u8) -> QuoteState {
    let mut state = QuoteState::FieldStart;
    for &byte in bytes {
        state = state.next(byte, delimiter);
    }
    state
}

/// Finds the byte offset of the quote that opens a field of `line` and is
/// still open at the end of the line.
fn open_quote(line: &str, delimiter: u8) -> Option<usize> {
    let mut state = QuoteState::FieldStart;
    let mut opened_at = None;
    for (offset, byte) in line.bytes().enumerate() {
        let next = state.next(byte, delimiter);
        if state == QuoteState::FieldStart && next == QuoteState::Quoted {
            opened_at = Some(offset);
        }
        state = next;
    }
    opened_at.filter(|_| state == QuoteState::Quoted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::report::Severity;

    fn load_text(bytes: &[u8]) -> Result<Grid, Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("register.csv");
        std::fs::write(&path, bytes)?;
        Ok(load(&path, "register.csv")?)
    }

    fn text_at(grid: &Grid, row: u32, col: u32) -> Option<&str> {
        grid.cells
            .iter()
            .find(|c| c.row == row && c.col == col)
            .and_then(|c| match &c.value {
                RawValue::Text(text) => Some(text.as_str()),
                _ => None,
            })
    }

    #[test]
    fn utf8_with_bom_and_crlf() -> Result<(), Box<dyn std::error::Error>> {
        let grid = load_text("\u{feff}ชื่อ,หุ้น\r\nสมชาย,\"1,000\"\r\n".as_bytes())?;
        assert_eq!(
            text_at(&grid, 0, 0),
            Some("ชื่อ"),
            "BOM removed from the first field"
        );
        assert_eq!(text_at(&grid, 1, 1), Some("1,000"), "quoted comma kept");
        assert_eq!(text_at(&grid, 1, 0), Some("สมชาย"), "no CR left in fields");
        Ok(())
    }

    #[test]
    fn tis620_is_decoded() -> Result<(), Box<dyn std::error::Error>> {
        let (bytes, _, _) = WINDOWS_874.encode("ชื่อ;หุ้น\r\nสมชาย;5\r\n");
        let grid = load_text(&bytes)?;
        assert_eq!(text_at(&grid, 1, 0), Some("สมชาย"), "Thai text decoded");
        assert_eq!(text_at(&grid, 1, 1), Some("5"), "semicolon separated");
        Ok(())
    }

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let units = text.encode_utf16();
        let (bom, body): (_, Vec<u8>) = if big_endian {
            ([0xfe, 0xff], units.flat_map(u16::to_be_bytes).collect())
        } else {
            ([0xff, 0xfe], units.flat_map(u16::to_le_bytes).collect())
        };
        [bom.as_slice(), &body].concat()
    }

    #[test]
    fn utf16_with_bom_is_decoded() -> Result<(), Box<dyn std::error::Error>> {
        let text = "ชื่อ\tหุ้น\r\nสมชาย\t5\r\n";
        for big_endian in [false, true] {
            let grid = load_text(&utf16(text, big_endian))?;
            let order = if big_endian { "big" } else { "little" };
            assert_eq!(text_at(&grid, 0, 0), Some("ชื่อ"), "{order}-endian header");
            assert_eq!(
                text_at(&grid, 1, 1),
                Some("5"),
                "{order}-endian tab separated"
            );
        }
        Ok(())
    }

    #[test]
    fn quote_open_at_end_splits_lines() -> Result<(), Box<dyn std::error::Error>> {
        let grid = load_text("no,name,shares\nT1,\"สมชาย,1\nT2,มาลี,2\nT3,ยุพิน,3\n".as_bytes())?;
        assert_eq!(text_at(&grid, 1, 1), Some("\"สมชาย"), "quote kept as typed");
        assert_eq!(text_at(&grid, 1, 2), Some("1"), "rest of the line read");
        assert_eq!(text_at(&grid, 2, 0), Some("T2"), "next line is its own row");
        assert_eq!(text_at(&grid, 3, 2), Some("3"), "last line is its own row");
        let problem = grid.problems.first().ok_or("no problem reported")?;
        assert_eq!(problem.code, "unbalanced_quote", "code");
        assert_eq!(problem.row, Some(2), "row where the quote opened");
        assert_eq!(problem.column.as_deref(), Some("B"), "column of the quote");
        assert_eq!(problem.value.as_deref(), Some("\"สมชาย"), "value");
        assert_eq!(problem.severity, Severity::Warning, "rows are kept");
        assert_eq!(grid.problems.len(), 1, "one problem");
        Ok(())
    }

    #[test]
    fn quote_open_on_last_line_is_reported() -> Result<(), Box<dyn std::error::Error>> {
        let grid = load_text("no,name,shares\nT1,มาลี,2\nT2,\"สมชาย,1\n".as_bytes())?;
        assert_eq!(text_at(&grid, 2, 1), Some("\"สมชาย"), "quote kept as typed");
        assert_eq!(text_at(&grid, 2, 2), Some("1"), "rest of the line read");
        let codes: Vec<&str> = grid.problems.iter().map(|p| p.code).collect();
        assert_eq!(codes, ["unbalanced_quote"], "the open quote is reported");
        Ok(())
    }

    #[test]
    fn quote_closed_later_splits_lines() -> Result<(), Box<dyn std::error::Error>> {
        let text = "no,name,shares\nT1,\"สมชาย,1\nT2,มาลี,2\nT3,ยุพิน\",3\nT4,ณรงค์,4\n";
        let grid = load_text(text.as_bytes())?;
        assert_eq!(
            text_at(&grid, 2, 1),
            Some("มาลี"),
            "swallowed line read again"
        );
        assert_eq!(text_at(&grid, 3, 1), Some("ยุพิน\""), "closing quote kept");
        assert_eq!(
            text_at(&grid, 4, 0),
            Some("T4"),
            "rows after keep their numbers"
        );
        let rows: Vec<Option<u32>> = grid.problems.iter().map(|p| p.row).collect();
        assert_eq!(rows, [Some(2)], "reported where the quote opened");
        Ok(())
    }

    #[test]
    fn quoted_note_over_two_lines_is_kept() -> Result<(), Box<dyn std::error::Error>> {
        let text = "no,name,note\nT1,สมชาย,\"ย้ายบ้าน\nแล้ว, ปี 67\"\nT2,มาลี,\n";
        let grid = load_text(text.as_bytes())?;
        let note = text_at(&grid, 1, 2);
        assert_eq!(
            note,
            Some("ย้ายบ้าน\nแล้ว, ปี 67"),
            "line break kept in the note"
        );
        assert_eq!(text_at(&grid, 2, 0), Some("T2"), "next record is row 3");
        assert_eq!(grid.problems, vec![], "no problem");
        Ok(())
    }

    #[test]
    fn quote_state_follows_csv_rules() {
        assert_eq!(
            open_quote("a,\"b,c", b','),
            Some(2),
            "open at a field start"
        );
        assert_eq!(open_quote("a,\"b\",c", b','), None, "closed");
        assert_eq!(
            open_quote("a,b\"c,d", b','),
            None,
            "a quote inside a field is plain"
        );
        assert_eq!(
            open_quote("\"a\"\"b", b','),
            Some(0),
            "doubled quote inside"
        );
        assert_eq!(
            count_outside_quotes("\"x,y\",z,", b','),
            2,
            "quoted comma not counted"
        );
    }

    #[test]
    fn quoted_line_break_stays_in_one_record() -> Result<(), Box<dyn std::error::Error>> {
        let grid = load_text(b"a,b\n\"line one\nline two\",2\nx,3\n")?;
        assert_eq!(
            text_at(&grid, 1, 0),
            Some("line one\nline two"),
            "embedded line break"
        );
        assert_eq!(text_at(&grid, 2, 0), Some("x"), "next record is row 3");
        Ok(())
    }
}
