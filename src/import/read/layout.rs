//! The hidden rows and columns of the sheets of an xlsx, ods or BIFF8 xls
//! file, and whether a sheet has a filter on, which calamine 0.38 does not
//! report. An office
//! often hides old rows or an old copy of a column instead of deleting it,
//! and a filter hides the rows it does not show, so the reader needs to
//! know which cells a user does not see.
//!
//! The sheet XML is read a second time for this. An xlsx sheet whose XML
//! has no `hidden` attribute and no filter costs one decompression and a
//! byte search, and only a sheet with one is parsed. The content of an ods
//! file is parsed whole.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

/// The rows and columns a sheet hides from its user, and its filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct SheetLayout {
    /// 0-based rows marked hidden, sorted.
    pub hidden_rows: Vec<u32>,
    /// 0-based columns marked hidden, sorted.
    pub hidden_cols: Vec<u32>,
    /// Whether the sheet has an autofilter, whose hidden rows are the ones
    /// the filter leaves out.
    pub has_filter: bool,
}

/// Maximum number of columns of an xlsx sheet (A to XFD), so that a `<col>`
/// range reaching past it cannot make the reader list millions of columns.
const MAX_COLUMNS: u32 = 16_384;

/// Reads the layout of each worksheet of the xlsx file at `path`, by sheet
/// name. A sheet without hidden rows, columns or filter is left out.
///
/// The layout only adds warnings to an import. So a file whose parts cannot
/// be found or parsed gives an empty map, with the reason in the log,
/// rather than an error, and calamine reports a really damaged file.
pub(crate) fn read_layouts(path: &Path) -> HashMap<String, SheetLayout> {
    match try_read_layouts(path) {
        Ok(layouts) => layouts,
        Err(error) => {
            tracing::debug!(%error, "cannot read hidden rows and columns");
            HashMap::new()
        }
    }
}

/// Reads the layout of each sheet of the OpenDocument spreadsheet at
/// `path`, by sheet name, from its content.xml: columns and rows with
/// `table:visibility` "collapse" or "filter" are hidden, and a database
/// range with filter buttons is a filter. Fails soft like [`read_layouts`].
pub(crate) fn read_ods_layouts(path: &Path) -> HashMap<String, SheetLayout> {
    let layouts = File::open(path)
        .map_err(Box::<dyn std::error::Error>::from)
        .and_then(|file| Ok(zip::ZipArchive::new(BufReader::new(file))?))
        .and_then(|mut archive| read_part(&mut archive, "content.xml"))
        .and_then(|content| parse_ods_content(&content));
    match layouts {
        Ok(layouts) => layouts,
        Err(error) => {
            tracing::debug!(%error, "cannot read hidden rows and columns");
            HashMap::new()
        }
    }
}

/// Maximum number of rows of one `table:table-row` element with a repeat
/// count that are listed as hidden. A longer run is the empty rest of a
/// sheet, which contains no records.
const MAX_REPEATED_ROWS: u32 = 10_000;

fn parse_ods_content(
    content: &[u8],
) -> Result<HashMap<String, SheetLayout>, Box<dyn std::error::Error>> {
    let mut layouts: HashMap<String, SheetLayout> = HashMap::new();
    let mut sheet = String::new();
    let (mut row, mut col) = (0u32, 0u32);
    let mut filtered_sheets = Vec::new();
    for_each_element(content, |element| {
        let repeated = |name: &str| {
            let count = attribute(element, name).and_then(|n| n.parse::<u32>().ok());
            count.unwrap_or(1).max(1)
        };
        let hidden = matches!(
            attribute(element, "visibility").as_deref(),
            Some("collapse" | "filter")
        );
        match element.local_name().as_ref() {
            "table" => {
                sheet = attribute(element, "name").unwrap_or_default();
                (row, col) = (0, 0);
            }
            "table-column" => {
                let count = repeated("number-columns-repeated");
                if hidden {
                    let end = col.saturating_add(count).min(MAX_COLUMNS);
                    let layout = layouts.entry(sheet.clone()).or_default();
                    layout.hidden_cols.extend(col..end);
                }
                col = col.saturating_add(count);
            }
            "table-row" => {
                let count = repeated("number-rows-repeated");
                if hidden && count <= MAX_REPEATED_ROWS {
                    let layout = layouts.entry(sheet.clone()).or_default();
                    layout.hidden_rows.extend(row..row.saturating_add(count));
                }
                row = row.saturating_add(count);
            }
            "database-range" => {
                let buttons = attribute(element, "display-filter-buttons");
                let range = attribute(element, "target-range-address");
                if let (Some("true"), Some(range)) = (buttons.as_deref(), range) {
                    filtered_sheets.push(range);
                }
            }
            _ => {}
        }
    })?;
    for range in filtered_sheets {
        let name = range_sheet(&range);
        layouts.entry(name.to_string()).or_default().has_filter = true;
    }
    for layout in layouts.values_mut() {
        layout.hidden_rows.sort_unstable();
        layout.hidden_cols.sort_unstable();
        layout.hidden_cols.dedup();
    }
    Ok(layouts)
}

/// Returns the sheet name of an OpenDocument range address such as
/// "Sheet1.A3:Sheet1.G9" or "'Old data'.A3:'Old data'.G9": the text before
/// the first dot, or the quoted name, with a leading `$` dropped.
fn range_sheet(range: &str) -> &str {
    let range = range.trim_start_matches('$');
    match range.strip_prefix('\'') {
        Some(quoted) => quoted.split_once('\'').map_or(quoted, |(name, _)| name),
        None => range.split_once('.').map_or(range, |(name, _)| name),
    }
}

/// Reads the layout of each sheet of the Excel 97-2003 (BIFF8) workbook at
/// `path`, by sheet name, from its records. ROW records with the fDyZero
/// flag are hidden rows, and COLINFO records with the fHidden flag are
/// hidden columns. An AUTOFILTERINFO record is a filter. Fails soft like
/// [`read_layouts`].
pub(crate) fn read_xls_layouts(path: &Path) -> HashMap<String, SheetLayout> {
    let stream = cfb::open(path)
        .map_err(Box::<dyn std::error::Error>::from)
        .and_then(|mut file| {
            let mut stream = file.open_stream("/Workbook")?;
            let mut bytes = Vec::new();
            stream.read_to_end(&mut bytes)?;
            Ok(bytes)
        });
    match stream.map(|bytes| parse_biff8(&bytes)) {
        Ok(layouts) => layouts,
        Err(error) => {
            tracing::debug!(%error, "cannot read hidden rows and columns");
            HashMap::new()
        }
    }
}

const BIFF_EOF: u16 = 0x000a;
const BIFF_BOUNDSHEET: u16 = 0x0085;
const BIFF_ROW: u16 = 0x0208;
const BIFF_COLINFO: u16 = 0x007d;
const BIFF_AUTOFILTERINFO: u16 = 0x009d;

/// Splits a BIFF stream from `offset` into (record type, record data),
/// up to the end of the stream or a truncated record.
fn biff_records(stream: &[u8], offset: usize) -> impl Iterator<Item = (u16, &[u8])> {
    let mut position = offset;
    std::iter::from_fn(move || {
        let header = stream.get(position..position + 4)?;
        let kind = u16::from_le_bytes([header[0], header[1]]);
        let length = usize::from(u16::from_le_bytes([header[2], header[3]]));
        let data = stream.get(position + 4..position + 4 + length)?;
        position += 4 + length;
        Some((kind, data))
    })
}

fn u16_at(data: &[u8], offset: usize) -> Option<u16> {
    let bytes = data.get(offset..offset + 2)?;
    Some(u16::from_le_bytes([bytes[0], bytes[1]]))
}

fn parse_biff8(stream: &[u8]) -> HashMap<String, SheetLayout> {
    let mut sheets = Vec::new();
    for (kind, data) in biff_records(stream, 0) {
        match kind {
            BIFF_BOUNDSHEET => sheets.extend(boundsheet(data)),
            BIFF_EOF => break,
            _ => {}
        }
    }
    let mut layouts = HashMap::new();
    for (name, offset) in sheets {
        let mut layout = SheetLayout::default();
        for (kind, data) in biff_records(stream, offset) {
            match kind {
                BIFF_ROW => {
                    let hidden = u16_at(data, 12).is_some_and(|flags| flags & 0x20 != 0);
                    if let (true, Some(row)) = (hidden, u16_at(data, 0)) {
                        layout.hidden_rows.push(u32::from(row));
                    }
                }
                BIFF_COLINFO => {
                    let hidden = u16_at(data, 8).is_some_and(|flags| flags & 0x01 != 0);
                    if let (true, Some(first), Some(last)) =
                        (hidden, u16_at(data, 0), u16_at(data, 2))
                    {
                        layout
                            .hidden_cols
                            .extend(u32::from(first)..=u32::from(last).min(255));
                    }
                }
                BIFF_AUTOFILTERINFO => layout.has_filter = true,
                BIFF_EOF => break,
                _ => {}
            }
        }
        layout.hidden_rows.sort_unstable();
        layout.hidden_cols.sort_unstable();
        layout.hidden_cols.dedup();
        if layout != SheetLayout::default() {
            layouts.insert(name, layout);
        }
    }
    layouts
}

/// Reads a BOUNDSHEET8 record: the stream offset of the sheet's BOF record
/// and its name, a ShortXLUnicodeString (8-bit or UTF-16 characters).
fn boundsheet(data: &[u8]) -> Option<(String, usize)> {
    let offset = u32::from_le_bytes(data.get(0..4)?.try_into().ok()?) as usize;
    let count = usize::from(*data.get(6)?);
    let wide = data.get(7)? & 0x01 != 0;
    let name = if wide {
        let units: Vec<u16> = data
            .get(8..8 + 2 * count)?
            .chunks_exact(2)
            .map(|pair| u16::from_le_bytes([pair[0], pair[1]]))
            .collect();
        String::from_utf16(&units).ok()?
    } else {
        data.get(8..8 + count)?
            .iter()
            .map(|b| char::from(*b))
            .collect()
    };
    Some((name, offset))
}

type Archive = zip::ZipArchive<BufReader<File>>;

fn try_read_layouts(
    path: &Path,
) -> Result<HashMap<String, SheetLayout>, Box<dyn std::error::Error>> {
    let mut archive = zip::ZipArchive::new(BufReader::new(File::open(path)?))?;
    let mut layouts = HashMap::new();
    for (name, part) in sheet_parts(&mut archive)? {
        let Ok(bytes) = read_part(&mut archive, &part) else {
            continue;
        };
        let layout = parse_sheet(&bytes)?;
        if layout != SheetLayout::default() {
            layouts.insert(name, layout);
        }
    }
    Ok(layouts)
}

fn read_part(archive: &mut Archive, part: &str) -> Result<Vec<u8>, Box<dyn std::error::Error>> {
    let mut entry = archive.by_name(part)?;
    let mut bytes = Vec::with_capacity(entry.size().min(1 << 26) as usize);
    entry.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Lists (sheet name, zip part name) from xl/workbook.xml and its
/// relationships.
fn sheet_parts(archive: &mut Archive) -> Result<Vec<(String, String)>, Box<dyn std::error::Error>> {
    let mut targets = HashMap::new();
    let rels = read_part(archive, "xl/_rels/workbook.xml.rels")?;
    for_each_element(&rels, |element| {
        if element.local_name().as_ref() == "Relationship" {
            let id = attribute(element, "Id");
            let target = attribute(element, "Target");
            if let (Some(id), Some(target)) = (id, target) {
                targets.insert(id, part_name(&target));
            }
        }
    })?;
    let mut sheets = Vec::new();
    let workbook = read_part(archive, "xl/workbook.xml")?;
    for_each_element(&workbook, |element| {
        if element.local_name().as_ref() == "sheet" {
            let name = attribute(element, "name");
            let target = attribute(element, "id").and_then(|id| targets.get(&id));
            if let (Some(name), Some(target)) = (name, target) {
                sheets.push((name, target.clone()));
            }
        }
    })?;
    Ok(sheets)
}

/// Turns a relationship target into a zip part name: "worksheets/sheet1.xml"
/// is relative to xl/, "/xl/worksheets/sheet1.xml" is absolute.
fn part_name(target: &str) -> String {
    match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None => format!("xl/{target}"),
    }
}

fn parse_sheet(bytes: &[u8]) -> Result<SheetLayout, Box<dyn std::error::Error>> {
    let mut layout = SheetLayout::default();
    if !contains(bytes, b"hidden=\"") && !contains(bytes, b"autoFilter") {
        return Ok(layout);
    }
    for_each_element(bytes, |element| match element.local_name().as_ref() {
        "row" if is_hidden(element) => {
            let row = attribute(element, "r").and_then(|r| r.parse::<u32>().ok());
            if let Some(row) = row.filter(|row| *row >= 1) {
                layout.hidden_rows.push(row - 1);
            }
        }
        "col" if is_hidden(element) => {
            let number = |name: &str| attribute(element, name)?.parse::<u32>().ok();
            if let (Some(min), Some(max)) = (number("min"), number("max")) {
                let max = max.min(MAX_COLUMNS);
                layout.hidden_cols.extend(min.max(1) - 1..max);
            }
        }
        "autoFilter" => layout.has_filter = true,
        _ => {}
    })?;
    layout.hidden_rows.sort_unstable();
    layout.hidden_cols.sort_unstable();
    layout.hidden_cols.dedup();
    Ok(layout)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

fn is_hidden(element: &BytesStart<'_>) -> bool {
    matches!(attribute(element, "hidden").as_deref(), Some("1" | "true"))
}

/// Returns the unescaped value of the attribute whose local name (without
/// a namespace prefix such as `r:`) is `name`.
fn attribute(element: &BytesStart<'_>, name: &str) -> Option<String> {
    let mut attributes = element.attributes();
    let found = attributes
        .with_checks(false)
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)?;
    found
        .normalized_value(XmlVersion::Implicit1_0)
        .ok()
        .map(|value| value.into_owned())
}

/// Calls `visit` on every start and empty element of an XML document.
fn for_each_element(
    bytes: &[u8],
    mut visit: impl FnMut(&BytesStart<'_>),
) -> Result<(), quick_xml::Error> {
    let mut reader = Reader::from_reader(bytes);
    let mut buffer = Vec::new();
    loop {
        match reader.read_event_into(&mut buffer)? {
            Event::Start(element) | Event::Empty(element) => visit(&element),
            Event::Eof => return Ok(()),
            _ => {}
        }
        buffer.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::range_sheet;

    #[test]
    fn range_sheet_names() {
        assert_eq!(range_sheet("ทะเบียน.A3:ทะเบียน.G9"), "ทะเบียน", "plain");
        assert_eq!(
            range_sheet("'Old data.2566'.A3:'Old data.2566'.G9"),
            "Old data.2566"
        );
        assert_eq!(range_sheet("$Sheet1.$A$3:.$G$9"), "Sheet1", "absolute");
    }
}
