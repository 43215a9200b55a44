//! Embeds a subset of a TrueType font as a PDF composite (Type0) font.
//!
//! Page content shows glyphs by their IDs in the full font, two bytes each
//! (Identity-H encoding, so a code is a CID and a CID is a full-font glyph
//! ID). The subset renumbers glyphs, so the `/CIDToGIDMap` stream maps each
//! CID to its glyph in the subset.
//!
//! The subset comes from allsorts, which printpdf 0.12.8 itself depends on
//! and uses to subset. Typst's `subsetter` 0.2.6, measured as well, gave a
//! subset of the same size: 14.4 KB deflated against allsorts' 14.1 KB for
//! Sarabun's 188 Thai and ASCII glyphs. So no second subsetter is built.

use std::collections::BTreeMap;
use std::io::Write;

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{subset, CmapTarget, SubsetProfile};
use sha2::{Digest, Sha256};

use super::document::FontWriteError;
use super::font::{Font, FontStyle};
use super::writer::{ObjectId, ObjectWriter};

/// Writes the Type0 font `id` with its descendant font, descriptor, font
/// program, ToUnicode map and CIDToGIDMap, holding the glyphs `glyphs`
/// (ascending full-font IDs).
pub(crate) fn write_font<W: Write>(
    writer: &mut ObjectWriter<W>,
    id: ObjectId,
    style: FontStyle,
    glyphs: &[u16],
) -> Result<(), FontWriteError> {
    let font = style.font();
    let program = subset_program(font, glyphs)?;
    let base_font = format!("{}+{}", subset_tag(style, glyphs), style.postscript_name());

    let descendant = writer.reserve();
    let descriptor = writer.reserve();
    let file = writer.reserve();
    let to_unicode = writer.reserve();
    let cid_to_gid = writer.reserve();

    let type0 = format!(
        "<</Type/Font/Subtype/Type0/BaseFont/{base_font}/Encoding/Identity-H\
         /DescendantFonts[{descendant}]/ToUnicode {to_unicode}>>"
    );
    writer.write_object(id, type0.as_bytes())?;
    let cid_font = format!(
        "<</Type/Font/Subtype/CIDFontType2/BaseFont/{base_font}\
         /CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>\
         /FontDescriptor {descriptor}/DW 0/W{}/CIDToGIDMap {cid_to_gid}>>",
        widths(font, glyphs)
    );
    writer.write_object(descendant, cid_font.as_bytes())?;
    writer.write_object(
        descriptor,
        descriptor_body(font, &base_font, file).as_bytes(),
    )?;
    writer.write_stream(file, &format!("/Length1 {}", program.len()), &program)?;
    writer.write_stream(to_unicode, "", to_unicode_cmap(font, glyphs).as_bytes())?;
    writer.write_stream(cid_to_gid, "", &cid_to_gid_map(glyphs))?;
    Ok(())
}

/// Subsets the font program to `.notdef` and `glyphs`, renumbered in that
/// order: glyph `glyphs[i]` becomes glyph `i + 1`.
fn subset_program(font: &Font, glyphs: &[u16]) -> Result<Vec<u8>, FontWriteError> {
    let subset_error = |e: &dyn std::fmt::Display| FontWriteError::Subset(e.to_string());
    let data = ReadScope::new(font.bytes)
        .read::<FontData<'_>>()
        .map_err(|e| subset_error(&e))?;
    let provider = data.table_provider(0).map_err(|e| subset_error(&e))?;
    let ids: Vec<u16> = std::iter::once(0)
        .chain(glyphs.iter().copied().filter(|&g| g != 0))
        .collect();
    subset(
        &provider,
        &ids,
        &SubsetProfile::Pdf,
        CmapTarget::Unrestricted,
    )
    .map_err(|e| subset_error(&e))
}

/// Six capital letters naming this subset, as PDF requires before the
/// name of a subset font; derived from the glyphs so output is repeatable.
fn subset_tag(style: FontStyle, glyphs: &[u16]) -> String {
    let mut hasher = Sha256::new();
    hasher.update(style.postscript_name().as_bytes());
    for glyph in glyphs {
        hasher.update(glyph.to_be_bytes());
    }
    hasher
        .finalize()
        .iter()
        .take(6)
        .map(|b| char::from(b'A' + b % 26))
        .collect()
}

/// Builds the `/W` array: advance widths in thousandths of an em, with
/// consecutive CIDs grouped as `first [w1 w2 ...]`.
fn widths(font: &Font, glyphs: &[u16]) -> String {
    let scale = 1000.0 / font.units_per_em;
    let mut out = String::from("[");
    let mut previous: Option<u16> = None;
    for &glyph in glyphs {
        let width = (f32::from(font.advance(glyph)) * scale).round() as i32;
        match previous {
            Some(p) if p + 1 == glyph => out.push_str(&format!(" {width}")),
            Some(_) => out.push_str(&format!("]{glyph}[{width}")),
            None => out.push_str(&format!("{glyph}[{width}")),
        }
        previous = Some(glyph);
    }
    if previous.is_some() {
        out.push(']');
    }
    out.push(']');
    out
}

fn descriptor_body(font: &Font, base_font: &str, file: ObjectId) -> String {
    let scale = 1000.0 / font.units_per_em;
    let units = |value: i16| (f32::from(value) * scale).round() as i32;
    let [x_min, y_min, x_max, y_max] = font.bbox.map(units);
    // A stem width estimate from the weight class, as the descriptor needs
    // one and TrueType fonts do not record it.
    let stem_v = 10 + (u32::from(font.weight) / 65).pow(2);
    format!(
        "<</Type/FontDescriptor/FontName/{base_font}/Flags 4\
         /FontBBox[{x_min} {y_min} {x_max} {y_max}]/ItalicAngle 0/Ascent {}/Descent {}\
         /CapHeight {}/StemV {stem_v}/FontFile2 {file}>>",
        units(font.ascender),
        units(font.descender),
        units(font.cap_height)
    )
}

/// Builds the ToUnicode CMap from CIDs (full-font glyph IDs) to the text each
/// glyph stands for. Viewers use it where they ignore ActualText.
fn to_unicode_cmap(font: &Font, glyphs: &[u16]) -> String {
    let mappings: BTreeMap<u32, Vec<u32>> = glyphs
        .iter()
        .filter_map(|&glyph| {
            let text = font.glyph_text(glyph)?;
            Some((u32::from(glyph), text.chars().map(u32::from).collect()))
        })
        .collect();
    printpdf::ToUnicodeCMap { mappings }.to_cmap_string("Identity")
}

/// Builds the CIDToGIDMap stream: two bytes per CID from 0 to the largest used,
/// holding the subset glyph ID, or 0 for CIDs the document does not use.
fn cid_to_gid_map(glyphs: &[u16]) -> Vec<u8> {
    let last = glyphs.last().copied().unwrap_or(0);
    let mut map = vec![0u8; 2 * (usize::from(last) + 1)];
    for (index, &glyph) in glyphs.iter().filter(|&&g| g != 0).enumerate() {
        let subset_id = (index + 1) as u16;
        map[2 * usize::from(glyph)..][..2].copy_from_slice(&subset_id.to_be_bytes());
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_group_consecutive_glyphs() {
        let font = FontStyle::Regular.font();
        let w = |g| font.advance(g);

        let array = widths(font, &[3, 4, 10]);

        assert_eq!(
            array,
            format!("[3[{} {}]10[{}]]", w(3), w(4), w(10)),
            "grouped runs"
        );
    }

    #[test]
    fn cid_to_gid_map_follows_subset_order() {
        let map = cid_to_gid_map(&[2, 5]);

        assert_eq!(map.len(), 12, "two bytes for CIDs 0 to 5");
        assert_eq!(&map[4..6], &[0, 1], "CID 2 is subset glyph 1");
        assert_eq!(&map[10..12], &[0, 2], "CID 5 is subset glyph 2");
        assert_eq!(&map[6..8], &[0, 0], "unused CID 3 maps to .notdef");
    }

    #[test]
    fn subset_tag_is_six_capitals() {
        let tag = subset_tag(FontStyle::Bold, &[3, 460]);

        assert_eq!(tag.len(), 6, "six letters: {tag}");
        assert!(
            tag.bytes().all(|b| b.is_ascii_uppercase()),
            "capitals: {tag}"
        );
    }

    #[test]
    fn subset_is_smaller_than_font() -> Result<(), String> {
        let font = FontStyle::Regular.font();
        let mut glyphs: Vec<u16> = "ที่ดิน 123"
            .chars()
            .filter_map(|c| font.face.glyph_index(c))
            .map(|g| g.0)
            .collect();
        glyphs.sort_unstable();
        glyphs.dedup();

        let program = subset_program(font, &glyphs).map_err(|e| match e {
            FontWriteError::Subset(message) => message,
            FontWriteError::Io(e) => e.to_string(),
        })?;

        assert!(
            program.len() < font.bytes.len() / 4,
            "subset of {} bytes",
            program.len()
        );
        Ok(())
    }
}
