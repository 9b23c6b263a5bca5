-- Bounding box of each entity's location (the default GeoProperty), indexed so that geo-queries narrow their
-- candidates by index before the exact relation is decided on the geometry.
ALTER TABLE context_entity ADD COLUMN location_box box;

UPDATE context_entity e SET location_box = (
    SELECT box(point(max((p ->> 0)::float8), max((p ->> 1)::float8)),
               point(min((p ->> 0)::float8), min((p ->> 1)::float8)))
    FROM jsonb_path_query(e.attrs #> '{https://uri.etsi.org/ngsi-ld/location,value,coordinates}',
                          'strict $.** ? (@.type() == "array")') AS p
    WHERE jsonb_typeof(p -> 0) = 'number')
WHERE e.attrs #>> '{https://uri.etsi.org/ngsi-ld/location,type}' = 'GeoProperty';

CREATE INDEX context_entity_location ON context_entity USING gist (location_box);
