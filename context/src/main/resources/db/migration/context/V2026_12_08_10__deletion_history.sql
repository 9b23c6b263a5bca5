-- What was deleted and when (GS CIM 009 V1.8.1 §4.5.7, timeproperty=deletedAt): a row per attribute instance
-- a change removed (the whole attribute, or one datasetId of it) and a row per entity deleted, written in the
-- deleting change's own transaction. The attribute history of a deleted entity stays (until retention or a
-- temporal delete), and these rows let it be retrieved with the time of the deletion.
CREATE TABLE context_attribute_deletion (
    tenant_id   text COLLATE "C" NOT NULL,
    entity_id   text COLLATE "C" NOT NULL,
    attr        text COLLATE "C" NOT NULL,
    dataset_id  text,
    kind        text NOT NULL,
    deleted_at  timestamptz NOT NULL,
    instance_id bigint GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (tenant_id, entity_id, attr, deleted_at, instance_id)
);

CREATE TABLE context_entity_deletion (
    tenant_id  text COLLATE "C" NOT NULL,
    entity_id  text COLLATE "C" NOT NULL,
    types      text[] NOT NULL,
    scopes     text[] NOT NULL,
    created_at timestamptz NOT NULL,
    deleted_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, entity_id, deleted_at)
);
CREATE INDEX context_entity_deletion_time ON context_entity_deletion (deleted_at);
CREATE INDEX context_attribute_deletion_time ON context_attribute_deletion (deleted_at);

-- When each instance of history was written (timeproperty=createdAt/modifiedAt: an instance of history is
-- created once and modified only through the temporal API). Null for history written before: its observation
-- time stands in. No default, so adding it rewrites nothing.
ALTER TABLE context_attribute_history ADD COLUMN written_at timestamptz;
