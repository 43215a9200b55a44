//! Reads the placemarks of a KML file, as Google My Maps and QGIS write
//! them: each placemark's name, description, extended data (`<Data>` and
//! `<SimpleData>`), the folder it is in, and its point or polygon. Writes
//! the map's GeoJSON layers as KML in the same shape, one folder per layer,
//! so that an exported file imports back unchanged.
//!
//! The file is read with quick-xml's event reader, the XML reader the
//! spreadsheet import already uses. The `kml` crate would bring a second
//! version of quick-xml and reads into a generic element tree that would
//! still need this walk.

use std::fmt::Write as _;

use geojson::{FeatureCollection, GeometryValue};
use quick_xml::escape::escape;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use serde_json::{Map, Value};

use super::layers::{HOUSEHOLD_LAYER, POINT_LAYER, ZONE_LAYER};
use super::schedule::{format_schedule, Opening};
use super::source::{SourceFeature, SourceGeometry};
use crate::{Error, Result};

/// The layers in the order they are written, each with the name of its
/// KML folder. The import reads these names back as the same layers.
const FOLDERS: [(&str, &str); 3] = [
    (ZONE_LAYER, "โซน"),
    (POINT_LAYER, "จุดรับขยะ"),
    (HOUSEHOLD_LAYER, "ครัวเรือน"),
];

/// Reads every placemark of a KML document, in document order.
pub(crate) fn read_kml(text: &str) -> Result<Vec<SourceFeature>> {
    let mut reader = Reader::from_str(text);
    let mut walk = Walk::default();
    loop {
        let event = reader.read_event().map_err(|error| {
            Error::rule(
                "kml_invalid",
                format!(
                    "the KML file is damaged near byte {} ({error}); export it again",
                    reader.error_position()
                ),
            )
        })?;
        match event {
            Event::Start(start) => walk.start(&start),
            Event::Empty(start) => {
                walk.start(&start);
                walk.end();
            }
            Event::End(_) => walk.end(),
            Event::Text(text) => walk.text.push_str(&text.xml10_content()),
            Event::CData(data) => walk.text.push_str(&data.xml10_content()),
            Event::GeneralRef(reference) => {
                let name: &str = reference.as_ref();
                if let Some(entity) = quick_xml::escape::resolve_xml_entity(name) {
                    walk.text.push_str(entity);
                } else if let Ok(Some(c)) = reference.resolve_char_ref() {
                    walk.text.push(c);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(open) = walk.path.first() {
        // The innermost open feature or folder names the place of the cut.
        let inside = walk
            .path
            .iter()
            .rev()
            .find(|name| ["Placemark", "Folder", "Document"].contains(&name.as_str()))
            .unwrap_or(open);
        return Err(Error::rule(
            "kml_truncated",
            format!(
                "the KML file is damaged: it ends inside <{inside}> before the file is \
                 complete; export it again"
            ),
        ));
    }
    if walk.features.is_empty() && !text.contains("<kml") {
        return Err(Error::rule(
            "kml_invalid",
            "the file is not KML: it has no <kml> element; export the map as KML again",
        ));
    }
    Ok(walk.features)
}

/// A placemark being read.
#[derive(Default)]
struct Placemark {
    properties: Map<String, Value>,
    geometries: Vec<SourceGeometry>,
    /// The polygon whose rings are being read.
    polygon: Option<Vec<Vec<[f64; 2]>>>,
    error: Option<String>,
}

/// The state of the walk through the document.
#[derive(Default)]
struct Walk {
    /// Local names of the open elements, outermost first.
    path: Vec<String>,
    /// Names of the open folders and documents, innermost last.
    folders: Vec<Option<String>>,
    /// Text of the innermost element so far.
    text: String,
    /// The `name` attribute of the open `<Data>` or `<SimpleData>`.
    data_name: Option<String>,
    placemark: Option<Placemark>,
    features: Vec<SourceFeature>,
}

impl Walk {
    fn start(&mut self, start: &BytesStart<'_>) {
        let name = local_name(start);
        self.text.clear();
        match name.as_str() {
            "Folder" | "Document" => self.folders.push(None),
            "Placemark" => self.placemark = Some(Placemark::default()),
            "Polygon" => {
                if let Some(placemark) = &mut self.placemark {
                    placemark.polygon = Some(Vec::new());
                }
            }
            "Data" | "SimpleData" => {
                self.data_name = start
                    .try_get_attribute("name")
                    .ok()
                    .flatten()
                    .and_then(|a| {
                        a.normalized_value(XmlVersion::Implicit1_0)
                            .ok()
                            .map(|v| v.trim().to_string())
                    });
            }
            _ => {}
        }
        self.path.push(name);
    }

    fn end(&mut self) {
        let Some(name) = self.path.pop() else {
            return;
        };
        let parent = self.path.last().map(String::as_str);
        let text = std::mem::take(&mut self.text).trim().to_string();
        match (name.as_str(), parent) {
            ("name", Some("Folder" | "Document")) => {
                if let Some(top) = self.folders.last_mut() {
                    *top = Some(text);
                }
            }
            ("Folder" | "Document", _) => {
                self.folders.pop();
            }
            ("name" | "description", Some("Placemark")) => self.set_property(&name, text),
            ("value", Some("Data")) | ("SimpleData", _) => {
                if let Some(key) = self.data_name.take() {
                    self.set_property(&key, text);
                }
            }
            ("coordinates", _) => self.coordinates(&text),
            ("Polygon", _) => {
                if let Some(placemark) = &mut self.placemark {
                    if let Some(rings) = placemark.polygon.take() {
                        placemark.geometries.push(SourceGeometry::Polygon(rings));
                    }
                }
            }
            ("LineString" | "Track" | "Model", _) => {
                if let Some(placemark) = &mut self.placemark {
                    if placemark.polygon.is_none() {
                        placemark
                            .geometries
                            .push(SourceGeometry::Other(name.clone()));
                    }
                }
            }
            ("Placemark", _) => self.finish_placemark(),
            _ => {}
        }
    }

    fn set_property(&mut self, key: &str, value: String) {
        if let Some(placemark) = &mut self.placemark {
            if key.is_empty() {
                return;
            }
            let value = if value.is_empty() {
                Value::Null
            } else {
                Value::String(value)
            };
            placemark.properties.entry(key.to_string()).or_insert(value);
        }
    }

    fn coordinates(&mut self, text: &str) {
        let in_point = self.path.iter().any(|n| n == "Point");
        let in_ring = self.path.last().is_some_and(|n| n == "LinearRing");
        let Some(placemark) = &mut self.placemark else {
            return;
        };
        let positions = match parse_coordinates(text) {
            Ok(positions) => positions,
            Err(message) => {
                placemark.error.get_or_insert(message);
                return;
            }
        };
        if in_ring {
            if let Some(rings) = &mut placemark.polygon {
                rings.push(positions);
            }
        } else if in_point {
            match positions.as_slice() {
                [position] => placemark.geometries.push(SourceGeometry::Point(*position)),
                _ => {
                    placemark.error.get_or_insert(format!(
                        "a point has {} positions instead of one",
                        positions.len()
                    ));
                }
            }
        }
    }

    fn finish_placemark(&mut self) {
        let Some(placemark) = self.placemark.take() else {
            return;
        };
        let geometry = match (placemark.error, placemark.geometries.len()) {
            (Some(error), _) => Err(error),
            (None, 0) => Ok(None),
            (None, 1) => Ok(placemark.geometries.into_iter().next()),
            (None, _) => Ok(Some(SourceGeometry::Other("MultiGeometry".to_string()))),
        };
        let folder = self.folders.iter().rev().find_map(Clone::clone);
        self.features.push(SourceFeature {
            number: self.features.len() + 1,
            folder,
            properties: placemark.properties,
            geometry,
        });
    }
}

fn local_name(start: &BytesStart<'_>) -> String {
    let name = start.name();
    let local = name.local_name();
    let text: &str = local.as_ref();
    text.to_string()
}

/// Reads KML coordinates: tuples "lon,lat[,alt]" separated by white space.
fn parse_coordinates(text: &str) -> Result<Vec<[f64; 2]>, String> {
    text.split_whitespace()
        .map(|tuple| {
            let mut parts = tuple.split(',').map(|part| part.trim().parse::<f64>());
            match (parts.next(), parts.next()) {
                (Some(Ok(lon)), Some(Ok(lat))) => Ok([lon, lat]),
                _ => Err(format!(
                    "cannot read the coordinates “{tuple}”; expected lon,lat"
                )),
            }
        })
        .collect()
}

/// Writes a feature collection of the map's layers as a KML document: one
/// `<Folder>` per layer, and per feature a `<Placemark>` with its name, every
/// other property as `<Data>`, and its point or polygon.
///
/// A list property (members, materials) becomes text separated by commas
/// and opening hours become text such as "ส. 09:00–12:00", the forms the
/// import reads. A null property becomes an empty value, which the import
/// reads as null.
pub(crate) fn write_kml(document_name: &str, collection: &FeatureCollection) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <kml xmlns=\"http://www.opengis.net/kml/2.2\">\n<Document>\n",
    );
    let _ = writeln!(out, "<name>{}</name>", escape(document_name));
    for (layer, folder) in FOLDERS {
        let features: Vec<&geojson::Feature> = collection
            .features
            .iter()
            .filter(|f| f.property("layer").and_then(Value::as_str) == Some(layer))
            .collect();
        if features.is_empty() {
            continue;
        }
        let _ = writeln!(out, "<Folder>\n<name>{folder}</name>");
        for feature in features {
            write_placemark(&mut out, feature);
        }
        out.push_str("</Folder>\n");
    }
    out.push_str("</Document>\n</kml>\n");
    out
}

fn write_placemark(out: &mut String, feature: &geojson::Feature) {
    out.push_str("<Placemark>\n");
    if let Some(name) = feature.property("name").and_then(Value::as_str) {
        let _ = writeln!(out, "<name>{}</name>", escape(name));
    }
    out.push_str("<ExtendedData>\n");
    for (key, value) in feature.properties_iter() {
        if key == "name" {
            continue;
        }
        let _ = writeln!(
            out,
            "<Data name=\"{}\"><value>{}</value></Data>",
            escape(key.as_str()),
            escape(property_text(key, value).as_str())
        );
    }
    out.push_str("</ExtendedData>\n");
    if let Some(geometry) = &feature.geometry {
        write_geometry(out, &geometry.value);
    }
    out.push_str("</Placemark>\n");
}

/// Writes a property value as the text the import reads back.
fn property_text(key: &str, value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(text) => text.clone(),
        Value::Array(_) if key == "schedule" => {
            let hours: Vec<Opening> = serde_json::from_value(value.clone()).unwrap_or_default();
            format_schedule(&hours)
        }
        Value::Array(items) => items
            .iter()
            .map(|item| match item {
                Value::String(text) => text.clone(),
                other => other.to_string(),
            })
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    }
}

fn write_geometry(out: &mut String, geometry: &GeometryValue) {
    match geometry {
        GeometryValue::Point { coordinates } => {
            let _ = writeln!(
                out,
                "<Point><coordinates>{},{}</coordinates></Point>",
                coordinates[0], coordinates[1]
            );
        }
        GeometryValue::Polygon { coordinates } => {
            out.push_str("<Polygon>\n");
            for (index, ring) in coordinates.iter().enumerate() {
                let boundary = if index == 0 {
                    "outerBoundaryIs"
                } else {
                    "innerBoundaryIs"
                };
                let positions: Vec<String> =
                    ring.iter().map(|p| format!("{},{}", p[0], p[1])).collect();
                let _ = writeln!(
                    out,
                    "<{boundary}><LinearRing><coordinates>{}</coordinates></LinearRing></{boundary}>",
                    positions.join(" ")
                );
            }
            out.push_str("</Polygon>\n");
        }
        // The layers hold only points and polygons.
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MY_MAPS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2">
  <Document>
    <name>ชุมชนบ่อยาง</name>
    <Folder>
      <name>โซน</name>
      <Placemark>
        <name>ซอย 1 &amp; 2</name>
        <description><![CDATA[หัวหน้า: <b>นายสมชาย</b>]]></description>
        <Polygon><outerBoundaryIs><LinearRing><coordinates>
          100.59,7.19,0 100.60,7.19,0 100.60,7.20,0 100.59,7.19,0
        </coordinates></LinearRing></outerBoundaryIs></Polygon>
      </Placemark>
    </Folder>
    <Folder>
      <name>ครัวเรือน</name>
      <Placemark>
        <name>12/3</name>
        <ExtendedData>
          <Data name="หมู่"><value>4</value></Data>
          <Data name="ซอย"><value></value></Data>
        </ExtendedData>
        <Point><coordinates>100.595,7.195,0</coordinates></Point>
      </Placemark>
      <Placemark>
        <name>ทางเดิน</name>
        <LineString><coordinates>100.59,7.19 100.60,7.20</coordinates></LineString>
      </Placemark>
      <Placemark>
        <name>พิกัดเสีย</name>
        <Point><coordinates>100.5x,7.19</coordinates></Point>
      </Placemark>
    </Folder>
  </Document>
</kml>"#;

    #[test]
    fn kml_reads_my_maps_folders_and_data() -> Result<()> {
        let features = read_kml(MY_MAPS)?;

        assert_eq!(features.len(), 4, "four placemarks");
        let zone = &features[0];
        assert_eq!(zone.name().as_deref(), Some("ซอย 1 & 2"), "entity resolved");
        assert_eq!(zone.folder.as_deref(), Some("โซน"), "folder name");
        assert_eq!(
            zone.property(&["description"]),
            Some(Some("หัวหน้า: <b>นายสมชาย</b>".to_string())),
            "CDATA description"
        );
        let Ok(Some(SourceGeometry::Polygon(rings))) = &zone.geometry else {
            panic!("zone geometry {:?}", zone.geometry);
        };
        assert_eq!(rings[0].len(), 4, "altitude dropped, four positions");
        let house = &features[1];
        assert_eq!(house.property(&["หมู่"]), Some(Some("4".to_string())));
        assert_eq!(house.property(&["ซอย"]), Some(None), "empty value");
        assert_eq!(house.folder.as_deref(), Some("ครัวเรือน"));
        assert_eq!(
            house.geometry,
            Ok(Some(SourceGeometry::Point([100.595, 7.195])))
        );
        assert_eq!(
            features[2].geometry,
            Ok(Some(SourceGeometry::Other("LineString".to_string())))
        );
        assert!(features[3].geometry.is_err(), "unreadable coordinates");
        Ok(())
    }

    #[test]
    fn kml_reads_qgis_simple_data_and_holes() -> Result<()> {
        let qgis = r##"<kml><Document><Folder><name>zones</name>
          <Placemark><ExtendedData><SchemaData schemaUrl="#zones">
            <SimpleData name="name">ซอย 3</SimpleData>
            <SimpleData name="layer">zone</SimpleData>
          </SchemaData></ExtendedData>
          <Polygon>
            <outerBoundaryIs><LinearRing><coordinates>100.59,7.19 100.61,7.19 100.61,7.21 100.59,7.19</coordinates></LinearRing></outerBoundaryIs>
            <innerBoundaryIs><LinearRing><coordinates>100.60,7.195 100.605,7.195 100.605,7.20 100.60,7.195</coordinates></LinearRing></innerBoundaryIs>
          </Polygon></Placemark></Folder></Document></kml>"##;

        let features = read_kml(qgis)?;

        assert_eq!(features[0].name().as_deref(), Some("ซอย 3"));
        assert_eq!(
            features[0].property(&["layer"]),
            Some(Some("zone".to_string()))
        );
        let Ok(Some(SourceGeometry::Polygon(rings))) = &features[0].geometry else {
            panic!("geometry {:?}", features[0].geometry);
        };
        assert_eq!(rings.len(), 2, "outer ring and hole");
        Ok(())
    }

    #[test]
    fn kml_broken_xml_is_file_error() {
        let error = read_kml("<kml><Document><Placemark></Document></kml>").err();

        assert_eq!(error.map(|e| e.code()), Some("kml_invalid"));
    }
}
