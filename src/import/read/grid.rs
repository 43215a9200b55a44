//! A sheet as the reader holds it before typing: only the cells the file
//! stores, in row order, so that a stray cell in column XFD or row
//! 1,048,576 costs one entry rather than a dense range out to it.

use std::borrow::Cow;

use crate::import::cell::{CellContext, RawValue};
use crate::import::header::TextRow;
use crate::import::report::{column_letter, Problem};

/// One stored cell.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RawCell {
    /// 0-based row.
    pub row: u32,
    /// 0-based column.
    pub col: u32,
    /// The value as stored.
    pub value: RawValue,
}

/// The stored cells of one sheet, sorted by row and then column.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Grid {
    /// Sheet name; for CSV, the file name.
    pub name: String,
    /// Whether the workbook hides the sheet (hidden or very hidden).
    pub hidden: bool,
    /// Cells in row-major order.
    pub cells: Vec<RawCell>,
    /// Workbook settings for typing cells.
    pub context: CellContext,
    /// Whether a cell element without a value may be a formula whose result
    /// was not saved, which only an xlsx file can tell.
    pub may_lack_formula_values: bool,
    /// Problems found while reading the file, such as an unbalanced quote in
    /// a CSV file, each with the sheet's own 1-based row number.
    pub problems: Vec<Problem>,
    /// Merged ranges of the sheet, when the format stores them and they
    /// were read with the cells.
    pub merged: Vec<MergedRange>,
    /// Whether the sheet may have merged ranges that were not read with the
    /// cells. For xlsx they are read later, and only when a data row has a
    /// gap, because scanning for them costs about as much as reading the
    /// cells.
    pub merges_unread: bool,
    /// 0-based rows the sheet hides, sorted. Read for xlsx, ods and BIFF8
    /// xls files.
    pub hidden_rows: Vec<u32>,
    /// 0-based columns the sheet hides, sorted. Read for xlsx, ods and BIFF8
    /// xls files.
    pub hidden_cols: Vec<u32>,
    /// Whether the sheet has a filter on, which hides the rows it leaves
    /// out.
    pub has_filter: bool,
    /// (0-based row, column) of non-blank cells whose font is struck
    /// through, in row-major order. Read for xlsx, ods and BIFF8 xls files.
    pub struck_cells: Vec<(u32, u32)>,
}

/// A range of merged cells, 0-based and inclusive. The file stores the
/// value in the top-left cell; the others are covered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct MergedRange {
    pub first_row: u32,
    pub first_col: u32,
    pub last_row: u32,
    pub last_col: u32,
}

impl MergedRange {
    /// Converts calamine's dimensions of a merged range.
    pub(crate) fn from_dimensions(dimensions: &calamine::Dimensions) -> MergedRange {
        MergedRange {
            first_row: dimensions.start.0,
            first_col: dimensions.start.1,
            last_row: dimensions.end.0,
            last_col: dimensions.end.1,
        }
    }

    /// Formats the range in A1 notation, such as "D3:D4".
    pub(crate) fn a1(&self) -> String {
        format!(
            "{}{}:{}{}",
            column_letter(self.first_col),
            self.first_row + 1,
            column_letter(self.last_col),
            self.last_row + 1
        )
    }
}

impl Grid {
    /// Creates an empty grid.
    pub(crate) fn new(name: impl Into<String>, context: CellContext) -> Grid {
        Grid {
            name: name.into(),
            context,
            ..Grid::default()
        }
    }

    /// Adds a cell. Cells may come in any order; [`Grid::finish`] sorts them.
    pub(crate) fn push(&mut self, row: u32, col: u32, value: RawValue) {
        self.cells.push(RawCell { row, col, value });
    }

    /// Sorts the cells into row-major order, if they are not already.
    pub(crate) fn finish(mut self) -> Grid {
        let sorted = self
            .cells
            .windows(2)
            .all(|w| (w[0].row, w[0].col) <= (w[1].row, w[1].col));
        if !sorted {
            self.cells.sort_by_key(|cell| (cell.row, cell.col));
        }
        self
    }

    /// Checks whether the sheet hides 0-based column `col`.
    pub(crate) fn is_col_hidden(&self, col: u32) -> bool {
        self.hidden_cols.binary_search(&col).is_ok()
    }

    /// The cells of each stored row, in order.
    pub(crate) fn rows(&self) -> impl Iterator<Item = &[RawCell]> {
        self.cells.chunk_by(|a, b| a.row == b.row)
    }

    /// The first `limit` rows that have text or a number in a column up to
    /// `max_col`, as cleaned text.
    pub(crate) fn text_rows(&self, limit: usize, max_col: u32) -> Vec<TextRow<'_>> {
        self.rows()
            .map(|cells| text_row(cells, max_col))
            .filter(|row| !row.cells.is_empty())
            .take(limit)
            .collect()
    }
}

/// The non-blank cells of a row up to `max_col` as cleaned text; numbers are
/// shown as a spreadsheet shows them in General format.
pub(crate) fn text_row(cells: &[RawCell], max_col: u32) -> TextRow<'_> {
    let row = cells.first().map_or(0, |cell| cell.row);
    let cells = cells
        .iter()
        .filter(|cell| cell.col <= max_col && !cell.value.is_blank())
        .map(|cell| {
            let text = cell
                .value
                .text()
                .unwrap_or_else(|| Cow::Owned(cell.value.display()));
            (cell.col, text)
        })
        .collect();
    TextRow { row, cells }
}
