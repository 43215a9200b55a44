//! Text shaping with rustybuzz, width measurement and line wrapping.
//!
//! Thai needs the font's OpenType tables to print right: GSUB swaps in the
//! tailless ญ and ฐ before a lower vowel and a smaller tone mark above an
//! upper vowel (ที่), and GPOS places each mark on its base. Shaping turns a
//! string into glyph IDs with those positions, which the page content then
//! draws as given.

use std::collections::HashMap;
use std::rc::Rc;

use rustybuzz::UnicodeBuffer;

use super::font::{is_thai, FontStyle};
use super::PdfError;

/// One glyph placed by the shaper, in font units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Glyph {
    /// Glyph ID in the full (not subset) font.
    pub(crate) id: u16,
    /// Byte offset in the source text of the cluster this glyph belongs to.
    pub(crate) cluster: u32,
    /// How far the pen moves after this glyph.
    pub(crate) x_advance: i32,
    /// Shift of this glyph from the pen position, to the right.
    pub(crate) x_offset: i32,
    /// Shift of this glyph from the baseline, upwards.
    pub(crate) y_offset: i32,
}

/// A single line of text shaped in one font.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ShapedText {
    /// The text as given, for the PDF's ActualText.
    pub(crate) text: String,
    pub(crate) style: FontStyle,
    pub(crate) glyphs: Vec<Glyph>,
    /// Sum of the advances, in font units.
    pub(crate) advance: i32,
}

impl ShapedText {
    /// Width in points at `size` points.
    pub(crate) fn width(&self, size: f32) -> f32 {
        self.advance as f32 * size / self.style.font().units_per_em
    }
}

/// Shapes one line of text. Control characters (tabs, line breaks) become
/// spaces, so the result is always a single line.
///
/// Returns [`PdfError::MissingGlyph`] when the font has no glyph for a
/// character, rather than printing an empty box on an official document.
pub(crate) fn shape(style: FontStyle, text: &str) -> Result<ShapedText, PdfError> {
    let font = style.font();
    let mut buffer = UnicodeBuffer::new();
    if text.chars().any(char::is_control) {
        let cleaned: String = text
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        buffer.push_str(&cleaned);
    } else {
        buffer.push_str(text);
    }
    let thai = text.chars().any(is_thai);
    buffer.set_direction(rustybuzz::Direction::LeftToRight);
    buffer.set_script(if thai {
        rustybuzz::script::THAI
    } else {
        rustybuzz::script::LATIN
    });
    let plan = font.plan(thai);

    let output = rustybuzz::shape_with_plan(&font.face, plan, buffer);
    let mut glyphs = Vec::with_capacity(output.len());
    let mut advance = 0;
    for (info, position) in output.glyph_infos().iter().zip(output.glyph_positions()) {
        if info.glyph_id == 0 {
            return Err(missing_glyph(text, info.cluster));
        }
        advance += position.x_advance;
        glyphs.push(Glyph {
            id: info.glyph_id as u16,
            cluster: info.cluster,
            x_advance: position.x_advance,
            x_offset: position.x_offset,
            y_offset: position.y_offset,
        });
    }
    Ok(ShapedText {
        text: text.to_string(),
        style,
        glyphs,
        advance,
    })
}

fn missing_glyph(text: &str, cluster: u32) -> PdfError {
    let character = text
        .get(cluster as usize..)
        .and_then(|s| s.chars().next())
        .unwrap_or('?');
    PdfError::MissingGlyph {
        character,
        text: text.to_string(),
    }
}

/// Shaped text for strings that repeat on every page, such as labels and
/// table headings. Variable text is shaped with [`shape`] and not kept, so
/// the cache does not grow with the number of pages.
#[derive(Default)]
pub(crate) struct ShapeCache {
    entries: HashMap<(FontStyle, String), Rc<ShapedText>>,
}

impl ShapeCache {
    /// Returns the shaped `text`, shaping it on first use.
    pub(crate) fn get(&mut self, style: FontStyle, text: &str) -> Result<Rc<ShapedText>, PdfError> {
        if let Some(shaped) = self.entries.get(&(style, text.to_string())) {
            return Ok(Rc::clone(shaped));
        }
        let shaped = Rc::new(shape(style, text)?);
        self.entries
            .insert((style, text.to_string()), Rc::clone(&shaped));
        Ok(shaped)
    }

    /// Number of distinct strings cached.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }
}

/// Splits `text` into shaped lines no wider than `max_width` points at
/// `size` points.
///
/// Lines break at spaces where a line has one. A word too long for a line,
/// which in Thai is often a whole phrase because Thai does not put spaces
/// between words, breaks between character clusters (a consonant with its
/// vowels and tone marks).
///
/// NOTE: This is not Thai word segmentation: a long Thai phrase can break
/// inside a word. Segmenting needs a dictionary, which the office documents
/// have not needed so far.
pub(crate) fn wrap(
    style: FontStyle,
    size: f32,
    text: &str,
    max_width: f32,
) -> Result<Vec<ShapedText>, PdfError> {
    let whole = shape(style, text)?;
    let units_per_point = style.font().units_per_em / size;
    let max_advance = (max_width * units_per_point) as i32;
    let clusters = cluster_advances(&whole);

    let mut lines = Vec::new();
    let mut start = 0;
    while start < clusters.len() {
        let end = line_end(text, &clusters, start, max_advance);
        let line = text[clusters[start].0..byte_end(text, &clusters, end)].trim();
        if !line.is_empty() {
            lines.push(shape(style, line)?);
        }
        start = end;
        while start < clusters.len() && text[clusters[start].0..].starts_with(' ') {
            start += 1;
        }
    }
    Ok(lines)
}

/// Byte offset and advance of each cluster of a shaped text, in text order.
fn cluster_advances(shaped: &ShapedText) -> Vec<(usize, i32)> {
    let mut clusters: Vec<(usize, i32)> = Vec::new();
    for glyph in &shaped.glyphs {
        match clusters.last_mut() {
            Some(last) if last.0 == glyph.cluster as usize => last.1 += glyph.x_advance,
            _ => clusters.push((glyph.cluster as usize, glyph.x_advance)),
        }
    }
    clusters
}

fn byte_end(text: &str, clusters: &[(usize, i32)], end: usize) -> usize {
    clusters.get(end).map_or(text.len(), |c| c.0)
}

/// Index of the first cluster after the line that starts at `start`: past
/// the last space that fits, or else the last allowed cluster break that
/// fits, or else one cluster so that the text always advances.
fn line_end(text: &str, clusters: &[(usize, i32)], start: usize, max_advance: i32) -> usize {
    let mut width = 0;
    let mut last_space = None;
    let mut last_break = None;
    for (index, &(at, advance)) in clusters.iter().enumerate().skip(start) {
        if index > start && text[at..].starts_with(' ') {
            last_space = Some(index);
        }
        if index > start && can_break_before(text, at) {
            last_break = Some(index);
        }
        width += advance;
        if width > max_advance {
            return last_space.or(last_break).unwrap_or(index.max(start + 1));
        }
    }
    clusters.len()
}

/// Whether a line may start at byte `at`. It may not start with a vowel or
/// mark that belongs to the previous letter, nor follow a leading vowel
/// (เ แ โ ใ ไ), which is written before the consonant it is spoken after.
fn can_break_before(text: &str, at: usize) -> bool {
    let next = text[at..].chars().next();
    let previous = text[..at].chars().next_back();
    let joins_previous = |c: char| matches!(c, '\u{0E30}'..='\u{0E3A}' | '\u{0E45}'..='\u{0E4E}');
    let leading_vowel = |c: char| matches!(c, '\u{0E40}'..='\u{0E44}');
    !(next.is_some_and(joins_previous) || previous.is_some_and(leading_vowel))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph_names(shaped: &ShapedText) -> Vec<String> {
        let face = &shaped.style.font().face;
        let name = |g: &Glyph| {
            face.glyph_name(rustybuzz::ttf_parser::GlyphId(g.id))
                .unwrap_or("?")
                .to_string()
        };
        shaped.glyphs.iter().map(name).collect()
    }

    #[test]
    fn mai_ek_over_upper_vowel_uses_small_form() -> Result<(), PdfError> {
        let shaped = shape(FontStyle::Regular, "ที่")?;
        let names = glyph_names(&shaped);

        assert_eq!(
            names,
            ["uni0E17", "uni0E35", "uni0E48.small"],
            "GSUB picks the small mai ek"
        );
        assert_eq!(shaped.glyphs[2].x_advance, 0, "mark has no advance");
        Ok(())
    }

    #[test]
    fn mai_ek_after_sara_i_is_positioned() -> Result<(), PdfError> {
        let shaped = shape(FontStyle::Regular, "กิ่ง")?;
        let mai_ek = shaped.glyphs[2];

        assert_ne!(
            (mai_ek.x_offset, mai_ek.y_offset),
            (0, 0),
            "GPOS moves the mai ek"
        );
        Ok(())
    }

    #[test]
    fn tailed_letters_lose_tails_before_lower_vowels() -> Result<(), PdfError> {
        let yo_ying = glyph_names(&shape(FontStyle::Regular, "ญู")?);
        let tho_than = glyph_names(&shape(FontStyle::Bold, "ฐุ")?);

        assert_eq!(yo_ying[0], "yoYingthai.less", "yo ying before sara uu");
        assert_eq!(tho_than[0], "thoThanthai.less", "tho than before sara u");
        Ok(())
    }

    #[test]
    fn sara_am_keeps_source_text() -> Result<(), PdfError> {
        let shaped = shape(FontStyle::Regular, "น้ำ")?;

        assert_eq!(shaped.text, "น้ำ", "source text kept for ActualText");
        assert_eq!(
            glyph_names(&shaped)[1],
            "uni0E4D0E49",
            "nikhahit and mai tho ligature"
        );
        Ok(())
    }

    #[test]
    fn missing_glyph_is_an_error() {
        let result = shape(FontStyle::Regular, "สมชาย 漢");

        assert!(
            matches!(
                result,
                Err(PdfError::MissingGlyph {
                    character: '漢',
                    ..
                })
            ),
            "a CJK character has no glyph in Sarabun: {result:?}"
        );
    }

    #[test]
    fn control_characters_become_spaces() -> Result<(), PdfError> {
        let tabbed = shape(FontStyle::Regular, "ก\tข")?;
        let spaced = shape(FontStyle::Regular, "ก ข")?;

        assert_eq!(
            tabbed.advance, spaced.advance,
            "a tab is printed as a space"
        );
        Ok(())
    }

    #[test]
    fn wrap_breaks_at_spaces() -> Result<(), PdfError> {
        let text = "นาย สมชาย ใจดี มีทรัพย์ สงขลา";
        let one_line = shape(FontStyle::Regular, text)?.width(12.0);

        let lines = wrap(FontStyle::Regular, 12.0, text, one_line * 0.6)?;
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();

        assert_eq!(texts.len(), 2, "two lines: {texts:?}");
        assert_eq!(texts.join(" "), text, "no text lost or reordered");
        for line in &lines {
            assert!(line.width(12.0) <= one_line * 0.6, "{:?} fits", line.text);
        }
        Ok(())
    }

    #[test]
    fn wrap_breaks_thai_without_spaces_between_clusters() -> Result<(), PdfError> {
        let text = "หนึ่งล้านสองแสนสามหมื่นสี่พันห้าร้อยหกสิบเจ็ดบาทแปดสิบเก้าสตางค์";
        let max_width = 40.0;

        let lines = wrap(FontStyle::Regular, 12.0, text, max_width)?;
        let joined: String = lines.iter().map(|l| l.text.as_str()).collect();

        assert!(
            lines.len() > 2,
            "a long phrase wraps: {} lines",
            lines.len()
        );
        assert_eq!(joined, text, "no text lost or reordered");
        for line in &lines {
            assert!(line.width(12.0) <= max_width, "{:?} fits", line.text);
            let first = line.text.chars().next().unwrap_or(' ');
            let last = line.text.chars().next_back().unwrap_or(' ');
            assert!(
                !('\u{0E30}'..='\u{0E3A}').contains(&first),
                "{:?} starts with a vowel",
                line.text
            );
            assert!(
                !('\u{0E47}'..='\u{0E4E}').contains(&first),
                "{:?} starts with a mark",
                line.text
            );
            assert!(
                !('\u{0E40}'..='\u{0E44}').contains(&last),
                "{:?} ends with a leading vowel",
                line.text
            );
        }
        Ok(())
    }

    #[test]
    fn wrap_keeps_short_text_on_one_line() -> Result<(), PdfError> {
        let lines = wrap(FontStyle::Bold, 10.0, "ผู้รับเงิน", 200.0)?;

        assert_eq!(lines.len(), 1, "one line");
        assert_eq!(lines[0].text, "ผู้รับเงิน", "text unchanged");
        Ok(())
    }

    #[test]
    fn cache_shapes_each_label_once() -> Result<(), PdfError> {
        let mut cache = ShapeCache::default();

        let first = cache.get(FontStyle::Regular, "ผู้จ่ายเงิน")?;
        let second = cache.get(FontStyle::Regular, "ผู้จ่ายเงิน")?;
        cache.get(FontStyle::Bold, "ผู้จ่ายเงิน")?;

        assert!(
            Rc::ptr_eq(&first, &second),
            "same label returns the cached shape"
        );
        assert_eq!(cache.len(), 2, "one entry per style");
        Ok(())
    }
}
