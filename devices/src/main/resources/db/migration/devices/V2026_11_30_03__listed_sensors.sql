-- Sensors that send nothing to Saola (CCTV cameras, a private operator's counters), listed so that the public
-- sensor register is complete: residents need to know about them most.
CREATE TABLE listed_sensor (
    tenant_id          text NOT NULL REFERENCES tenant (id),
    id                 text NOT NULL,
    name               text NOT NULL,
    kind               text NOT NULL,
    measures           text NOT NULL,
    latitude           double precision NOT NULL,
    longitude          double precision NOT NULL,
    owner_department   text,
    owner_organisation text,
    purpose            text NOT NULL,
    personal_data      text NOT NULL DEFAULT '',
    legal_basis        text NOT NULL DEFAULT '',
    retention          text NOT NULL,
    installed_on       date,
    status             text NOT NULL,
    created_at         timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
