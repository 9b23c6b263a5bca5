-- Traffic: each tenant that watches its traffic, its settings, and the last hour whose congestion levels were
-- written on the counters' entities (so the job writes each hour once).
CREATE TABLE traffic_watch (
    tenant        text PRIMARY KEY,
    body          jsonb NOT NULL,
    updated_at    timestamptz NOT NULL,
    recorded_hour timestamptz,
    summary       jsonb
);
