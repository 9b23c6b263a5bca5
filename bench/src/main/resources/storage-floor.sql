-- The storage floor of device ingestion (bench ingest-floor, docs/PERFORMANCE.md): scratch copies of Saola's tables,
-- 2 x 2 000 air-quality entities in them as Saola stores one (location, name, pm25, dateObserved), and floor_rest,
-- which writes inside PostgreSQL, for a transaction's readings, what storing a reading writes besides its history rows
-- in Saola's storage model: the entity's latest state, its value index rows and the counts by bucket (issue #17's
-- indexed q and count=true).
DROP TABLE IF EXISTS floor_history, floor_entity, floor_value, floor_count;
CREATE TABLE floor_history (LIKE context_attribute_history INCLUDING ALL);
CREATE TABLE floor_entity (LIKE context_entity INCLUDING ALL);
CREATE TABLE floor_value (LIKE context_entity_value INCLUDING ALL);
CREATE TABLE floor_count (LIKE context_value_count INCLUDING ALL);

INSERT INTO floor_entity (tenant_id, id, types, scopes, location_box, attrs)
SELECT 'default', 'urn:ngsi-ld:AirQualityObserved:floor-' || w || '-' || i,
       ARRAY['https://uri.etsi.org/ngsi-ld/default-context/AirQualityObserved'], '{}',
       box(point(108.2, 16.05), point(108.2, 16.05)),
       jsonb_build_object(
           'https://uri.etsi.org/ngsi-ld/location', jsonb_build_object('type', 'GeoProperty',
               'value', jsonb_build_object('type', 'Point', 'coordinates', jsonb_build_array(108.2, 16.05)),
               'createdAt', now(), 'modifiedAt', now()),
           'https://uri.etsi.org/ngsi-ld/default-context/name', jsonb_build_object('type', 'Property',
               'value', 'Floor ' || w || '-' || i, 'createdAt', now(), 'modifiedAt', now()),
           'https://uri.etsi.org/ngsi-ld/default-context/pm25', jsonb_build_object('type', 'Property', 'value', 0,
               'unitCode', 'GQ', 'createdAt', now(), 'modifiedAt', now(), 'observedAt', now()),
           'https://uri.etsi.org/ngsi-ld/default-context/dateObserved', jsonb_build_object('type', 'Property',
               'value', jsonb_build_object('@type', 'DateTime', '@value', now()),
               'createdAt', now(), 'modifiedAt', now(), 'observedAt', now()))
FROM generate_series(0, 1) w, generate_series(0, 1999) i;

INSERT INTO floor_value (tenant_id, entity_id, attr, inst, path, kind, num, txt, ts, observed_at, unit_code)
SELECT 'default', e.id, a.attr, 0, '', a.kind::"char", a.num, a.txt, a.ts, a.observed, a.unit
FROM floor_entity e, LATERAL (VALUES
    ('https://uri.etsi.org/ngsi-ld/default-context/name', 's', NULL::float8, 'Floor', NULL::timestamptz, NULL::timestamptz, NULL),
    ('https://uri.etsi.org/ngsi-ld/location', 'o', NULL, NULL, NULL, NULL, NULL),
    ('https://uri.etsi.org/ngsi-ld/default-context/pm25', 'n', 0, NULL, NULL, now(), 'GQ'),
    ('https://uri.etsi.org/ngsi-ld/default-context/dateObserved', 's', NULL, now()::text, now(), now(), NULL))
    AS a(attr, kind, num, txt, ts, observed, unit);

INSERT INTO floor_count (tenant_id, type, attr, bucket, stripe, entities)
SELECT 'default', 'https://uri.etsi.org/ngsi-ld/default-context/AirQualityObserved',
       'https://uri.etsi.org/ngsi-ld/default-context/pm25', 0, w, 2000
FROM generate_series(0, 1) w;

-- Batch b of worker w writes `per` readings (at most 2 000): its entities e = (b * per + i) % 2 000 in turn, so that
-- each of the worker's entities is written once every 2 000 readings, whatever the batch. The k-th reading of entity
-- e has pm25 = (e * e + 7 * k) % 500 and is observed at t. Its entity's latest state gets its two attributes anew,
-- built inside PostgreSQL (no new state to parse, as Saola sends); its value index rows of pm25 and dateObserved go
-- out and in again; the counts move by the batch's net change per bucket, one row per bucket (the value itself), in
-- the worker's stripe (all three only when indexed: without them, the floor of history and latest state alone).
-- The planner settings are those of Saola's group commit.
CREATE OR REPLACE FUNCTION floor_rest(w int, b bigint, per int, t timestamptz, indexed boolean) RETURNS void
LANGUAGE plpgsql SET enable_seqscan = off SET enable_bitmapscan = off AS $$
DECLARE
    pm  text := 'https://uri.etsi.org/ngsi-ld/default-context/pm25';
    dob text := 'https://uri.etsi.org/ngsi-ld/default-context/dateObserved';
    ty  text := 'https://uri.etsi.org/ngsi-ld/default-context/AirQualityObserved';
    ids text[];
    nv  int[];
    ov  int[];
BEGIN
    SELECT array_agg('urn:ngsi-ld:AirQualityObserved:floor-' || w || '-' || x.e ORDER BY x.i),
           array_agg((x.e * x.e + 7 * x.k) % 500 ORDER BY x.i),
           array_agg(CASE WHEN x.k = 0 THEN 0 ELSE (x.e * x.e + 7 * (x.k - 1)) % 500 END ORDER BY x.i)
    INTO ids, nv, ov
    FROM (SELECT i, (b * per + i) % 2000 AS e, (b * per + i) / 2000 AS k FROM generate_series(0, per - 1) i) x;

    UPDATE floor_entity e
    SET attrs = e.attrs || jsonb_build_object(
            pm, jsonb_build_object('type', 'Property', 'value', u.v, 'unitCode', 'GQ',
                'createdAt', e.attrs -> pm -> 'createdAt', 'modifiedAt', now(), 'observedAt', t),
            dob, jsonb_build_object('type', 'Property', 'value', jsonb_build_object('@type', 'DateTime', '@value', t),
                'createdAt', e.attrs -> dob -> 'createdAt', 'modifiedAt', now(), 'observedAt', t)),
        modified_at = now(), version = nextval('context_entity_version')
    FROM unnest(ids, nv) AS u(id, v)
    WHERE e.tenant_id = 'default' AND e.id = u.id;

    IF NOT indexed THEN
        RETURN;
    END IF;

    DELETE FROM floor_value v USING unnest(ids) AS u(id), unnest(ARRAY[pm, dob]) AS a(attr)
    WHERE v.tenant_id = 'default' AND v.entity_id = u.id AND v.attr = a.attr;

    INSERT INTO floor_value (tenant_id, entity_id, attr, inst, path, kind, num, txt, ts, observed_at, unit_code)
    SELECT 'default', u.id, pm, 0, '', 'n', u.v, NULL, NULL, t, 'GQ' FROM unnest(ids, nv) AS u(id, v)
    UNION ALL
    SELECT 'default', u.id, dob, 0, '', 's', NULL, t::text, t, t, NULL FROM unnest(ids) AS u(id);

    INSERT INTO floor_count AS c (tenant_id, type, attr, bucket, stripe, entities)
    SELECT 'default', ty, pm, d.bucket, w, sum(d.delta)
    FROM (SELECT v AS bucket, 1 AS delta FROM unnest(nv) v UNION ALL SELECT o, -1 FROM unnest(ov) o) d
    GROUP BY d.bucket HAVING sum(d.delta) <> 0
    ORDER BY d.bucket
    ON CONFLICT (tenant_id, type, attr, bucket, stripe) DO UPDATE SET entities = c.entities + excluded.entities;
END $$;
