-- The city's indicators (docs/indicators.md): the tenant's own definitions beside the built-in catalogue, targets,
-- the city figures formulas divide by (population, area; by ward), and every value reported: computed from the
-- modules' measures or entered by hand with its source and evidence. Nothing here names a person.

CREATE TABLE indicator_definition (
    tenant_id   text NOT NULL,
    code        text NOT NULL,
    body        jsonb NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, code)
);

CREATE TABLE indicator_target (
    tenant_id   text NOT NULL,
    code        text NOT NULL,
    value       double precision NOT NULL,
    year        int NOT NULL,
    note        text NOT NULL DEFAULT '',
    updated_at  timestamptz NOT NULL,
    updated_by  text NOT NULL,
    PRIMARY KEY (tenant_id, code)
);

-- Official figures staff enter (population, area in km²), for the whole city (ward '') or a ward.
CREATE TABLE indicator_city_figure (
    tenant_id   text NOT NULL,
    figure      text NOT NULL CHECK (figure IN ('population', 'area_km2')),
    ward        text NOT NULL DEFAULT '',
    value       double precision NOT NULL CHECK (value > 0),
    source      text NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, figure, ward)
);

-- One row per indicator, period and group (grouping '' and grp '' for the whole city). value is null when it
-- cannot be computed or when the group is hidden (it rests on too few people).
CREATE TABLE indicator_value (
    tenant_id    text NOT NULL,
    code         text NOT NULL,
    period       text NOT NULL,
    grouping     text NOT NULL DEFAULT '',
    grp          text NOT NULL DEFAULT '',
    value        double precision,
    hidden       boolean NOT NULL DEFAULT false,
    inputs       jsonb NOT NULL DEFAULT '{}',
    provisional  boolean NOT NULL DEFAULT false,
    origin       text NOT NULL CHECK (origin IN ('COMPUTED', 'ENTERED')),
    source       text NOT NULL DEFAULT '',
    evidence     text NOT NULL DEFAULT '',
    recorded_by  text NOT NULL,
    recorded_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, code, period, grouping, grp)
);

-- The tenants whose indicators the scheduled job computes, and the lease that makes one node do it at a time.
CREATE TABLE indicator_schedule (
    tenant_id    text PRIMARY KEY,
    lease_until  timestamptz NOT NULL DEFAULT 'epoch',
    computed_at  timestamptz
);
