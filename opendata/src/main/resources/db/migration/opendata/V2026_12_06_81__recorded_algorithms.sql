-- The algorithm register's entries for algorithms the city uses outside Saola (issue #20, item 5): recorded by staff
-- with the same facts the platform's own algorithms publish, and who built or runs them.
CREATE TABLE opendata_algorithm (
    tenant_id    text        NOT NULL,
    id           text        NOT NULL,
    name_vi      text        NOT NULL,
    name_en      text        NOT NULL,
    automation   text        NOT NULL CHECK (automation IN ('INFORMS', 'DECIDES_WITH_REVIEW', 'APPLIES_PUBLISHED_RULE')),
    department   text,
    provider     text        NOT NULL,
    purpose_vi   text        NOT NULL,
    purpose_en   text        NOT NULL,
    data_vi      text        NOT NULL,
    data_en      text        NOT NULL,
    how_vi       text        NOT NULL,
    how_en       text        NOT NULL,
    oversight_vi text        NOT NULL,
    oversight_en text        NOT NULL,
    risks_vi     text        NOT NULL,
    risks_en     text        NOT NULL,
    appears_on   text[]      NOT NULL,
    recorded_by  text        NOT NULL,
    recorded_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
