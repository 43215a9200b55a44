//! Finding the header of a register and matching its columns to a schema's
//! fields.
//!
//! The header need not be on row 1: title rows often stand above it. It may
//! take two rows, with a merged group label ("ที่อยู่", "หุ้น") over
//! sub-columns ("เลขที่ / หมู่ / ตำบล", "จำนวน / มูลค่า"). Column names are
//! compared as keys that ignore case, spaces and punctuation, and a field is
//! given to at most one column: exact matches first, then the most specific
//! (longest) name contained in a header.

use std::borrow::Cow;

use crate::import::read::{FieldKind, Schema};

/// How many non-blank rows from the top are searched for the header.
pub(crate) const HEADER_SEARCH_ROWS: usize = 30;

/// Columns to the right of the last header column that still count as part
/// of the table. Cells further right are ignored and reported once.
pub(crate) const COLUMN_MARGIN: u32 = 3;

/// The text cells of one sheet row, cleaned, by 0-based column.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct TextRow<'a> {
    /// 0-based sheet row.
    pub row: u32,
    /// (0-based column, cleaned text), in column order, without blanks.
    pub cells: Vec<(u32, Cow<'a, str>)>,
}

/// Reduces a header text to the key it is compared by: lower case, letters
/// and digits only (Thai vowels and tone marks are kept).
///
/// ```
/// use chumchon::import::header::header_key;
/// assert_eq!(header_key("ชื่อ - สกุล"), "ชื่อสกุล");
/// assert_eq!(header_key("Member No."), "memberno");
/// ```
pub fn header_key(text: &str) -> String {
    key_chars(text).collect()
}

fn key_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().flat_map(key_char)
}

/// Lower-cases one character for a key, or drops it when a key leaves it
/// out. The result equals keeping letters, digits and Thai characters and
/// lower-casing them with the Unicode tables. ASCII and Thai are decided
/// first, because the table searches in `char::is_alphanumeric` and
/// `char::to_lowercase` took about a third of the time of reading a
/// 100,000-row Thai deposit log, whose every row is checked for a total
/// label.
fn key_char(c: char) -> KeyChar {
    if c.is_ascii() {
        KeyChar::One(c.is_ascii_alphanumeric().then(|| c.to_ascii_lowercase()))
    } else if is_thai_character(c) || c == THAI_PAIYANNOI {
        // Thai has no case, and ฯ is a letter that `is_thai_character`
        // leaves to `is_alphanumeric`.
        KeyChar::One(Some(c))
    } else if c.is_alphanumeric() {
        KeyChar::Lower(c.to_lowercase())
    } else {
        KeyChar::One(None)
    }
}

/// ฯ, the Thai abbreviation mark.
const THAI_PAIYANNOI: char = '\u{0e2f}';

/// The characters [`key_char`] returns for one character.
enum KeyChar {
    One(Option<char>),
    Lower(std::char::ToLowercase),
}

impl Iterator for KeyChar {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        match self {
            KeyChar::One(c) => c.take(),
            KeyChar::Lower(lower) => lower.next(),
        }
    }
}

/// The key of a header without any part in parentheses or brackets, so that
/// "มูลค่าหุ้น (บาท)" gives "มูลค่าหุ้น".
fn core_key(text: &str) -> String {
    let mut depth = 0u32;
    let outside: String = text
        .chars()
        .filter(|c| {
            match c {
                '(' | '[' => depth += 1,
                ')' | ']' => depth = depth.saturating_sub(1),
                _ => return depth == 0,
            }
            false
        })
        .collect();
    header_key(&outside)
}

fn is_thai_character(c: char) -> bool {
    ('\u{0e01}'..='\u{0e5b}').contains(&c) && c != '\u{0e3f}' && c != '\u{0e2f}'
}

/// How well a header text matches a field name, best first when compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct MatchQuality {
    /// 3: the whole header; 2: the header without its part in parentheses;
    /// 1: a part of the header.
    tier: u8,
    /// Length of the matched name in characters; longer is more specific.
    length: usize,
}

/// A schema's field names as keys, computed once per read.
#[derive(Debug)]
pub(crate) struct FieldKeys {
    /// Per field: (key, whether only the whole header may match).
    names: Vec<Vec<(String, bool)>>,
    required: Vec<bool>,
    ignored: Vec<bool>,
}

impl FieldKeys {
    pub(crate) fn new(schema: &Schema) -> FieldKeys {
        let names = schema
            .fields
            .iter()
            .map(|field| {
                let loose = field.synonyms.iter().map(|name| (header_key(name), false));
                let exact = field
                    .exact_synonyms
                    .iter()
                    .map(|name| (header_key(name), true));
                loose
                    .chain(exact)
                    .filter(|(key, _)| !key.is_empty())
                    .collect()
            })
            .collect();
        FieldKeys {
            names,
            required: schema.fields.iter().map(|field| field.required).collect(),
            ignored: schema
                .fields
                .iter()
                .map(|field| field.kind == FieldKind::Ignored)
                .collect(),
        }
    }

    fn quality(&self, field: usize, full: &str, core: &str) -> Option<MatchQuality> {
        self.names[field]
            .iter()
            .filter_map(|(name, exact_only)| {
                let tier = if full == name {
                    3
                } else if core == name {
                    2
                } else if !exact_only && name.chars().count() >= 2 && core.contains(name.as_str()) {
                    1
                } else {
                    return None;
                };
                Some(MatchQuality {
                    tier,
                    length: name.chars().count(),
                })
            })
            .max()
    }
}

/// One column of a found header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HeaderColumn {
    /// 0-based column.
    pub col: u32,
    /// Header text as shown, "ที่อยู่ / เลขที่" for a two-row header.
    pub text: String,
    /// Index of the matched field in the schema.
    pub field: Option<usize>,
}

/// A header found in a sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Header {
    /// 0-based row of the first header row.
    pub row: u32,
    /// 1, or 2 for a header with group labels above sub-labels.
    pub height: u32,
    /// Columns with header text, in column order.
    pub columns: Vec<HeaderColumn>,
    /// Keys of each header row's cells, to recognise the header repeated
    /// further down.
    pub row_keys: Vec<Vec<(u32, String)>>,
    /// Match score; higher is a better header.
    pub score: u32,
    /// Number of fields matched, without ignored ones.
    pub matched: usize,
}

impl Header {
    /// Whether `row` repeats this header, as it does after a page break.
    pub(crate) fn is_repeated_by(&self, row: &TextRow<'_>) -> bool {
        self.row_keys.iter().any(|keys| {
            let same = row
                .cells
                .iter()
                .filter(|(col, text)| {
                    let key = keys.iter().find(|(key_col, _)| key_col == col);
                    key.is_some_and(|(_, key)| key_chars(text).eq(key.chars()))
                })
                .count();
            same >= 2 && same * 2 >= keys.len()
        })
    }

    /// Drops header cells far right of the matched columns: a cell more
    /// than `margin` columns beyond the previous kept one, once every
    /// matched column is kept, is a stray note and not part of the table.
    fn trim_far_columns(&mut self, margin: u32) {
        let last_matched = self
            .columns
            .iter()
            .rev()
            .find(|c| c.field.is_some())
            .map(|c| c.col);
        let Some(last_matched) = last_matched else {
            return;
        };
        let mut previous = 0;
        let keep = self
            .columns
            .iter()
            .take_while(|column| {
                let near = column.col <= last_matched || column.col <= previous + margin + 1;
                previous = column.col;
                near
            })
            .count();
        self.columns.truncate(keep);
    }

    /// The last 0-based column that has header text.
    pub(crate) fn last_col(&self) -> u32 {
        self.columns.last().map_or(0, |column| column.col)
    }
}

/// Finds the best header among the first [`HEADER_SEARCH_ROWS`] rows:
/// single rows and pairs of adjacent rows are scored, and the best wins,
/// a single row over a pair and an earlier row over a later one when tied.
/// Returns `None` when no row matches at least two fields (one for a
/// single-field schema).
#[cfg(test)]
pub(crate) fn find_header(rows: &[TextRow<'_>], keys: &FieldKeys) -> Option<Header> {
    find_header_in(rows, keys, &[])
}

/// Finds the header like `find_header`, for a sheet that hides the 0-based
/// columns `hidden_cols` (sorted). A visible column gets its field before a
/// hidden one. An office may hide an old copy of a column instead of
/// deleting it, and that copy must not be read in place of the current one. A row of units
/// right below the header, such as "(บาท)" and "(กก.)", is taken into it.
pub(crate) fn find_header_in(
    rows: &[TextRow<'_>],
    keys: &FieldKeys,
    hidden_cols: &[u32],
) -> Option<Header> {
    let needed = keys.names.len().clamp(1, 2);
    let mut best: Option<Header> = None;
    let candidates = rows.iter().take(HEADER_SEARCH_ROWS).enumerate();
    for (index, top) in candidates {
        let below = rows.get(index + 1).filter(|next| next.row == top.row + 1);
        let single = header_from_rows(top, None, keys, hidden_cols);
        // A pair must beat its lower row alone, or a title row above a
        // header would pass for a row of group labels.
        let pair = below
            .map(|bottom| {
                (
                    header_from_rows(top, Some(bottom), keys, hidden_cols),
                    bottom,
                )
            })
            .filter(|(pair, bottom)| {
                pair.score > header_from_rows(bottom, None, keys, hidden_cols).score
            })
            .map(|(pair, _)| pair);
        for header in std::iter::once(single).chain(pair) {
            let better = match &best {
                None => true,
                Some(current) => header.score > current.score,
            };
            if header.matched >= needed && better {
                best = Some(header);
            }
        }
    }
    if let Some(header) = &mut best {
        header.trim_far_columns(COLUMN_MARGIN);
        let next_row = header.row + header.height;
        if let Some(below) = rows.iter().find(|row| row.row == next_row) {
            if is_unit_row(below, header) || is_column_number_row(below, header) {
                header.height += 1;
                header.row_keys.push(key_row(below));
            }
        }
    }
    best
}

/// Words that name a unit in a header, as keys.
const UNIT_WORDS: [&str; 16] = [
    "บาท",
    "สตางค์",
    "หุ้น",
    "กก",
    "กิโลกรัม",
    "กิโล",
    "กรัม",
    "ตัน",
    "คน",
    "ราย",
    "ชิ้น",
    "ลิตร",
    "kg",
    "baht",
    "thb",
    "บ",
];

/// Checks whether `row`, right below `header`, contains only units under
/// the header's columns: "(บาท)", "บาท", "(กก.)", "%", "฿". Each cell must
/// stand under a header column, so that a data row with a short word in it
/// is not taken for units.
fn is_unit_row(row: &TextRow<'_>, header: &Header) -> bool {
    let under_header = |col: u32| header.columns.iter().any(|column| column.col == col);
    !row.cells.is_empty()
        && row
            .cells
            .iter()
            .all(|(col, text)| under_header(*col) && is_unit_label(text))
}

/// Checks whether `row`, right below `header`, numbers the header's
/// columns, as Thai official forms do: "(1)", "(2)", "(3)" or 1, 2, 3, one
/// a column from 1 on, under at least three header columns. Read as data,
/// such a row would be a record with a member number of "2" and 5 shares.
fn is_column_number_row(row: &TextRow<'_>, header: &Header) -> bool {
    let under_header = |col: u32| header.columns.iter().any(|column| column.col == col);
    let numbers: Vec<(u32, u32)> = row
        .cells
        .iter()
        .map_while(|(col, text)| {
            let bare = text.trim().trim_start_matches(['(', '[']);
            let bare = bare.trim_end_matches([')', ']', '.']);
            let number = bare.parse::<u32>().ok()?;
            under_header(*col).then_some((*col, number))
        })
        .collect();
    let sequential = numbers
        .windows(2)
        .all(|pair| pair[1].0 == pair[0].0 + 1 && pair[1].1 == pair[0].1 + 1);
    numbers.len() == row.cells.len()
        && numbers.len() >= 3
        && numbers.first().is_some_and(|(_, number)| *number == 1)
        && sequential
}

fn is_unit_label(text: &str) -> bool {
    let trimmed = text.trim();
    let inner = trimmed
        .strip_prefix('(')
        .and_then(|rest| rest.strip_suffix(')'))
        .or_else(|| {
            trimmed
                .strip_prefix('[')
                .and_then(|rest| rest.strip_suffix(']'))
        })
        .unwrap_or(trimmed);
    if matches!(inner.trim(), "%" | "฿") {
        return true;
    }
    let key = header_key(inner);
    UNIT_WORDS.contains(&key.as_str())
}

fn header_from_rows(
    top: &TextRow<'_>,
    bottom: Option<&TextRow<'_>>,
    keys: &FieldKeys,
    hidden_cols: &[u32],
) -> Header {
    let columns = match bottom {
        None => top
            .cells
            .iter()
            .map(|(col, text)| (*col, vec![text.to_string()]))
            .collect(),
        Some(bottom) => two_row_columns(top, bottom),
    };
    let (assigned, score) = assign_fields(&columns, keys, hidden_cols);
    let matched = assigned
        .iter()
        .flatten()
        .filter(|field| !keys.ignored[**field])
        .count();
    let columns = columns
        .iter()
        .zip(assigned)
        .map(|((col, texts), field)| HeaderColumn {
            col: *col,
            text: texts[0].clone(),
            field,
        })
        .collect();
    let mut row_keys = vec![key_row(top)];
    if let Some(bottom) = bottom {
        row_keys.push(key_row(bottom));
    }
    Header {
        row: top.row,
        height: if bottom.is_some() { 2 } else { 1 },
        columns,
        row_keys,
        score,
        matched,
    }
}

fn key_row(row: &TextRow<'_>) -> Vec<(u32, String)> {
    row.cells
        .iter()
        .map(|(col, text)| (*col, header_key(text)))
        .collect()
}

/// Combines a row of group labels with the row of sub-labels below it. A
/// group label stands over the columns to its right whose top cell is empty
/// (the rest of a merged cell). Each column gets its candidate texts: the
/// display text first, then the sub-label alone and both orders of group
/// and sub-label ("จำนวน" + "หุ้น" reads as "จำนวนหุ้น").
fn two_row_columns(top: &TextRow<'_>, bottom: &TextRow<'_>) -> Vec<(u32, Vec<String>)> {
    let text_at = |row: &TextRow<'_>, col: u32| {
        row.cells
            .iter()
            .find(|(c, _)| *c == col)
            .map(|(_, text)| text.to_string())
    };
    let mut cols: Vec<u32> = top
        .cells
        .iter()
        .chain(&bottom.cells)
        .map(|(c, _)| *c)
        .collect();
    cols.sort_unstable();
    cols.dedup();
    let mut group: Option<String> = None;
    let mut previous_col = None;
    let mut columns = Vec::with_capacity(cols.len());
    for col in cols {
        let upper = text_at(top, col);
        let lower = text_at(bottom, col);
        let adjacent = previous_col.is_some_and(|previous| previous + 1 == col);
        let label = match (&upper, &lower) {
            (Some(upper), Some(_)) => Some(upper.clone()),
            (None, Some(_)) if adjacent => group.clone(),
            _ => None,
        };
        group = if lower.is_some() { label.clone() } else { None };
        previous_col = Some(col);
        let texts = match (label, lower, upper) {
            (Some(label), Some(lower), _) => {
                vec![
                    format!("{label} / {lower}"),
                    lower.clone(),
                    format!("{lower}{label}"),
                    format!("{label}{lower}"),
                ]
            }
            (None, Some(lower), _) => vec![lower],
            (_, None, Some(upper)) => vec![upper],
            (_, None, None) => continue,
        };
        columns.push((col, texts));
    }
    columns
}

/// Gives each field to at most one column and each column at most one
/// field: visible columns before hidden ones, then best match first.
/// Returns each column's field and the total score.
fn assign_fields(
    columns: &[(u32, Vec<String>)],
    keys: &FieldKeys,
    hidden_cols: &[u32],
) -> (Vec<Option<usize>>, u32) {
    let mut candidates = Vec::new();
    for (column, (_, texts)) in columns.iter().enumerate() {
        let matchable = if texts.len() > 1 {
            &texts[1..]
        } else {
            &texts[..]
        };
        let text_keys: Vec<(String, String)> = matchable
            .iter()
            .map(|text| (header_key(text), core_key(text)))
            .collect();
        for field in 0..keys.names.len() {
            let quality = text_keys
                .iter()
                .filter_map(|(full, core)| keys.quality(field, full, core));
            if let Some(quality) = quality.max() {
                candidates.push((quality, column, field));
            }
        }
    }
    let hidden = |column: usize| hidden_cols.binary_search(&columns[column].0).is_ok();
    candidates.sort_by(|a, b| {
        let visible_first = hidden(a.1).cmp(&hidden(b.1));
        visible_first
            .then(b.0.cmp(&a.0))
            .then(a.1.cmp(&b.1))
            .then(a.2.cmp(&b.2))
    });
    let mut assigned = vec![None; columns.len()];
    let mut used = vec![false; keys.names.len()];
    let mut score = 0;
    for (quality, column, field) in candidates {
        if assigned[column].is_some() || used[field] {
            continue;
        }
        assigned[column] = Some(field);
        used[field] = true;
        score += u32::from(quality.tier) * 10 + if keys.required[field] { 10 } else { 0 };
    }
    (assigned, score)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::read::{LEDGER, MEMBERS};

    fn row(number: u32, cells: &[(u32, &'static str)]) -> TextRow<'static> {
        TextRow {
            row: number,
            cells: cells.iter().map(|(c, t)| (*c, Cow::Borrowed(*t))).collect(),
        }
    }

    fn field_of<'a>(header: &'a Header, schema: &Schema, col: u32) -> Option<&'a str> {
        let column = header.columns.iter().find(|column| column.col == col)?;
        column.field.map(|index| schema.fields[index].key)
    }

    #[test]
    fn header_found_below_title_rows() -> Result<(), String> {
        let rows = [
            row(0, &[(0, "ทะเบียนสมาชิกและหุ้น ศูนย์บ่อยางพึ่งพาตนเอง")]),
            row(1, &[(0, "ข้อมูล ณ วันที่ 31 ธันวาคม 2567")]),
            row(
                3,
                &[
                    (0, "ลำดับ"),
                    (1, "เลขที่สมาชิก"),
                    (2, "ชื่อ"),
                    (3, "มูลค่าหุ้น (บาท)"),
                ],
            ),
            row(4, &[(1, "BY001"), (2, "ณรงค์")]),
        ];
        let header = find_header(&rows, &FieldKeys::new(&MEMBERS)).ok_or("no header")?;
        assert_eq!(header.row, 3, "header row");
        assert_eq!(header.height, 1, "one header row");
        assert_eq!(
            field_of(&header, &MEMBERS, 1),
            Some("member_no"),
            "member number"
        );
        assert_eq!(
            field_of(&header, &MEMBERS, 2),
            Some("first_name"),
            "first name"
        );
        assert_eq!(
            field_of(&header, &MEMBERS, 3),
            Some("share_value"),
            "parentheses ignored"
        );
        Ok(())
    }

    #[test]
    fn two_row_header_with_group_labels() -> Result<(), String> {
        let rows = [
            row(0, &[(0, "ลำดับ"), (1, "ชื่อ-สกุล"), (2, "ที่อยู่"), (5, "หุ้น")]),
            row(
                1,
                &[
                    (2, "เลขที่"),
                    (3, "หมู่"),
                    (4, "ตำบล"),
                    (5, "จำนวน"),
                    (6, "มูลค่า"),
                ],
            ),
            row(2, &[(0, "1"), (1, "นายสมชาย ใจดี")]),
        ];
        let header = find_header(&rows, &FieldKeys::new(&MEMBERS)).ok_or("no header")?;
        assert_eq!(header.height, 2, "two header rows");
        assert_eq!(
            field_of(&header, &MEMBERS, 1),
            Some("full_name"),
            "vertical merge"
        );
        assert_eq!(
            field_of(&header, &MEMBERS, 2),
            Some("house_no"),
            "เลขที่ under ที่อยู่"
        );
        assert_eq!(field_of(&header, &MEMBERS, 3), Some("moo"), "หมู่");
        assert_eq!(field_of(&header, &MEMBERS, 4), Some("subdistrict"), "ตำบล");
        assert_eq!(
            field_of(&header, &MEMBERS, 5),
            Some("shares"),
            "จำนวน under หุ้น"
        );
        assert_eq!(
            field_of(&header, &MEMBERS, 6),
            Some("share_value"),
            "มูลค่า under หุ้น"
        );
        let text = header
            .columns
            .iter()
            .find(|c| c.col == 3)
            .map(|c| c.text.as_str());
        assert_eq!(text, Some("ที่อยู่ / หมู่"), "display text names the group");
        Ok(())
    }

    #[test]
    fn ambiguous_number_column_goes_to_the_specific_field() -> Result<(), String> {
        let cells = [(0, "วันที่"), (1, "เลขที่สมาชิก"), (2, "ชื่อ"), (3, "เลขที่ใบเสร็จ")];
        let rows = [row(0, &cells)];
        let header = find_header(&rows, &FieldKeys::new(&LEDGER)).ok_or("no header")?;
        assert_eq!(
            field_of(&header, &LEDGER, 1),
            Some("member_no"),
            "member number"
        );
        assert_eq!(
            field_of(&header, &LEDGER, 3),
            Some("receipt_no"),
            "receipt number"
        );
        let members = find_header(&rows, &FieldKeys::new(&MEMBERS)).ok_or("no header")?;
        assert_eq!(
            field_of(&members, &MEMBERS, 3),
            None,
            "a receipt number is no house number"
        );
        Ok(())
    }

    #[test]
    fn one_field_never_takes_two_columns() -> Result<(), String> {
        let rows = [row(
            0,
            &[(0, "เลขที่สมาชิก"), (1, "ชื่อ"), (2, "ชื่อ"), (3, "รหัสสมาชิก")],
        )];
        let header = find_header(&rows, &FieldKeys::new(&MEMBERS)).ok_or("no header")?;
        let firsts = header.columns.iter().filter(|c| c.field == Some(3)).count();
        assert_eq!(firsts, 1, "first_name mapped once");
        assert_eq!(
            field_of(&header, &MEMBERS, 1),
            Some("first_name"),
            "leftmost wins a tie"
        );
        assert_eq!(
            field_of(&header, &MEMBERS, 3),
            None,
            "second member number column unmapped"
        );
        Ok(())
    }

    #[test]
    fn exact_match_beats_contained_name() -> Result<(), String> {
        let rows = [row(0, &[(0, "เบอร์โทรศัพท์มือถือ"), (1, "โทรศัพท์"), (2, "ชื่อ")])];
        let header = find_header(&rows, &FieldKeys::new(&MEMBERS)).ok_or("no header")?;
        assert_eq!(
            field_of(&header, &MEMBERS, 1),
            Some("phone"),
            "exact header wins"
        );
        assert_eq!(
            field_of(&header, &MEMBERS, 0),
            None,
            "contained match loses"
        );
        Ok(())
    }

    #[test]
    fn repeated_header_is_recognised() -> Result<(), String> {
        let rows = [row(
            0,
            &[(0, "ลำดับ"), (1, "เลขที่สมาชิก"), (2, "ชื่อ"), (3, "นามสกุล")],
        )];
        let header = find_header(&rows, &FieldKeys::new(&MEMBERS)).ok_or("no header")?;
        let again = row(
            40,
            &[(0, "ลำดับ"), (1, "เลขที่ สมาชิก"), (2, "ชื่อ"), (3, "นามสกุล")],
        );
        assert!(header.is_repeated_by(&again), "header after a page break");
        let data = row(41, &[(0, "1"), (1, "BY001"), (2, "ชื่อ"), (3, "ใจดี")]);
        assert!(!header.is_repeated_by(&data), "a data row is no header");
        Ok(())
    }

    /// Builds a key without the ASCII and Thai shortcuts of [`key_char`]:
    /// letters, digits and Thai characters, lower-cased by the Unicode
    /// tables.
    fn key_by_unicode_tables(text: &str) -> impl Iterator<Item = char> + '_ {
        text.chars()
            .filter(|c| c.is_alphanumeric() || is_thai_character(*c))
            .flat_map(char::to_lowercase)
    }

    #[test]
    fn key_of_every_character_unchanged() {
        let mut buffer = [0u8; 4];
        let differing: Vec<char> = (0..=u32::from(char::MAX))
            .filter_map(char::from_u32)
            .filter(|c| {
                let text = c.encode_utf8(&mut buffer);
                !key_chars(text).eq(key_by_unicode_tables(text))
            })
            .collect();
        assert!(differing.is_empty(), "keys changed for {differing:?}");
    }

    #[test]
    fn key_of_mixed_text_unchanged() {
        let texts = [
            "ชื่อ - สกุล",
            "Member No.",
            "น้ำหนัก (กก.)",
            "ราคา/กก. ฿",
            "กรุงเทพฯ",
            "ปีละ ๒ ครั้ง ๆ",
            "จุดรวบรวมศาลาชุมชน",
            "İstanbul ǅ ΣΑΣ ẞ",
            "Ｍ００１ ① ½",
            "#@!,.;:-_/\\ \t",
            "",
        ];
        for text in texts {
            let expected: String = key_by_unicode_tables(text).collect();
            assert_eq!(header_key(text), expected, "key of {text:?}");
        }
        assert_eq!(header_key("ราคา/กก. ฿"), "ราคากก", "baht sign left out");
        assert_eq!(header_key("กรุงเทพฯ"), "กรุงเทพฯ", "ฯ kept");
    }

    #[test]
    fn sheet_without_header_gives_none() {
        let rows = [
            row(0, &[(0, "จำนวนสมาชิก"), (1, "60")]),
            row(1, &[(0, "หุ้นรวม")]),
        ];
        assert_eq!(
            find_header(&rows, &FieldKeys::new(&MEMBERS)),
            None,
            "summary sheet"
        );
    }
}
