//! The embedded Sarabun fonts: their bytes, shaping faces and the metrics
//! that a PDF font descriptor needs.
//!
//! Each face is parsed once per process and shared by every document.

use std::collections::HashMap;
use std::sync::OnceLock;

use rustybuzz::ttf_parser::gsub::{SingleSubstitution, SubstitutionSubtable};
use rustybuzz::ttf_parser::opentype_layout::Coverage;
use rustybuzz::ttf_parser::GlyphId;
use rustybuzz::{script, Direction, Face, Language, ShapePlan};

const SARABUN_REGULAR: &[u8] = include_bytes!("../../assets/fonts/Sarabun-Regular.ttf");
const SARABUN_BOLD: &[u8] = include_bytes!("../../assets/fonts/Sarabun-Bold.ttf");

/// A weight of the document typeface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum FontStyle {
    /// Sarabun Regular, for body text.
    Regular,
    /// Sarabun Bold, for titles and amounts.
    Bold,
}

impl FontStyle {
    /// Both styles, in the order of [`FontStyle::index`].
    pub(crate) const ALL: [FontStyle; 2] = [FontStyle::Regular, FontStyle::Bold];

    /// A small index for per-style arrays.
    pub(crate) fn index(self) -> usize {
        match self {
            FontStyle::Regular => 0,
            FontStyle::Bold => 1,
        }
    }

    /// The font's resource name in page content, as in `/F1 12 Tf`.
    pub(crate) fn resource_name(self) -> &'static str {
        match self {
            FontStyle::Regular => "F1",
            FontStyle::Bold => "F2",
        }
    }

    /// The PostScript name, used as the PDF `/BaseFont` after the subset tag.
    pub(crate) fn postscript_name(self) -> &'static str {
        match self {
            FontStyle::Regular => "Sarabun-Regular",
            FontStyle::Bold => "Sarabun-Bold",
        }
    }

    /// The parsed face, loaded on first use.
    pub(crate) fn font(self) -> &'static Font {
        static FONTS: OnceLock<[Font; 2]> = OnceLock::new();
        let fonts = FONTS.get_or_init(|| {
            [
                Font::load(SARABUN_REGULAR, "Regular"),
                Font::load(SARABUN_BOLD, "Bold"),
            ]
        });
        &fonts[self.index()]
    }
}

/// One embedded face with its shaping plans and the metrics a PDF needs.
pub(crate) struct Font {
    /// The TrueType file as embedded in the binary.
    pub(crate) bytes: &'static [u8],
    pub(crate) face: Face<'static>,
    thai_plan: ShapePlan,
    latin_plan: ShapePlan,
    /// Units per em of the font's coordinate system.
    pub(crate) units_per_em: f32,
    /// Number of glyphs, which bounds every glyph ID.
    pub(crate) glyph_count: u16,
    pub(crate) ascender: i16,
    pub(crate) descender: i16,
    pub(crate) cap_height: i16,
    /// Font bounding box: x min, y min, x max, y max in font units.
    pub(crate) bbox: [i16; 4],
    /// Weight class from the OS/2 table, 100 to 900.
    pub(crate) weight: u16,
    /// Text that each glyph stands for, for the PDF's ToUnicode map.
    glyph_text: HashMap<u16, String>,
}

impl Font {
    /// Parses one of the fonts compiled into the binary. A failure here means
    /// the build embedded a broken file, so it panics rather than returning.
    fn load(bytes: &'static [u8], style: &str) -> Font {
        let face = Face::from_slice(bytes, 0)
            .unwrap_or_else(|| panic!("the embedded Sarabun {style} font cannot be parsed"));
        let thai = "th".parse::<Language>().ok();
        let plan = |script| ShapePlan::new(&face, Direction::LeftToRight, Some(script), None, &[]);
        let thai_plan = ShapePlan::new(
            &face,
            Direction::LeftToRight,
            Some(script::THAI),
            thai.as_ref(),
            &[],
        );
        let latin_plan = plan(script::LATIN);
        let bbox = face.global_bounding_box();
        let glyph_text = glyph_text_map(&face);

        Font {
            bytes,
            thai_plan,
            latin_plan,
            units_per_em: face.units_per_em() as f32,
            glyph_count: face.number_of_glyphs(),
            ascender: face.ascender(),
            descender: face.descender(),
            cap_height: face.capital_height().unwrap_or(face.ascender()),
            bbox: [bbox.x_min, bbox.y_min, bbox.x_max, bbox.y_max],
            weight: face.weight().to_number(),
            glyph_text,
            face,
        }
    }

    /// The shaping plan for Thai text (`thai`), or for text without Thai
    /// letters: digits and punctuation shape the same under either.
    pub(crate) fn plan(&self, thai: bool) -> &ShapePlan {
        if thai {
            &self.thai_plan
        } else {
            &self.latin_plan
        }
    }

    /// The advance width of a glyph in font units, as the PDF `/W` array
    /// gives it to viewers.
    pub(crate) fn advance(&self, glyph: u16) -> u16 {
        self.face.glyph_hor_advance(GlyphId(glyph)).unwrap_or(0)
    }

    /// Returns the text a glyph stands for, or `None` when it is unknown.
    pub(crate) fn glyph_text(&self, glyph: u16) -> Option<&str> {
        self.glyph_text.get(&glyph).map(String::as_str)
    }
}

/// Whether `c` is in the Thai block.
pub(crate) fn is_thai(c: char) -> bool {
    ('\u{0E00}'..='\u{0E7F}').contains(&c)
}

/// Maps glyph IDs to the text they stand for. Glyphs reached through the
/// cmap map to their character. Glyphs that only shaping reaches take the
/// text of the glyphs that GSUB replaces with them: `uni0E48.small` that of
/// mai ek, the tailless yo ying that of ญ, and the ligature of nikhahit
/// with mai tho both characters.
fn glyph_text_map(face: &Face<'_>) -> HashMap<u16, String> {
    let mut map: HashMap<u16, String> = HashMap::new();
    if let Some(cmap) = face.tables().cmap {
        for subtable in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
            subtable.codepoints(|code| {
                let glyph = subtable.glyph_index(code);
                if let (Some(glyph), Some(c)) = (glyph, char::from_u32(code)) {
                    map.entry(glyph.0).or_insert_with(|| c.to_string());
                }
            });
        }
    }
    if let Some(gsub) = face.tables().gsub {
        // Substitutions can chain (a form of a form), so repeat until nothing is added.
        loop {
            let known = map.len();
            for lookup in gsub.lookups {
                for subtable in lookup.subtables.into_iter::<SubstitutionSubtable<'_>>() {
                    add_substitution_text(&subtable, &mut map);
                }
            }
            if map.len() == known {
                break;
            }
        }
    }
    map
}

/// Adds the text of glyphs that a single or ligature substitution
/// produces, where the glyphs it replaces have text.
fn add_substitution_text(subtable: &SubstitutionSubtable<'_>, map: &mut HashMap<u16, String>) {
    match subtable {
        SubstitutionSubtable::Single(single) => {
            for (index, glyph) in coverage_glyphs(&single.coverage()) {
                let output = match single {
                    SingleSubstitution::Format1 { delta, .. } => {
                        Some(GlyphId(glyph.0.wrapping_add(*delta as u16)))
                    }
                    SingleSubstitution::Format2 { substitutes, .. } => substitutes.get(index),
                };
                if let (Some(output), Some(text)) = (output, map.get(&glyph.0).cloned()) {
                    map.entry(output.0).or_insert(text);
                }
            }
        }
        SubstitutionSubtable::Ligature(ligatures) => {
            for (index, first) in coverage_glyphs(&ligatures.coverage) {
                let Some(set) = ligatures.ligature_sets.get(index) else {
                    continue;
                };
                for ligature in set {
                    let components = std::iter::once(first).chain(ligature.components);
                    let text: Option<String> = components
                        .map(|g| map.get(&g.0).map(String::as_str))
                        .collect();
                    if let Some(text) = text {
                        map.entry(ligature.glyph.0).or_insert(text);
                    }
                }
            }
        }
        _ => {}
    }
}

/// The glyphs a coverage table lists, with their coverage indices.
fn coverage_glyphs(coverage: &Coverage<'_>) -> Vec<(u16, GlyphId)> {
    match coverage {
        Coverage::Format1 { glyphs } => glyphs
            .into_iter()
            .enumerate()
            .map(|(i, g)| (i as u16, g))
            .collect(),
        Coverage::Format2 { records } => records
            .into_iter()
            .flat_map(|r| {
                (r.start.0..=r.end.0)
                    .map(move |g| (r.value.wrapping_add(g - r.start.0), GlyphId(g)))
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyph_text_follows_shaping_variants() -> Result<(), String> {
        let font = FontStyle::Regular.font();
        let by_name = |name: &str| {
            font.face
                .glyph_index_by_name(name)
                .map(|g| g.0)
                .ok_or(format!("no glyph {name}"))
        };

        assert_eq!(
            font.glyph_text(by_name("uni0E48.small")?),
            Some("\u{0E48}"),
            "small mai ek"
        );
        // The ligature's components come in GSUB order, mai tho first, which is
        // also the order of น้ำ once its sara am is decomposed.
        assert_eq!(
            font.glyph_text(by_name("uni0E4D0E49")?),
            Some("\u{0E49}\u{0E4D}"),
            "mai tho with nikhahit"
        );
        assert_eq!(
            font.glyph_text(by_name("yoYingthai.less")?),
            Some("ญ"),
            "tailless yo ying"
        );
        Ok(())
    }

    #[test]
    fn thai_letters_are_thai() {
        assert!(is_thai('ก'), "ko kai");
        assert!(is_thai('\u{0E48}'), "mai ek");
        assert!(!is_thai('1'), "digit one");
    }
}
