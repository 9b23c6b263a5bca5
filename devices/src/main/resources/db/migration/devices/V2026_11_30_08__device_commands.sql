-- Commands sent to actuators (a street light on, off, dim) and what became of each.
CREATE TABLE device_command (
    id          uuid PRIMARY KEY,
    tenant_id   text NOT NULL REFERENCES tenant (id),
    device_id   text NOT NULL,
    command     text NOT NULL,
    value       double precision,
    status      text NOT NULL,
    info        text NOT NULL DEFAULT '',
    issued_by   text NOT NULL,
    issued_at   timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    sent_at     timestamptz,
    answered_at timestamptz
);
CREATE INDEX device_command_device ON device_command (tenant_id, device_id, issued_at DESC);
CREATE INDEX device_command_waiting ON device_command (expires_at) WHERE status IN ('PENDING', 'SENT');
