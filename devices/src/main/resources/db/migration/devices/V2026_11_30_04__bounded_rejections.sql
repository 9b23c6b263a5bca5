-- Refusals are counted per device and reason, always; only the latest examples are kept as rows (at most
-- saola.rate-limits.rejection-records-per-minute a minute, and the newest 100 per device), so a device
-- sending garbage for months costs a few rows, not millions.
CREATE TABLE device_rejection_count (
    tenant_id   text NOT NULL REFERENCES tenant (id),
    device_id   text NOT NULL,
    reason      text NOT NULL,
    count       bigint NOT NULL,
    first_at    timestamptz NOT NULL,
    last_at     timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, device_id, reason)
);

INSERT INTO device_rejection_count (tenant_id, device_id, reason, count, first_at, last_at)
SELECT tenant_id, device_id, reason, count(*), min(received_at), max(received_at)
FROM device_rejection GROUP BY tenant_id, device_id, reason;

CREATE INDEX device_rejection_newest ON device_rejection (tenant_id, device_id, id DESC);
