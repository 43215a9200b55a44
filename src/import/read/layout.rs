//! The hidden rows and columns of the sheets of an xlsx, ods or BIFF8 xls
//! file, whether a sheet has a filter on, and (for ods and xls) which cells
//! are struck through, none of which calamine 0.38 reports. An office often
//! hides old rows or an old copy of a column instead of deleting it, and a
//! filter hides the rows it does not show, so the reader needs to know
//! which cells a user does not see.
//!
//! The file is read a second time for this. An xlsx sheet whose XML has no
//! `hidden` attribute and no filter costs one decompression and a byte
//! search, and only a sheet with one is parsed. The content of an ods file
//! and the workbook stream of an xls file are parsed whole.

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
    /// (0-based row, column) of cells with a value whose text is struck
    /// through, sorted. Read for ods and BIFF8 xls files; the xlsx reader
    /// takes them from the cell styles it reads anyway.
    pub struck_cells: Vec<(u32, u32)>,
}

/// Maximum number of columns of an xlsx sheet (A to XFD), so that a `<col>`
/// range reaching past it cannot make the reader list millions of columns.
const MAX_COLUMNS: u32 = 16_384;

/// Reads the layout of each worksheet of the xlsx file at `path`, by sheet
/// name. A sheet without hidden rows, columns or filter is left out.
///
/// A file whose parts cannot be found or parsed gives an empty map, with
/// the reason in the log, rather than an error, because calamine reports a
/// really damaged file. The import then goes on without the layout's
/// warnings and refusals.
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
/// range with filter buttons is a filter. A cell with a value whose
/// automatic style strikes its text through is a struck cell. Fails soft
/// like [`read_layouts`].
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
    let mut scan = OdsScan::default();
    for_each_element(content, |element| scan.visit(element))?;
    let mut layouts = scan.layouts;
    for range in scan.filtered_ranges {
        let name = range_sheet(&range);
        layouts.entry(name.to_string()).or_default().has_filter = true;
    }
    for layout in layouts.values_mut() {
        layout.hidden_rows.sort_unstable();
        layout.hidden_cols.sort_unstable();
        layout.hidden_cols.dedup();
        layout.struck_cells.sort_unstable();
    }
    Ok(layouts)
}

/// The state of one pass over an OpenDocument content.xml.
#[derive(Default)]
struct OdsScan {
    layouts: HashMap<String, SheetLayout>,
    /// Target addresses of database ranges with filter buttons.
    filtered_ranges: Vec<String>,
    /// Names of cell styles whose text is struck through.
    struck_styles: Vec<String>,
    /// Name of the cell style being read, while inside one.
    cell_style: Option<String>,
    sheet: String,
    /// 0-based column of the next `table:table-column` element.
    next_column: u32,
    /// 0-based row of the current row, and how often it repeats.
    row: u32,
    rows_repeated: u32,
    /// 0-based column of the next cell in the current row.
    cell_column: u32,
}

impl OdsScan {
    fn visit(&mut self, element: &BytesStart<'_>) {
        let repeated = |name: &str| {
            let count = attribute(element, name).and_then(|n| n.parse::<u32>().ok());
            count.unwrap_or(1).max(1)
        };
        let hidden = matches!(
            attribute(element, "visibility").as_deref(),
            Some("collapse" | "filter")
        );
        match element.local_name().as_ref() {
            "style" => {
                let is_cell = attribute(element, "family").as_deref() == Some("table-cell");
                self.cell_style = attribute(element, "name").filter(|_| is_cell);
            }
            "text-properties" => {
                let line = attribute(element, "text-line-through-style");
                let struck = line.is_some_and(|style| style != "none");
                if let (true, Some(name)) = (struck, &self.cell_style) {
                    self.struck_styles.push(name.clone());
                }
            }
            "table" => {
                self.sheet = attribute(element, "name").unwrap_or_default();
                (self.next_column, self.row, self.rows_repeated) = (0, 0, 0);
            }
            "table-column" => {
                let count = repeated("number-columns-repeated");
                if hidden {
                    let first = self.next_column;
                    let end = first.saturating_add(count).min(MAX_COLUMNS);
                    self.layout().hidden_cols.extend(first..end);
                }
                self.next_column = self.next_column.saturating_add(count);
            }
            "table-row" => {
                self.row = self.row.saturating_add(self.rows_repeated);
                self.rows_repeated = repeated("number-rows-repeated");
                self.cell_column = 0;
                if hidden && self.rows_repeated <= MAX_REPEATED_ROWS {
                    let rows = self.row..self.row.saturating_add(self.rows_repeated);
                    self.layout().hidden_rows.extend(rows);
                }
            }
            "table-cell" | "covered-table-cell" => {
                let count = repeated("number-columns-repeated");
                let style = attribute(element, "style-name");
                let has_value = attribute(element, "value-type").is_some();
                let struck = style.is_some_and(|style| self.struck_styles.contains(&style));
                if struck && has_value && count <= MAX_REPEATED_ROWS {
                    let (row, rows) = (self.row, self.rows_repeated.min(MAX_REPEATED_ROWS));
                    let columns = self.cell_column..self.cell_column.saturating_add(count);
                    let cells =
                        (row..row + rows).flat_map(|r| columns.clone().map(move |c| (r, c)));
                    self.layout().struck_cells.extend(cells);
                }
                self.cell_column = self.cell_column.saturating_add(count);
            }
            "database-range" => {
                let buttons = attribute(element, "display-filter-buttons");
                let range = attribute(element, "target-range-address");
                if let (Some("true"), Some(range)) = (buttons.as_deref(), range) {
                    self.filtered_ranges.push(range);
                }
            }
            _ => {}
        }
    }

    fn layout(&mut self) -> &mut SheetLayout {
        self.layouts.entry(self.sheet.clone()).or_default()
    }
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
/// hidden columns. An AUTOFILTERINFO record is a filter, and a cell whose
/// format uses a font with the fStrikeOut flag is struck through. Fails
/// soft like [`read_layouts`].
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

const BIFF_FONT: u16 = 0x0031;
const BIFF_XF: u16 = 0x00e0;
const BIFF_MULRK: u16 = 0x00bd;
/// Cell records that start with row, column and XF index and have a value:
/// LABELSST, NUMBER, RK, LABEL, BOOLERR and FORMULA.
const BIFF_VALUE_CELLS: [u16; 6] = [0x00fd, 0x0203, 0x027e, 0x0204, 0x0205, 0x0006];

fn parse_biff8(stream: &[u8]) -> HashMap<String, SheetLayout> {
    let mut sheets = Vec::new();
    let mut struck_fonts = Vec::new();
    let mut struck_formats = Vec::new();
    for (kind, data) in biff_records(stream, 0) {
        match kind {
            BIFF_BOUNDSHEET => sheets.extend(boundsheet(data)),
            // FONT: the fStrikeOut bit of grbit.
            BIFF_FONT => struck_fonts.push(u16_at(data, 2).is_some_and(|flags| flags & 0x08 != 0)),
            BIFF_XF => {
                // There is no font 4, so font indexes above it are one off.
                let font = usize::from(u16_at(data, 0).unwrap_or(0));
                let index = if font > 4 { font - 1 } else { font };
                struck_formats.push(struck_fonts.get(index).copied().unwrap_or(false));
            }
            BIFF_EOF => break,
            _ => {}
        }
    }
    let is_struck = |format: Option<u16>| {
        format.is_some_and(|format| struck_formats.get(usize::from(format)) == Some(&true))
    };
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
                    let first = u16_at(data, 0);
                    if let (true, Some(first), Some(last)) = (hidden, first, u16_at(data, 2)) {
                        let columns = u32::from(first)..=u32::from(last).min(255);
                        layout.hidden_cols.extend(columns);
                    }
                }
                BIFF_AUTOFILTERINFO => layout.has_filter = true,
                kind if BIFF_VALUE_CELLS.contains(&kind) && is_struck(u16_at(data, 4)) => {
                    if let (Some(row), Some(col)) = (u16_at(data, 0), u16_at(data, 2)) {
                        layout.struck_cells.push((u32::from(row), u32::from(col)));
                    }
                }
                BIFF_MULRK => {
                    // Row, first column, then six bytes a cell (XF index
                    // and RK value), then the last column.
                    let (Some(row), Some(first)) = (u16_at(data, 0), u16_at(data, 2)) else {
                        continue;
                    };
                    let cells = data
                        .get(4..data.len().saturating_sub(2))
                        .unwrap_or_default();
                    for (index, cell) in cells.chunks_exact(6).enumerate() {
                        if is_struck(u16_at(cell, 0)) {
                            let col = u32::from(first) + index as u32;
                            layout.struck_cells.push((u32::from(row), col));
                        }
                    }
                }
                BIFF_EOF => break,
                _ => {}
            }
        }
        layout.hidden_rows.sort_unstable();
        layout.hidden_cols.sort_unstable();
        layout.hidden_cols.dedup();
        layout.struck_cells.sort_unstable();
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
