-- Devices that send readings, with their MQTT credentials (bcrypt hash of the secret only).
CREATE TABLE device (
    tenant_id     text NOT NULL REFERENCES tenant (id),
    id            text NOT NULL,
    name          text NOT NULL,
    kind          text NOT NULL,
    entity_id     text NOT NULL,
    latitude      double precision NOT NULL,
    longitude     double precision NOT NULL,
    secret_hash   text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
);

-- Messages refused from a device, with the reason, so an operator can see and fix what is wrong.
CREATE TABLE device_rejection (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id     text NOT NULL REFERENCES tenant (id),
    device_id     text NOT NULL,
    received_at   timestamptz NOT NULL,
    reason        text NOT NULL,
    detail        text NOT NULL,
    payload_excerpt text NOT NULL DEFAULT ''
);
CREATE INDEX device_rejection_device ON device_rejection (tenant_id, device_id, received_at DESC);
