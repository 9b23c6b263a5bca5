-- A version per entity, raised by every write: a node that keeps entities' latest state in memory writes an
-- entity from that copy only if its version is still the one it read, so another node writing the same
-- database meanwhile is noticed (the node then reads and locks the row, and applies its changes again).
ALTER TABLE context_entity ADD COLUMN version bigint NOT NULL DEFAULT 0;
