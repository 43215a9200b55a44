-- Zones drawn on a sketch map: a zone's outline on one scanned community
-- map, in image pixels (x to the right and y down from the image's
-- top-left corner), stored as the "coordinates" array of a GeoJSON
-- Polygon. Pixels are not WGS84, so these outlines are exempt from the
-- coordinate checks and are exported with their image, never as GeoJSON.
CREATE TABLE sketch_zones (
    sketch_map_id INTEGER NOT NULL REFERENCES sketch_maps (id),
    zone_id       INTEGER NOT NULL REFERENCES zones (id),
    outline       TEXT NOT NULL,
    PRIMARY KEY (sketch_map_id, zone_id)
) WITHOUT ROWID;
CREATE INDEX sketch_zones_zone ON sketch_zones (zone_id);
