-- The value index's rows numbered within their attribute (n, from 0), so that a new value's rows are written in
-- place of the old one's (INSERT ... ON CONFLICT DO UPDATE on the key below) instead of the old rows deleted and new
-- ones inserted: an update that leaves the key's columns as they were lets PostgreSQL remove the dead versions of an
-- index entry as it adds a new one (bottom-up deletion), where delete-and-insert left, under an entity written many
-- times a second, a trail of dead entries that every next write of it walked (measured by bench ingest, issue #13).
-- The backfill of V2026_12_09_11 adds the column itself when it runs on an older database, hence IF NOT EXISTS.
ALTER TABLE context_entity_value ADD COLUMN IF NOT EXISTS n int4;
UPDATE context_entity_value v SET n = r.n
FROM (SELECT ctid, row_number() OVER (PARTITION BY tenant_id, entity_id, attr ORDER BY inst, path) - 1 AS n
      FROM context_entity_value) r
WHERE v.ctid = r.ctid AND v.n IS DISTINCT FROM r.n;
ALTER TABLE context_entity_value ALTER COLUMN n SET NOT NULL;
DROP INDEX context_entity_value_key;
-- Written by entity and attribute; and the probe of one entity's values (a query walking entities in id order).
CREATE UNIQUE INDEX context_entity_value_key ON context_entity_value (tenant_id, entity_id, attr, n);
-- From this version an instance's members (observed_at, unit_code, dataset_id) are written on its first row only
-- (EntityValues.rows): a term on a member asks whether some row of the instance has it. Rows written before keep
-- them on every row, which answers the same. Likewise an object candidate (kind o), which compares with nothing, is
-- written only when no other candidate of its instance and path is: a typed value {"@type", "@value"} had two rows.
