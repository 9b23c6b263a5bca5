-- Retention (platform/retention): which node applies a category's rule now, and every run with what it removed.
CREATE TABLE retention_lease (
    category text PRIMARY KEY,
    until    timestamptz NOT NULL
);

CREATE TABLE retention_run (
    category text NOT NULL,
    at       timestamptz NOT NULL,
    cutoff   timestamptz NOT NULL,
    removed  bigint NOT NULL
);
CREATE INDEX retention_run_latest ON retention_run (category, at DESC);
