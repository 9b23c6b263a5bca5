-- Waste collection: each tenant's fleet (depots, trucks, how rounds are planned) as one checked document,
-- the round plans the solver made, and the containers a plan's trucks were seen to empty.
CREATE TABLE waste_fleet (
    tenant     text PRIMARY KEY,
    body       jsonb NOT NULL,
    updated_at timestamptz NOT NULL
);

CREATE TABLE waste_plan (
    id            uuid PRIMARY KEY,
    tenant        text NOT NULL,
    created_at    timestamptz NOT NULL,
    created_by    text NOT NULL,
    round_at      timestamptz NOT NULL,
    next_round_at timestamptz NOT NULL,
    status        text NOT NULL CHECK (status IN ('SOLVING', 'READY', 'FAILED')),
    started_at    timestamptz,
    body          jsonb,
    error         text,
    finished_at   timestamptz
);
CREATE INDEX waste_plan_recent ON waste_plan (tenant, created_at DESC);

CREATE TABLE waste_plan_emptied (
    plan_id    uuid NOT NULL REFERENCES waste_plan (id) ON DELETE CASCADE,
    container  text NOT NULL,
    emptied_at timestamptz NOT NULL,
    PRIMARY KEY (plan_id, container)
);
