-- Context source registrations (NGSI-LD 1.8.1 §5.2.9): which other systems hold which entities and
-- attributes, for discovery (§5.10). Kept as sent, with the @contexts their names are read with.
CREATE TABLE context_registration (
    tenant_id   text NOT NULL REFERENCES tenant (id),
    id          text NOT NULL,
    body        jsonb NOT NULL,
    contexts    text[] NOT NULL,
    created_at  timestamptz NOT NULL,
    modified_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
