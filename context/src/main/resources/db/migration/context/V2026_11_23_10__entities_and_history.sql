-- Latest state of every entity: one row, attributes as a JSON object keyed by expanded IRI.
CREATE TABLE context_entity (
    tenant_id   text NOT NULL REFERENCES tenant (id),
    id          text NOT NULL,
    type        text NOT NULL,
    attrs       jsonb NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    modified_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
);
-- Queries by type page in id order (a unique key, so offset paging never skips or repeats).
CREATE INDEX context_entity_type ON context_entity (tenant_id, type, id);

-- Attribute history: narrow rows keyed by (entity, attribute, time) so that a time window is an index range.
CREATE TABLE context_attribute_history (
    instance_id bigint GENERATED ALWAYS AS IDENTITY,
    tenant_id   text NOT NULL REFERENCES tenant (id),
    entity_id   text NOT NULL,
    attr        text NOT NULL,
    observed_at timestamptz NOT NULL,
    instance    jsonb NOT NULL,
    PRIMARY KEY (tenant_id, entity_id, attr, observed_at, instance_id)
);
