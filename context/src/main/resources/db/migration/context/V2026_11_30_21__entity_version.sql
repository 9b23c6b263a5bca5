-- A version per entity, new at every write and never reused (a sequence, so an entity deleted and created again
-- does not repeat an old version): a node that keeps entities' latest state in memory writes an entity from
-- that copy only if its version is still the one it read, so another node writing the same database meanwhile
-- is noticed (the node then reads and locks the row, and applies its changes again).
CREATE SEQUENCE context_entity_version;
ALTER TABLE context_entity ADD COLUMN version bigint NOT NULL DEFAULT nextval('context_entity_version');
