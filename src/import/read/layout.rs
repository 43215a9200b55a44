//! The hidden rows and columns of the sheets of an xlsx file, and whether a
//! sheet has a filter on, which calamine 0.38 does not report. An office
//! often hides old rows or an old copy of a column instead of deleting it,
//! and a filter hides the rows it does not show, so the reader needs to
//! know which cells a user does not see.
//!
//! The sheet XML is read a second time for this. A sheet whose XML has no
//! `hidden` attribute and no filter costs one decompression and a byte
//! search; only a sheet with one is parsed.

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
