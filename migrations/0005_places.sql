-- Communities on the map: zones with their polygons, households with their
-- address parts, collection points with their locations, and sketch maps.
-- Positions are WGS84 degrees (longitude, latitude); polygons are stored
-- as the "coordinates" array of a GeoJSON Polygon. Sketch-map pins are
-- image pixels, x to the right and y down from the image's top-left corner.

-- A community's profile. kind is the municipal classification of Thai
-- urban communities; mou_date is the day the community signed its
-- memorandum of understanding with the foundation.
ALTER TABLE communities ADD COLUMN kind TEXT
    CHECK (kind IN ('crowded', 'suburban', 'village', 'urban', 'public_housing',
                    'housing_estate', 'other'));
ALTER TABLE communities ADD COLUMN mou_date TEXT;
ALTER TABLE communities ADD COLUMN notes TEXT;

CREATE TABLE community_contacts (
    id           INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id),
    name         TEXT NOT NULL,
    -- Such as ประธานชุมชน or กรรมการ.
    role         TEXT,
    phone        TEXT,
    notes        TEXT,
    created_at   TEXT NOT NULL
);
CREATE INDEX community_contacts_community ON community_contacts (community_id);

-- A zone's leader is a member when leader_member_id is set; leader_name
-- is kept for a leader who is not a member.
ALTER TABLE zones ADD COLUMN leader_member_id INTEGER REFERENCES members (id);
ALTER TABLE zones ADD COLUMN leader_name TEXT;
ALTER TABLE zones ADD COLUMN polygon TEXT;
ALTER TABLE zones ADD COLUMN notes TEXT;

CREATE TABLE households (
    id             INTEGER PRIMARY KEY,
    community_id   INTEGER NOT NULL REFERENCES communities (id),
    zone_id        INTEGER REFERENCES zones (id),
    house_no       TEXT NOT NULL,
    moo            TEXT,
    soi            TEXT,
    road           TEXT,
    subdistrict    TEXT,
    district       TEXT,
    province       TEXT,
    postcode       TEXT,
    -- The day the household joined the sorting programme.
    sorting_joined TEXT,
    lon            REAL,
    lat            REAL,
    notes          TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    CHECK ((lon IS NULL) = (lat IS NULL))
);
-- One household per house number, หมู่, ซอย and ถนน in a community.
CREATE UNIQUE INDEX households_address ON households (
    community_id, house_no, coalesce(moo, ''), coalesce(soi, ''), coalesce(road, ''));
CREATE INDEX households_zone ON households (zone_id) WHERE zone_id IS NOT NULL;

-- The household a member lives in; the household's members are the
-- members that name it.
ALTER TABLE members ADD COLUMN household_id INTEGER REFERENCES households (id);
CREATE INDEX members_household ON members (household_id) WHERE household_id IS NOT NULL;

ALTER TABLE waste_points ADD COLUMN zone_id INTEGER REFERENCES zones (id);
ALTER TABLE waste_points ADD COLUMN lon REAL;
ALTER TABLE waste_points ADD COLUMN lat REAL;
-- Opening times that the weekly rows below cannot say, such as
-- "the second Saturday of the month".
ALTER TABLE waste_points ADD COLUMN schedule_note TEXT;

CREATE TABLE waste_point_materials (
    point_id    INTEGER NOT NULL REFERENCES waste_points (id),
    material_id INTEGER NOT NULL REFERENCES waste_materials (id),
    PRIMARY KEY (point_id, material_id)
) WITHOUT ROWID;

-- Weekly opening hours: weekday 1 (Monday) to 7 (Sunday), times HH:MM.
CREATE TABLE waste_point_hours (
    point_id INTEGER NOT NULL REFERENCES waste_points (id),
    weekday  INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    opens    TEXT NOT NULL,
    closes   TEXT NOT NULL,
    CHECK (opens < closes),
    PRIMARY KEY (point_id, weekday, opens)
) WITHOUT ROWID;

-- A scanned community map, stored in the database so that a backup
-- carries it.
CREATE TABLE sketch_maps (
    id           INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id),
    name         TEXT NOT NULL,
    format       TEXT NOT NULL CHECK (format IN ('png', 'jpeg')),
    image        BLOB NOT NULL,
    size_bytes   INTEGER NOT NULL,
    width        INTEGER NOT NULL CHECK (width > 0),
    height       INTEGER NOT NULL CHECK (height > 0),
    sha256       TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    UNIQUE (community_id, name)
);

CREATE TABLE sketch_pins (
    id            INTEGER PRIMARY KEY,
    sketch_map_id INTEGER NOT NULL REFERENCES sketch_maps (id),
    household_id  INTEGER REFERENCES households (id),
    point_id      INTEGER REFERENCES waste_points (id),
    x             REAL NOT NULL,
    y             REAL NOT NULL,
    CHECK ((household_id IS NULL) <> (point_id IS NULL)),
    UNIQUE (sketch_map_id, household_id),
    UNIQUE (sketch_map_id, point_id)
);
