//! Communities on the map: zones and their polygons, households with each
//! address part stored apart, collection points, and scanned sketch maps
//! with pins in image coordinates.

pub mod geometry;
