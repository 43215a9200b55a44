//! A sheet as the reader holds it before typing: only the cells the file
//! stores, in row order, so that a stray cell in column XFD or row
//! 1,048,576 costs one entry rather than a dense range out to it.

use std::borrow::Cow;

use crate::import::cell::{CellContext, RawValue};
use crate::import::header::TextRow;

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
    /// Cells in row-major order.
    pub cells: Vec<RawCell>,
    /// Workbook settings for typing cells.
    pub context: CellContext,
    /// Whether a cell element without a value may be a formula whose result
    /// was not saved, which only an xlsx file can tell.
    pub may_lack_formula_values: bool,
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
