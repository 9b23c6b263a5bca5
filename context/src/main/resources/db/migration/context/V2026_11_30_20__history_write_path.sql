-- History is loaded by binary COPY in each group commit; two costs per row go.
-- 1. The foreign key on the tenant ran a referential check (a SELECT … FOR KEY SHARE on tenant) for every
--    history row. A row is only written for an entity of an existing tenant (context_entity keeps its key), and
--    tenants are never removed.
-- 2. Byte-order collation for its text keys: index comparisons become memcmp instead of the locale's
--    collation. Results are ordered the same: in UTF-8, byte order is code-point order, which is what the
--    C.UTF-8 locale of Saola's databases sorts by.
ALTER TABLE context_attribute_history DROP CONSTRAINT IF EXISTS context_attribute_history_tenant_id_fkey;
ALTER TABLE context_attribute_history
    ALTER COLUMN tenant_id TYPE text COLLATE "C",
    ALTER COLUMN entity_id TYPE text COLLATE "C",
    ALTER COLUMN attr TYPE text COLLATE "C";
