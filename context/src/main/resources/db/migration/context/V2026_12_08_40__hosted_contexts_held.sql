-- Contexts hosted before holders were recorded, and used by nothing a tenant holds: held by every tenant, so that
-- each may still list and delete them (the last to let one go deletes it).
INSERT INTO context_jsonld_context_holder (id, tenant_id)
SELECT c.id, t.id FROM context_jsonld_context c CROSS JOIN tenant t
WHERE c.kind = 'Hosted' AND NOT EXISTS (SELECT 1 FROM context_jsonld_context_holder h WHERE h.id = c.id)
ON CONFLICT DO NOTHING;
