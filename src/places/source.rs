//! Features as read from a GeoJSON or KML file, before they are matched
//! to zones, households and collection points: a name, the properties,
//! the folder or layer they came in, and a geometry not yet checked.

use serde_json::{Map, Value};

/// A geometry as read, its coordinates not yet checked.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum SourceGeometry {
    /// One position, `[x, y]`.
    Point([f64; 2]),
    /// Rings of positions, outer first.
    Polygon(Vec<Vec<[f64; 2]>>),
    /// A geometry type the map does not store, such as a LineString.
    Other(String),
}

/// One feature of a file.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SourceFeature {
    /// Position in the file, from 1.
    pub number: usize,
    /// The KML folder or GeoJSON layer name it came in.
    pub folder: Option<String>,
    /// The feature's properties (GeoJSON) or extended data (KML).
    pub properties: Map<String, Value>,
    /// The geometry, `None` for a feature without one, or why it could not
    /// be read.
    pub geometry: Result<Option<SourceGeometry>, String>,
}

impl SourceFeature {
    /// Returns the value of the first of `keys` that the feature has, compared
    /// without case: `Some(None)` for a key given as null or empty text.
    pub fn property(&self, keys: &[&str]) -> Option<Option<String>> {
        self.raw(keys).map(text_of)
    }

    /// Returns the raw value of the first of `keys` that the feature has.
    pub fn raw(&self, keys: &[&str]) -> Option<&Value> {
        keys.iter().find_map(|key| {
            self.properties
                .iter()
                .find(|(name, _)| name.trim().eq_ignore_ascii_case(key))
                .map(|(_, value)| value)
        })
    }

    /// Returns the values of a list property, given as a JSON array or as text
    /// separated by commas.
    pub fn list(&self, keys: &[&str]) -> Option<Vec<String>> {
        let found = self.raw(keys)?;
        let items = match found {
            Value::Array(items) => items.iter().filter_map(text_of).collect(),
            other => text_of(other)
                .map(|text| {
                    text.split([',', ';', '\n'])
                        .map(|part| part.trim().to_string())
                        .filter(|part| !part.is_empty())
                        .collect()
                })
                .unwrap_or_default(),
        };
        Some(items)
    }

    /// Returns the feature's name: its `name` property (KML's `<name>`).
    pub fn name(&self) -> Option<String> {
        self.property(&["name", "ชื่อ"]).flatten()
    }
}

/// Converts a property value to text: strings trimmed, numbers as written, null
/// and empty text as `None`.
fn text_of(value: &Value) -> Option<String> {
    let text = match value {
        Value::Null => return None,
        Value::String(text) => text.trim().to_string(),
        Value::Number(number) => number.to_string(),
        Value::Bool(flag) => flag.to_string(),
        other => other.to_string(),
    };
    (!text.is_empty()).then_some(text)
}
