//! Reading CSV files as Thai offices save them: UTF-8 with or without a
//! byte-order mark, or TIS-620 / Windows-874 from older Excel; separated by
//! commas, semicolons or tabs; quoted fields; CRLF line ends.
//!
//! Parsing is done by the `csv` crate, which handles quoting, embedded line
//! breaks and both line-end styles.

use std::borrow::Cow;
use std::path::Path;

use encoding_rs::WINDOWS_874;

use crate::import::cell::{CellContext, RawValue};
use crate::import::read::grid::Grid;
use crate::import::ImportError;

/// The text encoding a CSV file was read with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvEncoding {
    /// UTF-8, with or without a byte-order mark.
    Utf8,
    /// Windows-874, a superset of TIS-620.
    Windows874,
}

/// Decodes CSV bytes: valid UTF-8 (after removing a byte-order mark) is
/// UTF-8, anything else is read as Windows-874, which covers TIS-620.
///
/// ```
/// use chumchon::import::csv::{decode, CsvEncoding};
/// let (text, encoding) = decode(&[0xbb, 0xd2, 0xa1]);
/// assert_eq!(text, "ปาก");
/// assert_eq!(encoding, CsvEncoding::Windows874);
/// let (text, encoding) = decode("\u{feff}ชื่อ".as_bytes());
/// assert_eq!((text.as_ref(), encoding), ("ชื่อ", CsvEncoding::Utf8));
/// ```
pub fn decode(bytes: &[u8]) -> (Cow<'_, str>, CsvEncoding) {
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
pub(crate) fn load(path: &Path, sheet_name: &str) -> Result<Grid, ImportError> {
    let bytes = std::fs::read(path).map_err(|error| ImportError::unreadable(path, error))?;
    let (text, encoding) = decode(&bytes);
    tracing::debug!(?encoding, "decoded CSV file");
    let delimiter = sniff_delimiter(&text);
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut grid = Grid::new(sheet_name, CellContext::default());
    let mut record = ::csv::StringRecord::new();
    let mut row = 0u32;
    while reader
        .read_record(&mut record)
        .map_err(|e| ImportError::unreadable(path, e))?
    {
        for (col, field) in record.iter().enumerate() {
            if !field.is_empty() {
                grid.push(row, col as u32, RawValue::Text(field.to_string()));
            }
        }
        row += 1;
    }
    Ok(grid)
}

#[cfg(test)]
mod tests {
    use super::*;

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
