//! A community's map for meetings (แผนที่ชุมชน): zones as outlines with
//! their names, collection points and households as markers, on one A4
//! landscape page with a legend and a scale bar.
//!
//! The sheet is drawn through [`Surface`], so that the PDF page and the
//! PNG picture of [`png`] share one layout: the picture is the page
//! rasterized, with the zones filled in colour.
//!
//! Positions are WGS84 degrees, drawn in an equirectangular projection
//! with longitudes shortened by the cosine of the map's mean latitude.
//! Over a community a few kilometres across, that keeps distances true to
//! well under one percent, which is enough for a meeting map and its
//! scale bar.

pub mod png;

use std::path::Path;

use chrono::NaiveDate;

use super::canvas::{Align, Canvas, TextStyle};
use super::document::{Document, PageSize};
use super::{write_atomically, PdfError};
use crate::thai::date::format_long;

/// A map sheet to print.
#[derive(Debug, Clone, PartialEq)]
pub struct MapSheet {
    /// Title, such as "แผนที่ชุมชนบ่อยาง".
    pub title: String,
    /// The line under the title, such as the municipality.
    pub subtitle: Option<String>,
    /// The date printed on the sheet.
    pub printed_on: NaiveDate,
    /// Zones with their outlines.
    pub zones: Vec<MapZone>,
    /// Collection points.
    pub points: Vec<MapMarker>,
    /// Households.
    pub households: Vec<MapMarker>,
}

/// A zone on a map sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct MapZone {
    /// Name printed inside the zone.
    pub name: String,
    /// Rings of `[lon, lat]` positions, outer first.
    pub rings: Vec<Vec<[f64; 2]>>,
}

/// A marker on a map sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct MapMarker {
    /// Label printed beside the marker.
    pub label: String,
    /// `[lon, lat]`.
    pub position: [f64; 2],
}

const PAGE: PageSize = PageSize {
    width: 297.0,
    height: 210.0,
};
const TITLE: TextStyle = TextStyle::bold(16.0);
const SUBTITLE: TextStyle = TextStyle::regular(11.0);
const ZONE_NAME: TextStyle = TextStyle::bold(10.0);
const POINT_LABEL: TextStyle = TextStyle::bold(8.0);
const HOUSE_LABEL: TextStyle = TextStyle::regular(6.0);
const LEGEND: TextStyle = TextStyle::regular(9.0);

/// The frame the map is drawn in, millimetres from the page's top left.
const FRAME_LEFT: f32 = 12.0;
const FRAME_TOP: f32 = 26.0;
const FRAME_WIDTH: f32 = 273.0;
const FRAME_HEIGHT: f32 = 160.0;
/// Margin inside the frame around the drawing.
const INSET: f32 = 6.0;
const LEGEND_BASELINE: f32 = 198.0;
/// Metres in one degree of latitude, on average.
const METRES_PER_DEGREE: f64 = 111_320.0;

/// Writes a map sheet to a new one-page PDF at `out`, replacing any file
/// there.
pub fn write_map(out: &Path, sheet: &MapSheet) -> Result<(), PdfError> {
    write_atomically(out, |path| {
        let mut document = Document::create(path)?;
        document.add_page(PAGE, |canvas| draw(canvas, sheet))?;
        document.finish(&sheet.title)?;
        Ok(())
    })
}

/// The drawing operations of a map sheet. Positions are millimetres from
/// the page's top-left corner, a text's `y` is its baseline, and sizes and
/// line widths are in points, as on [`Canvas`].
pub(crate) trait Surface {
    /// Draws text and returns its width in millimetres.
    fn text(
        &mut self,
        x: f32,
        y: f32,
        style: TextStyle,
        text: &str,
        align: Align,
    ) -> Result<f32, PdfError>;

    /// Draws text set smaller, down to 60 % of its size, to fit
    /// `max_width` millimetres, and returns its width in millimetres.
    fn fitted_text(
        &mut self,
        x: f32,
        y: f32,
        max_width: f32,
        style: TextStyle,
        text: &str,
        align: Align,
    ) -> Result<f32, PdfError>;

    /// Strokes a straight line `width` points wide.
    fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32);

    /// Strokes a rectangle whose top-left corner is at `x`, `y`.
    fn rect(&mut self, x: f32, y: f32, width: f32, height: f32, line_width: f32);

    /// Fills a rectangle with a grey level from 0 (black) to 1 (white).
    fn fill_rect(&mut self, x: f32, y: f32, width: f32, height: f32, grey: f32);

    /// Fills the area of a zone's rings (outer ring, then holes) in the
    /// zone's colour. `index` is the zone's place on the sheet, which
    /// picks the colour. The printed page leaves zones unfilled, because
    /// office printers are black and white.
    fn fill_zone(&mut self, _rings: &[Vec<(f32, f32)>], _index: usize) {}
}

impl Surface for Canvas<'_> {
    fn text(
        &mut self,
        x: f32,
        y: f32,
        style: TextStyle,
        text: &str,
        align: Align,
    ) -> Result<f32, PdfError> {
        Canvas::text(self, x, y, style, text, align)
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
        Canvas::fitted_text(self, x, y, max_width, style, text, align)
    }

    fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32) {
        Canvas::line(self, x1, y1, x2, y2, width);
    }

    fn rect(&mut self, x: f32, y: f32, width: f32, height: f32, line_width: f32) {
        Canvas::rect(self, x, y, width, height, line_width);
    }

    fn fill_rect(&mut self, x: f32, y: f32, width: f32, height: f32, grey: f32) {
        Canvas::fill_rect(self, x, y, width, height, grey);
    }
}

fn draw(canvas: &mut impl Surface, sheet: &MapSheet) -> Result<(), PdfError> {
    canvas.fitted_text(FRAME_LEFT, 12.0, 200.0, TITLE, &sheet.title, Align::Left)?;
    if let Some(subtitle) = &sheet.subtitle {
        canvas.fitted_text(FRAME_LEFT, 19.0, 200.0, SUBTITLE, subtitle, Align::Left)?;
    }
    let printed = format!("พิมพ์เมื่อ {}", format_long(sheet.printed_on));
    canvas.text(
        FRAME_LEFT + FRAME_WIDTH,
        12.0,
        SUBTITLE,
        &printed,
        Align::Right,
    )?;
    canvas.rect(FRAME_LEFT, FRAME_TOP, FRAME_WIDTH, FRAME_HEIGHT, 0.8);
    let Some(projection) = Projection::fit(sheet) else {
        let empty = "ยังไม่มีโซน ครัวเรือน หรือจุดรับขยะที่มีพิกัด";
        let middle = FRAME_TOP + FRAME_HEIGHT / 2.0;
        canvas.text(PAGE.width / 2.0, middle, SUBTITLE, empty, Align::Center)?;
        return draw_legend(canvas, None);
    };
    for (index, zone) in sheet.zones.iter().enumerate() {
        let rings: Vec<Vec<(f32, f32)>> = zone
            .rings
            .iter()
            .map(|ring| ring.iter().map(|p| projection.place(*p)).collect())
            .collect();
        canvas.fill_zone(&rings, index);
    }
    for zone in &sheet.zones {
        draw_zone(canvas, &projection, zone)?;
    }
    for household in &sheet.households {
        let (x, y) = projection.place(household.position);
        canvas.fill_rect(x - 0.8, y - 0.8, 1.6, 1.6, 0.35);
        canvas.text(x + 1.4, y + 0.8, HOUSE_LABEL, &household.label, Align::Left)?;
    }
    for point in &sheet.points {
        let (x, y) = projection.place(point.position);
        canvas.fill_rect(x - 1.6, y - 1.6, 3.2, 3.2, 0.0);
        canvas.rect(x - 2.4, y - 2.4, 4.8, 4.8, 0.6);
        canvas.text(x + 3.2, y + 1.2, POINT_LABEL, &point.label, Align::Left)?;
    }
    draw_legend(canvas, Some(&projection))
}

fn draw_zone(
    canvas: &mut impl Surface,
    projection: &Projection,
    zone: &MapZone,
) -> Result<(), PdfError> {
    for ring in &zone.rings {
        for edge in ring.windows(2) {
            let (x1, y1) = projection.place(edge[0]);
            let (x2, y2) = projection.place(edge[1]);
            canvas.line(x1, y1, x2, y2, 1.2);
        }
    }
    let Some(outer) = zone.rings.first().filter(|ring| ring.len() > 1) else {
        return Ok(());
    };
    // The mean of the corners (without the closing repeat) is used as the
    // centre, because it falls inside the convex zones most communities draw.
    let corners = &outer[..outer.len() - 1];
    let count = corners.len() as f64;
    let centre = [
        corners.iter().map(|p| p[0]).sum::<f64>() / count,
        corners.iter().map(|p| p[1]).sum::<f64>() / count,
    ];
    let (x, y) = projection.place(centre);
    canvas.fitted_text(x, y, 60.0, ZONE_NAME, &zone.name, Align::Center)?;
    Ok(())
}

fn draw_legend(canvas: &mut impl Surface, projection: Option<&Projection>) -> Result<(), PdfError> {
    let y = LEGEND_BASELINE;
    let mut x = FRAME_LEFT;
    canvas.line(x, y - 1.2, x + 8.0, y - 1.2, 1.2);
    x += 10.0;
    x += canvas.text(x, y, LEGEND, "ขอบเขตโซน", Align::Left)? + 8.0;
    canvas.fill_rect(x, y - 2.8, 3.2, 3.2, 0.0);
    canvas.rect(x - 0.8, y - 3.6, 4.8, 4.8, 0.6);
    x += 6.0;
    x += canvas.text(x, y, LEGEND, "จุดรับขยะ", Align::Left)? + 8.0;
    canvas.fill_rect(x, y - 2.0, 1.6, 1.6, 0.35);
    x += 4.0;
    canvas.text(x, y, LEGEND, "ครัวเรือน", Align::Left)?;
    let note = "พิกัด WGS84";
    canvas.text(
        FRAME_LEFT + FRAME_WIDTH,
        y + 6.0,
        LEGEND,
        note,
        Align::Right,
    )?;
    if let Some(projection) = projection {
        draw_scale_bar(canvas, projection)?;
    }
    Ok(())
}

/// Draws a bar of a round number of metres at the legend's right.
fn draw_scale_bar(canvas: &mut impl Surface, projection: &Projection) -> Result<(), PdfError> {
    let metres_per_mm = METRES_PER_DEGREE / projection.mm_per_degree;
    let metres = scale_bar_metres(metres_per_mm * 40.0);
    let length = (metres / metres_per_mm) as f32;
    let right = FRAME_LEFT + FRAME_WIDTH;
    let y = LEGEND_BASELINE - 1.2;
    canvas.line(right - length, y, right, y, 1.5);
    canvas.line(right - length, y - 1.5, right - length, y + 1.5, 0.8);
    canvas.line(right, y - 1.5, right, y + 1.5, 0.8);
    let label = if metres >= 1000.0 {
        format!("{} กม.", metres / 1000.0)
    } else {
        format!("{metres} ม.")
    };
    canvas.text(
        right - length - 2.0,
        LEGEND_BASELINE,
        LEGEND,
        &label,
        Align::Right,
    )?;
    Ok(())
}

/// Returns the largest of 1, 2 or 5 times a power of ten metres that is
/// at most `max` metres.
fn scale_bar_metres(max: f64) -> f64 {
    let power = 10f64.powf(max.max(1.0).log10().floor());
    [5.0, 2.0, 1.0]
        .into_iter()
        .map(|step| step * power)
        .find(|length| *length <= max)
        .unwrap_or(power)
}

/// Turns `[lon, lat]` into millimetres on the page.
struct Projection {
    min_lon: f64,
    max_lat: f64,
    /// Cosine of the mean latitude: how much shorter a degree of longitude
    /// is than one of latitude.
    lon_factor: f64,
    /// Millimetres for one degree of latitude.
    mm_per_degree: f64,
    /// Offsets that centre the drawing in the frame.
    left: f64,
    top: f64,
}

impl Projection {
    /// Fits every position of the sheet into the frame, or `None` when the
    /// sheet has no positions.
    fn fit(sheet: &MapSheet) -> Option<Projection> {
        let positions: Vec<[f64; 2]> = sheet
            .zones
            .iter()
            .flat_map(|zone| zone.rings.iter().flatten().copied())
            .chain(sheet.points.iter().map(|m| m.position))
            .chain(sheet.households.iter().map(|m| m.position))
            .collect();
        let first = positions.first()?;
        let (mut min, mut max) = (*first, *first);
        for p in &positions {
            min = [min[0].min(p[0]), min[1].min(p[1])];
            max = [max[0].max(p[0]), max[1].max(p[1])];
        }
        // A single marker still gets about 200 m of surroundings.
        let least = 0.002;
        let centre = [(min[0] + max[0]) / 2.0, (min[1] + max[1]) / 2.0];
        let half = [
            ((max[0] - min[0]) / 2.0).max(least / 2.0),
            ((max[1] - min[1]) / 2.0).max(least / 2.0),
        ];
        let lon_factor = centre[1].to_radians().cos();
        let width = 2.0 * half[0] * lon_factor;
        let height = 2.0 * half[1];
        let inner_width = f64::from(FRAME_WIDTH - 2.0 * INSET);
        let inner_height = f64::from(FRAME_HEIGHT - 2.0 * INSET);
        let mm_per_degree = (inner_width / width).min(inner_height / height);
        Some(Projection {
            min_lon: centre[0] - half[0],
            max_lat: centre[1] + half[1],
            lon_factor,
            mm_per_degree,
            left: f64::from(FRAME_LEFT + INSET) + (inner_width - width * mm_per_degree) / 2.0,
            top: f64::from(FRAME_TOP + INSET) + (inner_height - height * mm_per_degree) / 2.0,
        })
    }

    fn place(&self, position: [f64; 2]) -> (f32, f32) {
        let x = self.left + (position[0] - self.min_lon) * self.lon_factor * self.mm_per_degree;
        let y = self.top + (self.max_lat - position[1]) * self.mm_per_degree;
        (x as f32, y as f32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scale_bar_uses_round_lengths() {
        let cases = [
            (40.0, 20.0),
            (130.0, 100.0),
            (260.0, 200.0),
            (999.0, 500.0),
            (0.3, 1.0),
        ];
        for (max, expected) in cases {
            assert_eq!(scale_bar_metres(max), expected, "at most {max} m");
        }
    }

    #[test]
    fn projection_keeps_drawing_inside_frame() {
        let sheet = MapSheet {
            title: "แผนที่".to_string(),
            subtitle: None,
            printed_on: NaiveDate::default(),
            zones: vec![MapZone {
                name: "ซอย 1".to_string(),
                rings: vec![vec![
                    [100.59, 7.19],
                    [100.61, 7.19],
                    [100.61, 7.20],
                    [100.59, 7.19],
                ]],
            }],
            points: Vec::new(),
            households: vec![MapMarker {
                label: "1".to_string(),
                position: [100.60, 7.195],
            }],
        };

        let projection = Projection::fit(&sheet);

        let Some(projection) = projection else {
            panic!("a sheet with positions has a projection");
        };
        for corner in [[100.59, 7.19], [100.61, 7.20]] {
            let (x, y) = projection.place(corner);
            assert!(
                (FRAME_LEFT..=FRAME_LEFT + FRAME_WIDTH).contains(&x),
                "x {x} in frame"
            );
            assert!(
                (FRAME_TOP..=FRAME_TOP + FRAME_HEIGHT).contains(&y),
                "y {y} in frame"
            );
        }
        let (west, _) = projection.place([100.59, 7.19]);
        let (east, _) = projection.place([100.61, 7.19]);
        let (_, north) = projection.place([100.59, 7.20]);
        let (_, south) = projection.place([100.59, 7.19]);
        let ratio = f64::from((east - west) / (south - north));
        let expected = 2.0 * 7.195_f64.to_radians().cos();
        assert!(
            (ratio - expected).abs() < 1e-3,
            "shape kept: {ratio} vs {expected}"
        );
    }
}
