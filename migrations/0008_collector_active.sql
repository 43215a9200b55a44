-- Whether a collector still works. A deactivated collector (active = 0)
-- keeps their rounds and round records but leaves the weekly schedule and
-- takes no new rounds.
ALTER TABLE waste_collectors
    ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1));

-- Earlier builds kept the ids of deactivated collectors in the setting
-- 'waste.inactive_collectors' as a JSON array, such as '[3,7]'. Move them
-- into the column. Ids written as JSON strings ('["3"]') count too.
UPDATE waste_collectors SET active = 0
WHERE id IN (
    SELECT CAST(ids.value AS INTEGER)
    FROM settings, json_each(settings.value) AS ids
    WHERE settings.key = 'waste.inactive_collectors'
      AND json_valid(settings.value)
      AND (ids.type = 'integer'
           OR (ids.type = 'text' AND ids.value GLOB '[0-9]*'
               AND NOT ids.value GLOB '*[^0-9]*'))
);

-- Record the setting's removal in the audit log as set_setting recorded
-- its changes: the old value as a JSON string. The time is the local time
-- of the upgrade, and the operator names this migration.
INSERT INTO audit_log (at, operator, action, table_name, record_id, old_values, new_values)
SELECT strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'), 'migration 0008', 'delete',
       'settings', key, json_quote(value), NULL
FROM settings
WHERE key = 'waste.inactive_collectors' AND json_valid(value);

-- NOTE: A value that is not valid JSON was never written by Chumchon and
-- could not be read by the builds that used it, so it stays in the
-- settings table untouched and no collector is deactivated by it.
DELETE FROM settings
WHERE key = 'waste.inactive_collectors' AND json_valid(value);
