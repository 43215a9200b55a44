//! The community's map as a PNG picture for meetings, to show on a
//! projector or send to a chat group: the map sheet of [`super`]
//! rasterized at [`DPI`] with the zones filled in colour.
//!
//! Shapes are drawn with tiny-skia, a small, well-kept 2D rasterizer in
//! pure Rust (the one resvg uses), so the picture is made offline with no
//! system library. Text is shaped by the same rustybuzz code as the PDFs,
//! and each glyph's outline is read from the embedded Sarabun font with
//! ttf-parser and filled, so Thai marks sit where they sit on the PDF.

use std::path::Path;

use rustybuzz::ttf_parser::{GlyphId, OutlineBuilder};
use tiny_skia::{Color, FillRule, Paint, PathBuilder, Pixmap, Rect, Stroke, Transform};

use super::super::canvas::{Align, TextStyle};
use super::super::shape::{shape, ShapedText};
use super::super::{write_atomically, PdfError};
use super::{draw, MapSheet, Surface, PAGE};

/// Resolution of the picture: 150 dots per inch makes an A4 landscape
/// sheet 1754 × 1240 pixels, sharp on a projector and small enough to send.
pub const DPI: f32 = 150.0;
/// Pixels per millimetre at [`DPI`].
const PX_PER_MM: f32 = DPI / 25.4;
/// Pixels per point at [`DPI`].
const PX_PER_PT: f32 = DPI / 72.0;

/// Colours of the zones, in the order they are drawn: the Okabe–Ito
/// palette, which readers with colour-blindness can tell apart.
const ZONE_COLOURS: [[u8; 3]; 7] = [
    [230, 159, 0],
    [86, 180, 233],
    [0, 158, 115],
    [240, 228, 66],
    [0, 114, 178],
    [213, 94, 0],
    [204, 121, 167],
];
/// Opacity of a zone's fill, so that overlapping zones and the lines
/// under them still show.
const ZONE_ALPHA: u8 = 110;

/// Returns the picture's width and height in pixels.
pub fn size() -> (u32, u32) {
    (
        (PAGE.width * PX_PER_MM).round() as u32,
        (PAGE.height * PX_PER_MM).round() as u32,
    )
}

/// Writes a map sheet as a PNG picture at `out`, replacing any file there.
pub fn write_map_png(out: &Path, sheet: &MapSheet) -> Result<(), PdfError> {
    let bytes =
        render(sheet)?.map_err(|error| PdfError::write(out, std::io::Error::other(error)))?;
    write_atomically(out, |path| {
        std::fs::write(path, &bytes).map_err(|e| PdfError::write(path, e))
    })
}

/// Draws a map sheet and encodes it as PNG bytes. The outer error is a
/// text the font cannot draw; the inner one the encoder's.
fn render(sheet: &MapSheet) -> Result<Result<Vec<u8>, png::EncodingError>, PdfError> {
    let (width, height) = size();
    let mut picture = Picture::new(width, height);
    draw(&mut picture, sheet)?;
    Ok(picture.encode())
}

/// A white picture of the sheet, drawn in millimetres.
struct Picture {
    pixmap: Pixmap,
    /// Millimetres to pixels.
    transform: Transform,
}

impl Picture {
    fn new(width: u32, height: u32) -> Picture {
        // NOTE: Pixmap::new fails only for a zero or enormous size, and
        // size() is a constant A4 sheet.
        let mut pixmap = Pixmap::new(width, height)
            .unwrap_or_else(|| panic!("cannot allocate a {width} × {height} picture"));
        pixmap.fill(Color::WHITE);
        Picture {
            pixmap,
            transform: Transform::from_scale(PX_PER_MM, PX_PER_MM),
        }
    }

    fn paint(rgb: [u8; 3], alpha: u8) -> Paint<'static> {
        let mut paint = Paint::default();
        paint.set_color_rgba8(rgb[0], rgb[1], rgb[2], alpha);
        paint.anti_alias = true;
        paint
    }

    fn grey(level: f32) -> [u8; 3] {
        let value = (level.clamp(0.0, 1.0) * 255.0).round() as u8;
        [value; 3]
    }

    fn stroke(&mut self, path: Option<tiny_skia::Path>, width_pt: f32) {
        let Some(path) = path else {
            return;
        };
        let stroke = Stroke {
            width: width_pt * 25.4 / 72.0,
            ..Stroke::default()
        };
        let paint = Picture::paint([0, 0, 0], 255);
        self.pixmap
            .stroke_path(&path, &paint, &stroke, self.transform, None);
    }

    /// Fills shaped text's glyph outlines, the pen starting at `x`, `y`
    /// in millimetres with `y` the baseline, at `size` points.
    fn glyphs(&mut self, x: f32, y: f32, size: f32, shaped: &ShapedText) {
        let font = shaped.style.font();
        // Font units to pixels.
        let scale = size * PX_PER_PT / font.units_per_em;
        let mut pen = x * PX_PER_MM;
        let baseline = y * PX_PER_MM;
        let mut outline = GlyphOutline {
            path: PathBuilder::new(),
            scale,
            left: 0.0,
            baseline: 0.0,
        };
        for glyph in &shaped.glyphs {
            outline.left = pen + glyph.x_offset as f32 * scale;
            outline.baseline = baseline - glyph.y_offset as f32 * scale;
            font.face.outline_glyph(GlyphId(glyph.id), &mut outline);
            pen += glyph.x_advance as f32 * scale;
        }
        if let Some(path) = outline.path.finish() {
            let paint = Picture::paint([0, 0, 0], 255);
            self.pixmap.fill_path(
                &path,
                &paint,
                FillRule::Winding,
                Transform::identity(),
                None,
            );
        }
    }

    fn place_text(&mut self, x: f32, y: f32, size: f32, shaped: &ShapedText, align: Align) -> f32 {
        // Width in millimetres.
        let width = shaped.width(size) * 25.4 / 72.0;
        let left = match align {
            Align::Left => x,
            Align::Center => x - width / 2.0,
            Align::Right => x - width,
        };
        self.glyphs(left, y, size, shaped);
        width
    }

    fn encode(&self) -> Result<Vec<u8>, png::EncodingError> {
        let (width, height) = (self.pixmap.width(), self.pixmap.height());
        let mut rgba = Vec::with_capacity(self.pixmap.data().len());
        for pixel in self.pixmap.pixels() {
            let colour = pixel.demultiply();
            rgba.extend_from_slice(&[colour.red(), colour.green(), colour.blue(), colour.alpha()]);
        }
        let mut bytes = Vec::new();
        let mut encoder = png::Encoder::new(&mut bytes, width, height);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header()?;
        writer.write_image_data(&rgba)?;
        writer.finish()?;
        Ok(bytes)
    }
}

/// Turns a glyph's outline, in font units with y up, into pixels with y
/// down, placed at the pen.
struct GlyphOutline {
    path: PathBuilder,
    scale: f32,
    left: f32,
    baseline: f32,
}

impl GlyphOutline {
    fn point(&self, x: f32, y: f32) -> (f32, f32) {
        (self.left + x * self.scale, self.baseline - y * self.scale)
    }
}

impl OutlineBuilder for GlyphOutline {
    fn move_to(&mut self, x: f32, y: f32) {
        let (x, y) = self.point(x, y);
        self.path.move_to(x, y);
    }

    fn line_to(&mut self, x: f32, y: f32) {
        let (x, y) = self.point(x, y);
        self.path.line_to(x, y);
    }

    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let (x1, y1) = self.point(x1, y1);
        let (x, y) = self.point(x, y);
        self.path.quad_to(x1, y1, x, y);
    }

    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let (x1, y1) = self.point(x1, y1);
        let (x2, y2) = self.point(x2, y2);
        let (x, y) = self.point(x, y);
        self.path.cubic_to(x1, y1, x2, y2, x, y);
    }

    fn close(&mut self) {
        self.path.close();
    }
}

impl Surface for Picture {
    fn text(
        &mut self,
        x: f32,
        y: f32,
        style: TextStyle,
        text: &str,
        align: Align,
    ) -> Result<f32, PdfError> {
        let shaped = shape(style.font, text)?;
        Ok(self.place_text(x, y, style.size, &shaped, align))
    }

    fn fitted_text(
        &mut self,
        x: f32,
        y: f32,
        max_width: f32,
        style: TextStyle,
        text: &str,
        align: Align,
    ) -> Result<f32, PdfError> {
        let shaped = shape(style.font, text)?;
        let natural = shaped.width(style.size) * 25.4 / 72.0;
        let fitting = style.size * max_width / natural.max(f32::EPSILON);
        let size = fitting.clamp(style.size * 0.6, style.size);
        Ok(self.place_text(x, y, size, &shaped, align))
    }

    fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32) {
        let mut path = PathBuilder::new();
        path.move_to(x1, y1);
        path.line_to(x2, y2);
        self.stroke(path.finish(), width);
    }

    fn rect(&mut self, x: f32, y: f32, width: f32, height: f32, line_width: f32) {
        let path = Rect::from_xywh(x, y, width, height).map(PathBuilder::from_rect);
        self.stroke(path, line_width);
    }

    fn fill_rect(&mut self, x: f32, y: f32, width: f32, height: f32, grey: f32) {
        if let Some(rect) = Rect::from_xywh(x, y, width, height) {
            let paint = Picture::paint(Picture::grey(grey), 255);
            self.pixmap.fill_rect(rect, &paint, self.transform, None);
        }
    }

    fn fill_zone(&mut self, rings: &[Vec<(f32, f32)>], index: usize) {
        let mut path = PathBuilder::new();
        for ring in rings {
            let mut corners = ring.iter();
            let Some(&(x, y)) = corners.next() else {
                continue;
            };
            path.move_to(x, y);
            for &(x, y) in corners {
                path.line_to(x, y);
            }
            path.close();
        }
        let Some(path) = path.finish() else {
            return;
        };
        let colour = ZONE_COLOURS[index % ZONE_COLOURS.len()];
        let paint = Picture::paint(colour, ZONE_ALPHA);
        // Even-odd, so that a hole stays unfilled whichever way its ring
        // runs.
        self.pixmap
            .fill_path(&path, &paint, FillRule::EvenOdd, self.transform, None);
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::super::{MapMarker, MapZone, Projection};
    use super::*;

    /// Builds a sheet with one square zone that has a square hole in its
    /// middle, and one household.
    fn sheet() -> MapSheet {
        let square = |west: f64, south: f64, size: f64| {
            vec![
                [west, south],
                [west + size, south],
                [west + size, south + size],
                [west, south + size],
                [west, south],
            ]
        };
        MapSheet {
            title: "แผนที่ชุมชนบ่อยาง".to_string(),
            subtitle: Some("เทศบาลนครสงขลา".to_string()),
            printed_on: NaiveDate::from_ymd_opt(2024, 7, 1).unwrap_or_default(),
            zones: vec![MapZone {
                name: "ซอยวัดแหลมทราย".to_string(),
                rings: vec![square(100.59, 7.19, 0.01), square(100.594, 7.194, 0.002)],
            }],
            points: Vec::new(),
            households: vec![MapMarker {
                label: "12/3".to_string(),
                position: [100.605, 7.195],
            }],
        }
    }

    fn decode(bytes: &[u8]) -> (png::OutputInfo, Vec<u8>) {
        let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        let mut reader = decoder
            .read_info()
            .unwrap_or_else(|e| panic!("not a PNG: {e}"));
        let mut pixels = vec![0; reader.output_buffer_size().unwrap_or_default()];
        let info = reader
            .next_frame(&mut pixels)
            .unwrap_or_else(|e| panic!("cannot decode the PNG: {e}"));
        (info, pixels)
    }

    /// Returns the RGB of the pixel under a map position.
    fn pixel_at(info: &png::OutputInfo, pixels: &[u8], position: [f64; 2]) -> [u8; 3] {
        let projection = Projection::fit(&sheet()).unwrap_or_else(|| panic!("no projection"));
        let (x, y) = projection.place(position);
        let (column, row) = ((x * PX_PER_MM) as usize, (y * PX_PER_MM) as usize);
        let at = (row * info.width as usize + column) * 4;
        [pixels[at], pixels[at + 1], pixels[at + 2]]
    }

    #[test]
    fn png_fills_zone_and_keeps_hole() -> Result<(), Box<dyn std::error::Error>> {
        let bytes = render(&sheet())??;

        let (info, pixels) = decode(&bytes);
        assert_eq!((info.width, info.height), (1754, 1240), "A4 at 150 dpi");
        assert_eq!(info.color_type, png::ColorType::Rgba, "RGBA");
        let inside = pixel_at(&info, &pixels, [100.591, 7.191]);
        assert_ne!(inside, [255, 255, 255], "the zone is filled: {inside:?}");
        assert!(
            inside[2] < inside[0],
            "the first zone is orange, more red than blue: {inside:?}"
        );
        let hole = pixel_at(&info, &pixels, [100.5945, 7.1945]);
        assert_eq!(hole, [255, 255, 255], "the hole is left white");
        let outside = pixel_at(&info, &pixels, [100.603, 7.191]);
        assert_eq!(outside, [255, 255, 255], "outside the zone is white");
        Ok(())
    }

    #[test]
    fn png_draws_thai_labels_in_ink() -> Result<(), Box<dyn std::error::Error>> {
        let bytes = render(&sheet())??;

        let (info, pixels) = decode(&bytes);
        // The title sits in the band above the map's frame, 12 mm down.
        let band = (8.0 * PX_PER_MM) as usize..(13.0 * PX_PER_MM) as usize;
        let dark = band
            .flat_map(|row| (0..info.width as usize / 2).map(move |column| (row, column)))
            .filter(|(row, column)| pixels[(row * info.width as usize + column) * 4] < 100)
            .count();
        assert!(dark > 500, "the title is drawn: {dark} dark pixels");
        Ok(())
    }
}
