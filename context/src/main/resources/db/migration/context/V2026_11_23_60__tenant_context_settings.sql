-- Per-tenant settings of the context store: whether entities of bundled Smart Data Models are checked.
CREATE TABLE context_tenant_settings (
    tenant_id          text PRIMARY KEY REFERENCES tenant (id),
    schema_validation  text NOT NULL DEFAULT 'off' CHECK (schema_validation IN ('off', 'warn', 'reject')),
    modified_at        timestamptz NOT NULL DEFAULT now()
);
