//! Thai PDF documents: dividend slips, member share statements, and the
//! waste bank's deposit receipts and programme report.
//!
//! Text is shaped with rustybuzz, so tone marks and vowels sit where the
//! font's OpenType tables put them, and drawn as glyph IDs inside ActualText
//! spans, so that copying text out of the PDF gives the Thai as typed. Each
//! document embeds one subset of Sarabun Regular and one of Sarabun Bold
//! with only the glyphs it uses.
//!
//! Pages are written to the file as they are drawn, so a run of 10,000
//! slips takes no more memory than a run of ten. Output goes to a temporary
//! file beside the target, which is renamed over the target when complete,
//! so a failed run never leaves half a PDF under the requested name.
//!
//! The building blocks for further documents are `canvas::Canvas` (text,
//! lines and boxes on a page, with alignment, fitting and wrapping) and
//! `document::Document` (pages and repeated templates streamed to a file).

mod canvas;
mod document;
mod embed;
pub mod exchange;
mod font;
pub mod fund_report;
pub mod map;
mod programme;
mod receipt;
mod shape;
mod slips;
mod statement;
mod writer;

#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};

pub use programme::{write_programme_report, ProgrammeHeader};
pub use receipt::{write_receipt, Receipt, ReceiptLayout, ReceiptLine};
pub use slips::{
    write_slips, DividendBasis, Patronage, Slip, SlipHeader, SlipLayout, SlipsSummary,
};
pub use statement::{write_statement, Statement, StatementLine};

/// A failure while laying out or writing a PDF.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// Writing the file failed.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The output file.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },

    /// Text contains a character that the document font cannot print.
    #[error(
        "the font has no glyph for {character:?} (U+{:04X}) in {text:?}; correct the text \
         and print again",
        u32::from(*character)
    )]
    MissingGlyph {
        /// The character without a glyph.
        character: char,
        /// The text it appears in.
        text: String,
    },

    /// The embedded font could not be subset.
    #[error("cannot embed the font: {message}")]
    Font {
        /// The subsetter's message.
        message: String,
    },

    /// A run had no slips to print.
    #[error("there are no slips to print")]
    NoSlips,
}

/// Replaces each character that the document fonts cannot print with
/// "?", so that one name typed with an emoji or a rare symbol prints as
/// readable text instead of stopping a whole run of slips.
///
/// ```
/// use chumchon::pdf::printable;
/// assert_eq!(printable("สมชาย ใจดี"), "สมชาย ใจดี");
/// assert_eq!(printable("มาลี 🌸"), "มาลี ?");
/// ```
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let fonts = [
        font::FontStyle::Regular.font(),
        font::FontStyle::Bold.font(),
    ];
    let printable =
        |c: char| c.is_control() || fonts.iter().all(|font| font.face.glyph_index(c).is_some());
    if text.chars().all(printable) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(
        text.chars()
            .map(|c| if printable(c) { c } else { '?' })
            .collect(),
    )
}

impl PdfError {
    fn write(path: &Path, source: std::io::Error) -> PdfError {
        PdfError::Write {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// Runs `write` on a temporary path beside `out` and renames the result to
/// `out` when it succeeds; removes the temporary file when it fails.
fn write_atomically<T>(
    out: &Path,
    write: impl FnOnce(&Path) -> Result<T, PdfError>,
) -> Result<T, PdfError> {
    let mut partial = out.as_os_str().to_owned();
    partial.push(".partial");
    let partial = PathBuf::from(partial);

    match write(&partial) {
        Ok(value) => {
            std::fs::rename(&partial, out).map_err(|e| PdfError::write(out, e))?;
            Ok(value)
        }
        Err(error) => {
            // The run already failed; a leftover temporary file is the lesser problem.
            let _ = std::fs::remove_file(&partial);
            Err(error)
        }
    }
}

/// Formats a whole number with thousands separators, as "12,345".
fn group_thousands(value: i64) -> String {
    let digits = value.unsigned_abs().to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if value < 0 {
        grouped.push('-');
    }
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}
