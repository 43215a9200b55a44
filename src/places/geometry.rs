//! Positions and outlines, and the checks each one passes before it is
//! stored: finite numbers, WGS84 degrees inside Thailand for the
//! geographic layers, pixels inside the image for a sketch map, and closed
//! rings of at least four positions that do not cross themselves.

use serde::{Deserialize, Serialize};

use crate::Error;

/// The approximate box around Thailand that every geographic position must
/// lie in: longitude 97.3 to 105.7 and latitude 5.6 to 20.5 degrees. It is
/// a box, not the border, so it also takes in parts of the neighbouring
/// countries and the sea. It catches swapped, projected and mistyped
/// coordinates, not a point just across the border.
pub const THAILAND: Bounds = Bounds {
    min_lon: 97.3,
    max_lon: 105.7,
    min_lat: 5.6,
    max_lat: 20.5,
};

/// Decimal places kept of a degree: 7 places are about 1 cm on the ground.
const DEGREE_DECIMALS: i32 = 7;

/// A box of longitudes and latitudes.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Bounds {
    /// Western edge, degrees east.
    pub min_lon: f64,
    /// Eastern edge, degrees east.
    pub max_lon: f64,
    /// Southern edge, degrees north.
    pub min_lat: f64,
    /// Northern edge, degrees north.
    pub max_lat: f64,
}

impl Bounds {
    /// Returns whether the box contains the position, edges included.
    pub fn contains(&self, lon: f64, lat: f64) -> bool {
        (self.min_lon..=self.max_lon).contains(&lon) && (self.min_lat..=self.max_lat).contains(&lat)
    }
}

/// An invalid position or outline, which is not stored.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GeometryError {
    /// A coordinate is not a finite number (NaN or infinite).
    #[error("coordinate {value} is not a number; check the file's coordinates")]
    NotFinite {
        /// The value as read.
        value: String,
    },
    /// The numbers are not longitude and latitude in degrees, such as UTM
    /// metres.
    #[error(
        "position ({lon}, {lat}) is not a longitude and latitude in degrees; save the layer \
         in WGS84 (EPSG:4326)"
    )]
    NotDegrees {
        /// First coordinate as read.
        lon: f64,
        /// Second coordinate as read.
        lat: f64,
    },
    /// The position is outside Thailand, but inside it with the two
    /// coordinates swapped.
    #[error(
        "position ({lon}, {lat}) lies outside Thailand, and inside it with latitude and \
         longitude swapped; write the longitude first"
    )]
    Swapped {
        /// Longitude as read.
        lon: f64,
        /// Latitude as read.
        lat: f64,
    },
    /// The position is outside the approximate box around Thailand.
    #[error(
        "position ({lon}, {lat}) lies outside Thailand (longitude 97.3 to 105.7, latitude 5.6 \
         to 20.5, an approximate box)"
    )]
    OutsideThailand {
        /// Longitude.
        lon: f64,
        /// Latitude.
        lat: f64,
    },
    /// A sketch-map pin lies outside its image.
    #[error("pixel ({x}, {y}) lies outside the {width} × {height} image")]
    OutsideImage {
        /// Pixels from the left edge.
        x: f64,
        /// Pixels from the top edge.
        y: f64,
        /// Image width in pixels.
        width: u32,
        /// Image height in pixels.
        height: u32,
    },
    /// A polygon has no rings.
    #[error("the outline has no positions")]
    PolygonEmpty,
    /// A ring has fewer than four positions.
    #[error(
        "{ring} has {positions} positions; a closed ring needs at least 4 (three corners and \
         the first one again)"
    )]
    RingTooShort {
        /// The ring: "the outline" or "hole 1".
        ring: String,
        /// Positions in the ring.
        positions: usize,
    },
    /// A ring's last position is not its first.
    #[error("{ring} is not closed: its last position must repeat the first")]
    RingNotClosed {
        /// Which ring.
        ring: String,
    },
    /// A ring crosses or touches itself.
    #[error("{ring} crosses itself near ({x}, {y})")]
    RingSelfIntersects {
        /// Which ring.
        ring: String,
        /// First coordinate of the crossing.
        x: f64,
        /// Second coordinate of the crossing.
        y: f64,
    },
}

impl GeometryError {
    /// Returns a stable identifier for the UI to translate.
    pub fn code(&self) -> &'static str {
        match self {
            GeometryError::NotFinite { .. } => "coordinate_not_finite",
            GeometryError::NotDegrees { .. } => "coordinate_not_degrees",
            GeometryError::Swapped { .. } => "coordinate_swapped",
            GeometryError::OutsideThailand { .. } => "coordinate_outside_thailand",
            GeometryError::OutsideImage { .. } => "pin_outside_image",
            GeometryError::PolygonEmpty => "polygon_empty",
            GeometryError::RingTooShort { .. } => "ring_too_short",
            GeometryError::RingNotClosed { .. } => "ring_not_closed",
            GeometryError::RingSelfIntersects { .. } => "ring_self_intersects",
        }
    }

    /// Returns the values a translated message names, as (placeholder,
    /// value).
    pub fn params(&self) -> Vec<(&'static str, String)> {
        match self {
            GeometryError::NotFinite { value } => vec![("value", value.clone())],
            GeometryError::NotDegrees { lon, lat }
            | GeometryError::Swapped { lon, lat }
            | GeometryError::OutsideThailand { lon, lat } => {
                vec![("lon", lon.to_string()), ("lat", lat.to_string())]
            }
            GeometryError::OutsideImage {
                x,
                y,
                width,
                height,
            } => vec![
                ("x", x.to_string()),
                ("y", y.to_string()),
                ("width", width.to_string()),
                ("height", height.to_string()),
            ],
            GeometryError::PolygonEmpty => Vec::new(),
            GeometryError::RingTooShort { ring, positions } => {
                vec![("ring", ring.clone()), ("positions", positions.to_string())]
            }
            GeometryError::RingNotClosed { ring } => vec![("ring", ring.clone())],
            GeometryError::RingSelfIntersects { ring, x, y } => vec![
                ("ring", ring.clone()),
                ("x", x.to_string()),
                ("y", y.to_string()),
            ],
        }
    }
}

impl From<GeometryError> for Error {
    fn from(error: GeometryError) -> Error {
        Error::rule(error.code(), error.to_string())
    }
}

/// A WGS84 position inside Thailand, in degrees, rounded to 7 decimals.
///
/// Built only through [`LonLat::new`], which checks it; deserializing
/// `{"lon": …, "lat": …}` runs the same checks.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawLonLat")]
pub struct LonLat {
    /// Longitude, degrees east.
    pub lon: f64,
    /// Latitude, degrees north.
    pub lat: f64,
}

#[derive(Deserialize)]
struct RawLonLat {
    lon: f64,
    lat: f64,
}

impl TryFrom<RawLonLat> for LonLat {
    type Error = GeometryError;

    fn try_from(raw: RawLonLat) -> Result<LonLat, GeometryError> {
        LonLat::new(raw.lon, raw.lat)
    }
}

impl LonLat {
    /// Checks and rounds a position given as longitude and latitude.
    ///
    /// ```
    /// use chumchon::places::geometry::LonLat;
    /// let songkhla = LonLat::new(100.595_123_456, 7.198_7)?;
    /// assert_eq!(songkhla.lon, 100.595_123_5);
    /// let swapped = LonLat::new(7.1987, 100.5951).unwrap_err();
    /// assert_eq!(swapped.code(), "coordinate_swapped");
    /// # Ok::<(), chumchon::places::geometry::GeometryError>(())
    /// ```
    pub fn new(lon: f64, lat: f64) -> Result<LonLat, GeometryError> {
        check_finite(lon)?;
        check_finite(lat)?;
        if THAILAND.contains(lat, lon) {
            return Err(GeometryError::Swapped { lon, lat });
        }
        if !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat) {
            return Err(GeometryError::NotDegrees { lon, lat });
        }
        if !THAILAND.contains(lon, lat) {
            return Err(GeometryError::OutsideThailand { lon, lat });
        }
        Ok(LonLat {
            lon: round_degrees(lon),
            lat: round_degrees(lat),
        })
    }

    /// Returns the position as a GeoJSON position, `[lon, lat]`.
    pub fn to_array(self) -> [f64; 2] {
        [self.lon, self.lat]
    }
}

/// A pin on a sketch map, in image pixels: `x` to the right and `y` down
/// from the top-left corner.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Pixel {
    /// Pixels from the left edge.
    pub x: f64,
    /// Pixels from the top edge.
    pub y: f64,
}

impl Pixel {
    /// Checks that the pixel lies on an image of `width` × `height`,
    /// edges included.
    pub fn check(self, width: u32, height: u32) -> Result<Pixel, GeometryError> {
        check_finite(self.x)?;
        check_finite(self.y)?;
        let inside = (0.0..=f64::from(width)).contains(&self.x)
            && (0.0..=f64::from(height)).contains(&self.y);
        if !inside {
            return Err(GeometryError::OutsideImage {
                x: self.x,
                y: self.y,
                width,
                height,
            });
        }
        Ok(self)
    }
}

/// A zone's outline: an outer ring and any holes, each closed (its last
/// position repeats the first) and none crossing itself. The rings are
/// those of a GeoJSON Polygon.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "Vec<Vec<[f64; 2]>>", into = "Vec<Vec<[f64; 2]>>")]
pub struct Polygon {
    rings: Vec<Vec<LonLat>>,
}

impl TryFrom<Vec<Vec<[f64; 2]>>> for Polygon {
    type Error = GeometryError;

    fn try_from(rings: Vec<Vec<[f64; 2]>>) -> Result<Polygon, GeometryError> {
        Polygon::new(rings)
    }
}

impl From<Polygon> for Vec<Vec<[f64; 2]>> {
    fn from(polygon: Polygon) -> Vec<Vec<[f64; 2]>> {
        polygon.coordinates()
    }
}

impl Polygon {
    /// Checks an outline given as GeoJSON Polygon coordinates,
    /// `[[[lon, lat], …], …]`: the outer ring, then the holes. Positions
    /// repeated one after the other are kept once.
    ///
    /// ```
    /// use chumchon::places::geometry::Polygon;
    /// let square = [[100.59, 7.19], [100.60, 7.19], [100.60, 7.20], [100.59, 7.20]];
    /// let mut closed = square.to_vec();
    /// closed.push(square[0]);
    /// assert!(Polygon::new(vec![closed]).is_ok());
    /// let open = Polygon::new(vec![square.to_vec()]).unwrap_err();
    /// assert_eq!(open.code(), "ring_not_closed");
    /// ```
    pub fn new(rings: Vec<Vec<[f64; 2]>>) -> Result<Polygon, GeometryError> {
        if rings.is_empty() {
            return Err(GeometryError::PolygonEmpty);
        }
        let mut checked = Vec::with_capacity(rings.len());
        for (index, ring) in rings.iter().enumerate() {
            let positions = ring
                .iter()
                .map(|&[lon, lat]| LonLat::new(lon, lat))
                .collect::<Result<Vec<_>, _>>()?;
            let mut positions = positions;
            positions.dedup();
            let points: Vec<[f64; 2]> = positions.iter().map(|p| p.to_array()).collect();
            check_ring(&points, &ring_name(index))?;
            checked.push(positions);
        }
        Ok(Polygon { rings: checked })
    }

    /// Checks an outline drawn as one ring of corners, closed or not, as a
    /// map editor such as Leaflet gives it: the first corner is repeated at
    /// the end when it is missing there.
    ///
    /// ```
    /// use chumchon::places::geometry::Polygon;
    /// let drawn = vec![[100.59, 7.19], [100.60, 7.19], [100.60, 7.20]];
    /// let zone = Polygon::from_corners(drawn)?;
    /// assert_eq!(zone.coordinates()[0].len(), 4);
    /// # Ok::<(), chumchon::places::geometry::GeometryError>(())
    /// ```
    pub fn from_corners(mut corners: Vec<[f64; 2]>) -> Result<Polygon, GeometryError> {
        if let (Some(first), Some(last)) = (corners.first().copied(), corners.last()) {
            if first != *last {
                corners.push(first);
            }
        }
        Polygon::new(vec![corners])
    }

    /// Returns the rings, outer first.
    pub fn rings(&self) -> &[Vec<LonLat>] {
        &self.rings
    }

    /// Returns the rings as GeoJSON Polygon coordinates.
    pub fn coordinates(&self) -> Vec<Vec<[f64; 2]>> {
        self.rings
            .iter()
            .map(|ring| ring.iter().map(|p| p.to_array()).collect())
            .collect()
    }

    /// Returns whether the position lies inside the outer ring and outside every
    /// hole. A position exactly on an edge may fall either way.
    pub fn contains(&self, position: LonLat) -> bool {
        let point = position.to_array();
        let mut rings = self.rings.iter().map(|ring| {
            let ring: Vec<[f64; 2]> = ring.iter().map(|p| p.to_array()).collect();
            ring_contains(&ring, point)
        });
        rings.next().unwrap_or(false) && rings.all(|inside_hole| !inside_hole)
    }
}

fn ring_name(index: usize) -> String {
    if index == 0 {
        "the outline".to_string()
    } else {
        format!("hole {index}")
    }
}

fn check_finite(value: f64) -> Result<(), GeometryError> {
    if value.is_finite() {
        Ok(())
    } else {
        Err(GeometryError::NotFinite {
            value: value.to_string(),
        })
    }
}

fn round_degrees(value: f64) -> f64 {
    let scale = 10f64.powi(DEGREE_DECIMALS);
    (value * scale).round() / scale
}

/// Checks that a ring has at least four positions, is closed, and does not
/// cross or touch itself. `ring` names it in the error.
pub fn check_ring(ring: &[[f64; 2]], name: &str) -> Result<(), GeometryError> {
    for &[x, y] in ring {
        check_finite(x)?;
        check_finite(y)?;
    }
    if ring.len() < 4 {
        return Err(GeometryError::RingTooShort {
            ring: name.to_string(),
            positions: ring.len(),
        });
    }
    if ring.first() != ring.last() {
        return Err(GeometryError::RingNotClosed {
            ring: name.to_string(),
        });
    }
    match self_intersection(ring) {
        Some([x, y]) => Err(GeometryError::RingSelfIntersects {
            ring: name.to_string(),
            x,
            y,
        }),
        None => Ok(()),
    }
}

/// Finds where a closed ring (without consecutive repeats) first crosses
/// or touches itself. Compares every pair of edges, which is
/// quadratic but quick for the few hundred corners a hand-drawn zone has.
fn self_intersection(ring: &[[f64; 2]]) -> Option<[f64; 2]> {
    let edges = ring.len() - 1;
    let edge = |i: usize| (ring[i], ring[i + 1]);
    for i in 0..edges {
        for j in i + 1..edges {
            let adjacent = j == i + 1 || (i == 0 && j == edges - 1);
            let (a, b) = edge(i);
            let (c, d) = edge(j);
            let found = if adjacent {
                folds_back(a, b, c, d)
            } else {
                segments_meet(a, b, c, d)
            };
            if let Some(point) = found {
                return Some(point);
            }
        }
    }
    None
}

/// Computes the cross product of (b − a) and (c − a): positive when c lies to the
/// left of a→b, zero when the three are in line.
fn orientation(a: [f64; 2], b: [f64; 2], c: [f64; 2]) -> f64 {
    (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
}

fn on_segment(a: [f64; 2], b: [f64; 2], p: [f64; 2]) -> bool {
    p[0] >= a[0].min(b[0])
        && p[0] <= a[0].max(b[0])
        && p[1] >= a[1].min(b[1])
        && p[1] <= a[1].max(b[1])
}

/// Finds where segments a–b and c–d meet, touching included.
fn segments_meet(a: [f64; 2], b: [f64; 2], c: [f64; 2], d: [f64; 2]) -> Option<[f64; 2]> {
    let (o1, o2) = (orientation(a, b, c), orientation(a, b, d));
    let (o3, o4) = (orientation(c, d, a), orientation(c, d, b));
    if o1 * o2 < 0.0 && o3 * o4 < 0.0 {
        let t = o3 / (o3 - o4);
        return Some([a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]);
    }
    let touching = [(o1, a, b, c), (o2, a, b, d), (o3, c, d, a), (o4, c, d, b)];
    touching
        .into_iter()
        .find(|&(o, from, to, p)| o == 0.0 && on_segment(from, to, p))
        .map(|(_, _, _, p)| p)
}

/// Finds whether two edges that share a corner lie on one line and overlap, as
/// in a spike that goes out and comes back the same way.
fn folds_back(a: [f64; 2], b: [f64; 2], c: [f64; 2], d: [f64; 2]) -> Option<[f64; 2]> {
    let (shared, first_end, second_end) = if b == c {
        (b, a, d)
    } else if d == a {
        (a, b, c)
    } else {
        return None;
    };
    let u = [first_end[0] - shared[0], first_end[1] - shared[1]];
    let v = [second_end[0] - shared[0], second_end[1] - shared[1]];
    let cross = u[0] * v[1] - u[1] * v[0];
    let dot = u[0] * v[0] + u[1] * v[1];
    (cross == 0.0 && dot > 0.0).then_some(shared)
}

/// Tests whether a point lies inside a closed ring, by counting the edges that a
/// ray to the east crosses.
fn ring_contains(ring: &[[f64; 2]], point: [f64; 2]) -> bool {
    let [x, y] = point;
    let mut inside = false;
    for pair in ring.windows(2) {
        let ([x1, y1], [x2, y2]) = (pair[0], pair[1]);
        if (y1 > y) != (y2 > y) && x < x1 + (y - y1) * (x2 - x1) / (y2 - y1) {
            inside = !inside;
        }
    }
    inside
}

#[cfg(test)]
mod tests {
    use super::*;

    type TestResult = Result<(), Box<dyn std::error::Error>>;

    fn closed(corners: &[[f64; 2]]) -> Vec<[f64; 2]> {
        let mut ring = corners.to_vec();
        ring.push(corners[0]);
        ring
    }

    const SQUARE: [[f64; 2]; 4] = [
        [100.59, 7.19],
        [100.60, 7.19],
        [100.60, 7.20],
        [100.59, 7.20],
    ];

    #[test]
    fn position_inside_thailand_is_kept() -> TestResult {
        let hat_yai = LonLat::new(100.4747, 7.0086)?;

        assert_eq!(hat_yai.lon, 100.4747, "longitude kept");
        assert_eq!(hat_yai.lat, 7.0086, "latitude kept");
        Ok(())
    }

    #[test]
    fn position_errors_name_the_cause() {
        let cases = [
            (f64::NAN, 7.0, "coordinate_not_finite"),
            (100.5, f64::INFINITY, "coordinate_not_finite"),
            (661_234.0, 796_543.0, "coordinate_not_degrees"),
            (7.19, 100.59, "coordinate_swapped"),
            (139.69, 35.68, "coordinate_outside_thailand"),
            (100.5, 4.9, "coordinate_outside_thailand"),
        ];
        for (lon, lat, code) in cases {
            let error = LonLat::new(lon, lat).err().map(|e| e.code());
            assert_eq!(error, Some(code), "({lon}, {lat})");
        }
    }

    #[test]
    fn position_is_rounded_to_seven_decimals() -> TestResult {
        let position = LonLat::new(100.123_456_789, 7.000_000_04)?;
        let again = LonLat::new(position.lon, position.lat)?;

        assert_eq!(position.lon, 100.123_456_8, "longitude rounded");
        assert_eq!(position.lat, 7.0, "latitude rounded");
        assert_eq!(again, position, "rounding twice changes nothing");
        Ok(())
    }

    #[test]
    fn polygon_accepts_closed_square_with_hole() -> TestResult {
        let hole = closed(&[
            [100.592, 7.192],
            [100.594, 7.192],
            [100.594, 7.194],
            [100.592, 7.194],
        ]);
        let polygon = Polygon::new(vec![closed(&SQUARE), hole])?;

        assert_eq!(polygon.rings().len(), 2, "outer ring and hole");
        assert!(
            polygon.contains(LonLat::new(100.598, 7.198)?),
            "inside the square, outside the hole"
        );
        assert!(
            !polygon.contains(LonLat::new(100.593, 7.193)?),
            "inside the hole"
        );
        assert!(
            !polygon.contains(LonLat::new(100.61, 7.198)?),
            "east of the square"
        );
        Ok(())
    }

    #[test]
    fn polygon_rejects_unclosed_ring() {
        let error = Polygon::new(vec![SQUARE.to_vec()]).err();

        assert_eq!(error.map(|e| e.code()), Some("ring_not_closed"));
    }

    #[test]
    fn polygon_rejects_too_few_positions() {
        let triangle_open = vec![[100.59, 7.19], [100.60, 7.19], [100.59, 7.19]];
        let repeated = closed(&[[100.59, 7.19], [100.59, 7.19], [100.60, 7.19]]);

        let short = Polygon::new(vec![triangle_open]).err();
        let after_repeats = Polygon::new(vec![repeated]).err();

        assert_eq!(short.map(|e| e.code()), Some("ring_too_short"));
        assert_eq!(
            after_repeats.map(|e| e.code()),
            Some("ring_too_short"),
            "repeated positions count once"
        );
        assert_eq!(
            Polygon::new(Vec::new()).err().map(|e| e.code()),
            Some("polygon_empty")
        );
    }

    #[test]
    fn polygon_rejects_bow_tie() {
        let bow_tie = closed(&[
            [100.59, 7.19],
            [100.60, 7.20],
            [100.60, 7.19],
            [100.59, 7.20],
        ]);

        let error = Polygon::new(vec![bow_tie]).err();

        assert_eq!(
            error.as_ref().map(|e| e.code()),
            Some("ring_self_intersects")
        );
        let Some(GeometryError::RingSelfIntersects { x, y, .. }) = error else {
            return;
        };
        assert!((x - 100.595).abs() < 1e-9, "crossing longitude {x}");
        assert!((y - 7.195).abs() < 1e-9, "crossing latitude {y}");
    }

    #[test]
    fn polygon_rejects_spike_and_touching_corner() {
        let spike = closed(&[
            [100.59, 7.19],
            [100.60, 7.19],
            [100.61, 7.19],
            [100.60, 7.19],
            [100.60, 7.20],
        ]);
        let touching = closed(&[
            [100.59, 7.19],
            [100.61, 7.19],
            [100.60, 7.19],
            [100.60, 7.20],
        ]);

        assert_eq!(
            Polygon::new(vec![spike]).err().map(|e| e.code()),
            Some("ring_self_intersects"),
            "a spike that goes back on itself"
        );
        assert_eq!(
            Polygon::new(vec![touching]).err().map(|e| e.code()),
            Some("ring_self_intersects"),
            "an edge that runs back along another"
        );
    }

    #[test]
    fn polygon_rejects_corner_outside_thailand() {
        let mut ring = closed(&SQUARE);
        ring[2] = [110.0, 7.2];

        let error = Polygon::new(vec![ring]).err();

        assert_eq!(error.map(|e| e.code()), Some("coordinate_outside_thailand"));
    }

    #[test]
    fn polygon_reads_and_writes_geojson_coordinates() -> TestResult {
        let json = serde_json::to_string(&vec![closed(&SQUARE)])?;

        let polygon: Polygon = serde_json::from_str(&json)?;
        let written = serde_json::to_string(&polygon)?;

        assert_eq!(written, json, "coordinates written back unchanged");
        let unclosed = serde_json::to_string(&vec![SQUARE.to_vec()])?;
        assert!(
            serde_json::from_str::<Polygon>(&unclosed).is_err(),
            "deserializing checks the ring"
        );
        Ok(())
    }

    #[test]
    fn pixel_must_lie_on_image() -> TestResult {
        let pin = Pixel { x: 10.0, y: 799.5 }.check(1200, 800)?;
        let outside = Pixel { x: -1.0, y: 5.0 }.check(1200, 800).err();
        let nan = Pixel {
            x: f64::NAN,
            y: 5.0,
        }
        .check(1200, 800)
        .err();

        assert_eq!(pin.y, 799.5, "pixel on the image kept");
        assert_eq!(outside.map(|e| e.code()), Some("pin_outside_image"));
        assert_eq!(nan.map(|e| e.code()), Some("coordinate_not_finite"));
        Ok(())
    }

    #[test]
    fn lonlat_deserializing_checks_thailand() {
        let outside = serde_json::from_str::<LonLat>(r#"{"lon": 2.35, "lat": 48.85}"#);

        assert!(outside.is_err(), "Paris is not in Thailand");
    }
}
