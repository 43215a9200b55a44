//! A page builder: text, lines and boxes drawn into one page's content
//! stream.
//!
//! Positions are millimetres from the top-left corner of the page (or of the
//! template being drawn), because that is how paper forms are measured. A
//! text's `y` is its baseline. Font sizes and line widths are in points.
//!
//! Text is drawn as glyph IDs from the shaper, each placed with `TJ`
//! adjustments and text rise, so that the PDF shows exactly what rustybuzz
//! laid out. Each text is wrapped in a marked-content span whose ActualText
//! holds the source string, so that copying and text extraction give the
//! Thai as typed (น้ำ, not the น ํ ้ า of its glyphs).

use std::rc::Rc;

use super::font::FontStyle;
use super::shape::{self, ShapeCache, ShapedText};
use super::writer::{push_hex_u16, push_text_string};
use super::PdfError;

/// Points per millimetre.
const PT_PER_MM: f32 = 72.0 / 25.4;

/// Converts millimetres to points.
pub(crate) fn mm_to_pt(mm: f32) -> f32 {
    mm * PT_PER_MM
}

/// A font and size for text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct TextStyle {
    pub(crate) font: FontStyle,
    /// Size in points.
    pub(crate) size: f32,
}

impl TextStyle {
    /// Regular text of `size` points.
    pub(crate) const fn regular(size: f32) -> TextStyle {
        TextStyle {
            font: FontStyle::Regular,
            size,
        }
    }

    /// Bold text of `size` points.
    pub(crate) const fn bold(size: f32) -> TextStyle {
        TextStyle {
            font: FontStyle::Bold,
            size,
        }
    }
}

/// Horizontal alignment of a text on its `x`: left edge, centre or right edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Center,
    Right,
}

/// The space a paragraph may fill, in millimetres.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Frame {
    pub(crate) width: f32,
    /// Distance from one baseline to the next.
    pub(crate) line_height: f32,
    pub(crate) max_lines: usize,
}

/// A reusable drawing registered with the document (a PDF form XObject):
/// the parts of a form that every page repeats.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Template {
    /// Index among the document's templates; its resource name is `/T{index}`.
    pub(crate) index: usize,
    /// Height in millimetres.
    pub(crate) height: f32,
}

/// Glyph IDs drawn so far, per font style, for the document's font subsets.
pub(crate) struct GlyphUsage {
    used: [Vec<bool>; 2],
}

impl GlyphUsage {
    pub(crate) fn new() -> GlyphUsage {
        let flags = |style: FontStyle| vec![false; usize::from(style.font().glyph_count)];
        GlyphUsage {
            used: [flags(FontStyle::Regular), flags(FontStyle::Bold)],
        }
    }

    fn mark(&mut self, shaped: &ShapedText) {
        let flags = &mut self.used[shaped.style.index()];
        for glyph in &shaped.glyphs {
            flags[usize::from(glyph.id)] = true;
        }
    }

    /// Returns the glyph IDs used in `style`, ascending.
    pub(crate) fn glyphs(&self, style: FontStyle) -> Vec<u16> {
        let flags = &self.used[style.index()];
        (0..flags.len())
            .filter(|&id| flags[id])
            .map(|id| id as u16)
            .collect()
    }
}

/// Draws into one content stream.
pub(crate) struct Canvas<'a> {
    content: &'a mut Vec<u8>,
    usage: &'a mut GlyphUsage,
    cache: &'a mut ShapeCache,
    /// Height of the drawing area in points, to turn top-down millimetres
    /// into PDF's bottom-up points.
    height: f32,
}

impl<'a> Canvas<'a> {
    pub(crate) fn new(
        content: &'a mut Vec<u8>,
        usage: &'a mut GlyphUsage,
        cache: &'a mut ShapeCache,
        height_mm: f32,
    ) -> Canvas<'a> {
        Canvas {
            content,
            usage,
            cache,
            height: mm_to_pt(height_mm),
        }
    }

    /// Shapes and draws text that changes from page to page. Returns its
    /// width in millimetres.
    pub(crate) fn text(
        &mut self,
        x: f32,
        y: f32,
        style: TextStyle,
        text: &str,
        align: Align,
    ) -> Result<f32, PdfError> {
        let shaped = shape::shape(style.font, text)?;
        Ok(self.shaped(x, y, style.size, &shaped, align))
    }

    /// Draws text that repeats on many pages, shaping it once per document.
    /// Returns its width in millimetres.
    pub(crate) fn label(
        &mut self,
        x: f32,
        y: f32,
        style: TextStyle,
        text: &str,
        align: Align,
    ) -> Result<f32, PdfError> {
        let shaped = self.cache.get(style.font, text)?;
        Ok(self.shaped(x, y, style.size, &shaped, align))
    }

    /// Draws text no wider than `max_width` millimetres. Text that would not
    /// fit is set smaller, down to 60 % of `style.size`, and text too long
    /// even then overflows. Returns its width in millimetres.
    pub(crate) fn fitted_text(
        &mut self,
        x: f32,
        y: f32,
        max_width: f32,
        style: TextStyle,
        text: &str,
        align: Align,
    ) -> Result<f32, PdfError> {
        let shaped = shape::shape(style.font, text)?;
        Ok(self.fitted(x, y, max_width, style.size, &shaped, align))
    }

    /// Draws shaped text no wider than `max_width` millimetres, as
    /// [`Canvas::fitted_text`] does. Returns its width in millimetres.
    pub(crate) fn fitted(
        &mut self,
        x: f32,
        y: f32,
        max_width: f32,
        size: f32,
        shaped: &ShapedText,
        align: Align,
    ) -> f32 {
        let natural = shaped.width(size);
        let fitting = size * mm_to_pt(max_width) / natural.max(f32::EPSILON);
        let size = fitting.clamp(size * 0.6, size);
        self.shaped(x, y, size, shaped, align)
    }

    /// Draws text such as a member's name in a field `max_width`
    /// millimetres wide. Text that fits on one line at 60 % of `style.size`
    /// or more is drawn as [`Canvas::fitted`] draws it. Longer text (a rank
    /// title and a name of twenty syllables) is wrapped onto lines centred
    /// on the baseline `y`, from 75 % of the size down to 50 %, so that it
    /// stays inside the field. Lines beyond the third are not drawn.
    pub(crate) fn fitted_lines(
        &mut self,
        x: f32,
        y: f32,
        max_width: f32,
        style: TextStyle,
        text: &str,
        align: Align,
    ) -> Result<(), PdfError> {
        let shaped = shape::shape(style.font, text)?;
        let width = mm_to_pt(max_width);
        if shaped.width(style.size * 0.6) <= width {
            self.fitted(x, y, max_width, style.size, &shaped, align);
            return Ok(());
        }
        let mut size = style.size * 0.75;
        let mut lines = shape::wrap(style.font, size, text, width)?;
        let too_big = |lines: &[ShapedText], size: f32| {
            lines.len() > 2 || lines.iter().any(|line| line.width(size) > width)
        };
        while too_big(&lines, size) && size > style.size * 0.5 {
            size -= style.size * 0.05;
            lines = shape::wrap(style.font, size, text, width)?;
        }
        lines.truncate(3);
        let line_height = size / PT_PER_MM * 1.1;
        let first = y - line_height * (lines.len() as f32 - 1.0) / 2.0;
        for (index, line) in lines.iter().enumerate() {
            let baseline = first + index as f32 * line_height;
            self.fitted(x, baseline, max_width, size, line, align);
        }
        Ok(())
    }

    /// Shapes text that repeats on many pages once per document, for
    /// drawing with [`Canvas::shaped`] or [`Canvas::fitted`].
    pub(crate) fn shape_repeated(
        &mut self,
        font: FontStyle,
        text: &str,
    ) -> Result<Rc<ShapedText>, PdfError> {
        self.cache.get(font, text)
    }

    /// Draws text wrapped into `frame`, the first baseline at `y`. Text that
    /// needs more lines than the frame allows is set smaller, down to 60 % of
    /// `style.size`. Lines beyond the frame even then are not drawn. Returns
    /// the number of lines drawn.
    pub(crate) fn paragraph(
        &mut self,
        x: f32,
        y: f32,
        frame: Frame,
        style: TextStyle,
        text: &str,
    ) -> Result<usize, PdfError> {
        let width = mm_to_pt(frame.width);
        // Sizes from 100 % down to 60 % in steps of 5 %.
        let mut size = style.size;
        let mut lines = shape::wrap(style.font, size, text, width)?;
        for step in 1..=8 {
            if lines.len() <= frame.max_lines {
                break;
            }
            size = style.size * (1.0 - 0.05 * step as f32);
            lines = shape::wrap(style.font, size, text, width)?;
        }
        lines.truncate(frame.max_lines);
        for (index, line) in lines.iter().enumerate() {
            let baseline = y + index as f32 * frame.line_height;
            self.shaped(x, baseline, size, line, Align::Left);
        }
        Ok(lines.len())
    }

    /// Draws shaped text. Returns its width in millimetres.
    pub(crate) fn shaped(
        &mut self,
        x: f32,
        y: f32,
        size: f32,
        shaped: &ShapedText,
        align: Align,
    ) -> f32 {
        let width = shaped.width(size);
        let left = match align {
            Align::Left => mm_to_pt(x),
            Align::Center => mm_to_pt(x) - width / 2.0,
            Align::Right => mm_to_pt(x) - width,
        };
        if shaped.glyphs.is_empty() {
            return 0.0;
        }
        self.usage.mark(shaped);

        let out = &mut *self.content;
        out.extend_from_slice(b"/Span<</ActualText");
        push_text_string(out, &shaped.text);
        out.extend_from_slice(b">>BDC BT/");
        out.extend_from_slice(shaped.style.resource_name().as_bytes());
        out.push(b' ');
        push_number(out, size);
        out.extend_from_slice(b" Tf 1 0 0 1 ");
        push_number(out, left);
        out.push(b' ');
        push_number(out, self.height - mm_to_pt(y));
        out.extend_from_slice(b" Tm");
        push_glyph_runs(out, shaped, size);
        out.extend_from_slice(b" ET EMC\n");
        width / PT_PER_MM
    }

    /// Strokes a straight line `width` points wide.
    pub(crate) fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32) {
        self.push_line_width(width);
        self.push_point(x1, y1);
        self.content.extend_from_slice(b" m");
        self.push_point(x2, y2);
        self.content.extend_from_slice(b" l S\n");
    }

    /// Strokes a dashed line, as a cut line between two slips.
    pub(crate) fn dashed_line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32) {
        self.content.extend_from_slice(b"[3 3]0 d ");
        self.line(x1, y1, x2, y2, width);
        self.content.extend_from_slice(b"[]0 d\n");
    }

    /// Strokes a rectangle whose top-left corner is at `x`, `y`.
    pub(crate) fn rect(&mut self, x: f32, y: f32, width: f32, height: f32, line_width: f32) {
        self.push_line_width(line_width);
        self.push_rect(x, y, width, height);
        self.content.extend_from_slice(b" S\n");
    }

    /// Fills a rectangle with a grey level from 0 (black) to 1 (white).
    pub(crate) fn fill_rect(&mut self, x: f32, y: f32, width: f32, height: f32, grey: f32) {
        push_number(self.content, grey);
        self.content.extend_from_slice(b" g");
        self.push_rect(x, y, width, height);
        self.content.extend_from_slice(b" f 0 g\n");
    }

    /// Draws a template with its top-left corner at `x`, `y`.
    pub(crate) fn template(&mut self, template: Template, x: f32, y: f32) {
        let bottom = self.height - mm_to_pt(y + template.height);
        self.content.extend_from_slice(b"q 1 0 0 1 ");
        push_number(self.content, mm_to_pt(x));
        self.content.push(b' ');
        push_number(self.content, bottom);
        self.content
            .extend_from_slice(format!(" cm/T{} Do Q\n", template.index).as_bytes());
    }

    fn push_line_width(&mut self, width: f32) {
        push_number(self.content, width);
        self.content.extend_from_slice(b" w");
    }

    fn push_point(&mut self, x: f32, y: f32) {
        self.content.push(b' ');
        push_number(self.content, mm_to_pt(x));
        self.content.push(b' ');
        push_number(self.content, self.height - mm_to_pt(y));
    }

    fn push_rect(&mut self, x: f32, y: f32, width: f32, height: f32) {
        self.push_point(x, y + height);
        self.content.push(b' ');
        push_number(self.content, mm_to_pt(width));
        self.content.push(b' ');
        push_number(self.content, mm_to_pt(height));
        self.content.extend_from_slice(b" re");
    }
}

/// Appends the `TJ` operations that place each glyph where the shaper put
/// it. The viewer moves its pen by the glyph's `/W` width after each glyph,
/// and a number in the `TJ` array moves it back by that many thousandths of
/// an em. Such numbers make up the difference to the shaped advance and
/// offset. A vertical offset (a tone mark raised or lowered) needs the text
/// rise (`Ts`), which cannot change inside one `TJ`, so the run is split
/// there.
fn push_glyph_runs(out: &mut Vec<u8>, shaped: &ShapedText, size: f32) {
    let font = shaped.style.font();
    let per_mille = 1000.0 / font.units_per_em;
    let mut pen = 0; // where the shaper's pen is, in font units
    let mut viewer_pen = 0; // where the viewer's pen is, in font units
    let mut rise = 0;
    let mut open = Run::Closed;

    for glyph in &shaped.glyphs {
        if glyph.y_offset != rise {
            open.close(out);
            rise = glyph.y_offset;
            out.push(b' ');
            push_number(out, rise as f32 * size / font.units_per_em);
            out.extend_from_slice(b" Ts");
        }
        let target = pen + glyph.x_offset;
        if target != viewer_pen {
            open.array(out);
            let adjustment = ((viewer_pen - target) as f32 * per_mille).round() as i32;
            out.extend_from_slice(adjustment.to_string().as_bytes());
        }
        open.hex(out);
        push_hex_u16(out, glyph.id);
        viewer_pen = target + i32::from(font.advance(glyph.id));
        pen += glyph.x_advance;
    }
    open.close(out);
    if rise != 0 {
        out.extend_from_slice(b" 0 Ts");
    }
}

/// State of the `TJ` operation being written.
#[derive(PartialEq, Eq)]
enum Run {
    Closed,
    /// Inside `[`, after a number or a hex string.
    Array,
    /// Inside `[<`.
    Hex,
}

impl Run {
    fn array(&mut self, out: &mut Vec<u8>) {
        match self {
            Run::Closed => out.extend_from_slice(b"["),
            Run::Hex => out.push(b'>'),
            Run::Array => out.push(b' '),
        }
        *self = Run::Array;
    }

    fn hex(&mut self, out: &mut Vec<u8>) {
        match self {
            Run::Closed => out.extend_from_slice(b"[<"),
            Run::Array => out.push(b'<'),
            Run::Hex => {}
        }
        *self = Run::Hex;
    }

    fn close(&mut self, out: &mut Vec<u8>) {
        match self {
            Run::Closed => return,
            Run::Hex => out.extend_from_slice(b">]TJ"),
            Run::Array => out.extend_from_slice(b"]TJ"),
        }
        *self = Run::Closed;
    }
}

/// Appends a number with at most two decimals, without trailing zeros.
pub(crate) fn push_number(out: &mut Vec<u8>, value: f32) {
    let hundredths = (f64::from(value) * 100.0).round() as i64;
    if hundredths < 0 {
        out.push(b'-');
    }
    let magnitude = hundredths.unsigned_abs();
    out.extend_from_slice((magnitude / 100).to_string().as_bytes());
    let fraction = magnitude % 100;
    if fraction != 0 {
        out.push(b'.');
        out.push(b'0' + (fraction / 10) as u8);
        if !fraction.is_multiple_of(10) {
            out.push(b'0' + (fraction % 10) as u8);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draw(text: &str) -> Result<String, PdfError> {
        let mut content = Vec::new();
        let mut usage = GlyphUsage::new();
        let mut cache = ShapeCache::default();
        let mut canvas = Canvas::new(&mut content, &mut usage, &mut cache, 100.0);

        canvas.text(10.0, 20.0, TextStyle::regular(12.0), text, Align::Left)?;
        Ok(String::from_utf8_lossy(&content).into_owned())
    }

    #[test]
    fn numbers_have_at_most_two_decimals() {
        let cases = [
            (0.0, "0"),
            (12.5, "12.5"),
            (-1.23456, "-1.23"),
            (0.999, "1"),
            (-0.05, "-0.05"),
        ];
        for (value, expected) in cases {
            let mut out = Vec::new();
            push_number(&mut out, value);
            assert_eq!(
                String::from_utf8_lossy(&out),
                expected,
                "formatting {value}"
            );
        }
    }

    #[test]
    fn text_is_wrapped_in_actual_text_span() -> Result<(), PdfError> {
        let content = draw("น้ำ")?;

        assert!(
            content.starts_with("/Span<</ActualText<FEFF0E190E490E33>>>BDC BT/F1 12 Tf"),
            "span with the source text: {content}"
        );
        assert!(content.ends_with("ET EMC\n"), "span closed: {content}");
        Ok(())
    }

    #[test]
    fn raised_mark_uses_text_rise() -> Result<(), PdfError> {
        let shaped = shape::shape(FontStyle::Regular, "ปั่น")?;
        let lowered = shaped
            .glyphs
            .iter()
            .find(|g| g.y_offset != 0)
            .map(|g| g.y_offset);

        let content = draw("ปั่น")?;

        assert!(lowered.is_some(), "GPOS moves the mai ek of ปั่น vertically");
        assert!(
            content.contains(" Ts["),
            "a rise before the moved mark: {content}"
        );
        assert!(
            content.contains(" 0 Ts"),
            "rise reset after the text: {content}"
        );
        Ok(())
    }

    #[test]
    fn offsets_become_tj_adjustments() -> Result<(), PdfError> {
        // The sara ii of ที่ sits 10 units left of the pen (x offset -10) and has
        // no advance, so the viewer's pen needs moving back 10 before it and
        // forward again after.
        let content = draw("ที่")?;

        assert!(
            content.contains("[<01CC>10<02F2>"),
            "move left before the vowel: {content}"
        );
        Ok(())
    }

    #[test]
    fn glyph_usage_records_drawn_glyphs() -> Result<(), PdfError> {
        let mut content = Vec::new();
        let mut usage = GlyphUsage::new();
        let mut cache = ShapeCache::default();
        let mut canvas = Canvas::new(&mut content, &mut usage, &mut cache, 100.0);

        canvas.label(0.0, 10.0, TextStyle::bold(10.0), "ที่", Align::Center)?;

        assert_eq!(usage.glyphs(FontStyle::Bold).len(), 3, "three bold glyphs");
        assert!(
            usage.glyphs(FontStyle::Regular).is_empty(),
            "no regular glyphs"
        );
        Ok(())
    }
}
