-- Which tenants hold each kept @context (hosted by them, or kept for their subscriptions and registrations):
-- a tenant lists and deletes only its own, and a context shared by content with another tenant stays for it.
-- Served to anyone at /ngsi-ld/v1/jsonldContexts/{id} all the same, as JSON-LD processors fetch them.
CREATE TABLE context_jsonld_context_holder (
    id        text NOT NULL REFERENCES context_jsonld_context (id) ON DELETE CASCADE,
    tenant_id text NOT NULL,
    PRIMARY KEY (id, tenant_id)
);

INSERT INTO context_jsonld_context_holder (id, tenant_id)
SELECT c.id, s.tenant_id FROM context_jsonld_context c JOIN context_subscription s ON c.id = ANY (s.contexts)
UNION
SELECT c.id, r.tenant_id FROM context_jsonld_context c JOIN context_registration r ON c.id = ANY (r.contexts)
UNION
SELECT c.id, s.tenant_id FROM context_jsonld_context c JOIN context_csource_subscription s ON c.id = ANY (s.contexts)
ON CONFLICT DO NOTHING;
