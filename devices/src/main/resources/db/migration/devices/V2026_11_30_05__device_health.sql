-- What each device has been doing (written every few seconds from each node's memory, merged) and what the
-- health watch made of it.
CREATE TABLE device_health (
    tenant_id            text NOT NULL REFERENCES tenant (id),
    device_id            text NOT NULL,
    last_received_at     timestamptz,
    last_observed_at     timestamptz,
    clock_skew_ms        bigint NOT NULL DEFAULT 0,
    fingerprint          bigint NOT NULL DEFAULT 0,
    repeats              integer NOT NULL DEFAULT 0,
    battery              double precision,
    last_out_of_range_at timestamptz,
    last_far_future_at   timestamptz,
    status               text NOT NULL DEFAULT 'WAITING',
    problems             text NOT NULL DEFAULT '',
    since                timestamptz,
    availability         double precision,
    checked_at           timestamptz,
    PRIMARY KEY (tenant_id, device_id)
);

-- Readings received per device and hour, for availability (received / expected); kept eight days.
CREATE TABLE device_reading_hour (
    tenant_id  text NOT NULL REFERENCES tenant (id),
    device_id  text NOT NULL,
    hour       timestamptz NOT NULL,
    readings   integer NOT NULL,
    PRIMARY KEY (tenant_id, device_id, hour)
);

-- A visit a device needs: opened when it turns unhealthy (one open item per device), closed when it recovers,
-- with the time it was down. It belongs to the owning department, or the owning organisation.
CREATE TABLE device_work_item (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id          text NOT NULL REFERENCES tenant (id),
    device_id          text NOT NULL,
    owner_department   text,
    owner_organisation text,
    problems           text NOT NULL,
    opened_at          timestamptz NOT NULL,
    closed_at          timestamptz,
    downtime_seconds   bigint
);
CREATE UNIQUE INDEX device_work_item_one_open ON device_work_item (tenant_id, device_id) WHERE closed_at IS NULL;
CREATE INDEX device_work_item_device ON device_work_item (tenant_id, device_id, opened_at DESC);
CREATE INDEX device_work_item_open ON device_work_item (tenant_id, opened_at) WHERE closed_at IS NULL;
