-- The open city's catalogue: datasets an admin switched on, each kept current from a module's data
-- (platform.publish), with its rows in a table of its own in the schema opendata_table (CKAN's datastore).
CREATE TABLE opendata_dataset (
    tenant_id       text        NOT NULL,
    id              uuid        NOT NULL,
    name            text        NOT NULL,           -- CKAN's name: lower-case letters, digits, '-' and '_'
    source_key      text        NOT NULL,           -- the module's offer it publishes
    title_vi        text        NOT NULL,
    title_en        text        NOT NULL,
    notes_vi        text        NOT NULL,
    notes_en        text        NOT NULL,
    department      text,                           -- the publisher (a CKAN organization)
    theme           text        NOT NULL,           -- an EU data theme code (DCAT-AP)
    keywords        text[]      NOT NULL,
    license_id      text        NOT NULL,
    frequency       text        NOT NULL,           -- an EU frequency code
    columns         jsonb       NOT NULL,           -- the table's columns: id, type, labels
    people_counts   boolean     NOT NULL,           -- published through disclosure control
    row_count       bigint      NOT NULL DEFAULT 0,
    content_hash    text,                           -- of the rows last published: a refresh that changes nothing changes no date
    created_at      timestamptz NOT NULL,           -- metadata_created
    modified_at     timestamptz NOT NULL,           -- metadata_modified: its description or its rows changed
    refreshed_at    timestamptz,                    -- its rows last read from the module
    refresh_lease   timestamptz,                    -- a node refreshing it holds it until then
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, name),
    UNIQUE (tenant_id, source_key)
);
CREATE INDEX opendata_dataset_modified ON opendata_dataset (tenant_id, modified_at);

CREATE SCHEMA IF NOT EXISTS opendata_table;
