-- The waste bank, continued: what its reports need beyond 0002.

-- The reports read every lot of a period. An index that holds every
-- column they read (member_id too) lets SQLite answer from the index
-- alone: over a year of a million lots, visiting the table for member_id
-- took about 1 s of the scan's 1.2 s.
DROP INDEX waste_lots_report;
CREATE INDEX waste_lots_report
    ON waste_lots (date, point_id, material_id, grams, value_satang, member_id);
