-- Entities with several types (NGSI-LD 1.8.1 §4.16) and scopes (§4.18). The type column gives way to an array
-- of types, GIN-indexed so that a type query finds an entity by any of its types.
ALTER TABLE context_entity ADD COLUMN types text[];
UPDATE context_entity SET types = ARRAY[type];
ALTER TABLE context_entity ALTER COLUMN types SET NOT NULL;
ALTER TABLE context_entity ADD COLUMN scopes text[] NOT NULL DEFAULT '{}';
DROP INDEX context_entity_type;
ALTER TABLE context_entity DROP COLUMN type;
CREATE INDEX context_entity_types ON context_entity USING gin (types);
CREATE INDEX context_entity_scopes ON context_entity USING gin (scopes);
