-- Water leaks: each tenant's metered districts and night window as one checked document, and the last night
-- whose results were written to the meters' entities (so the hourly job writes each night once).
CREATE TABLE water_settings (
    tenant         text PRIMARY KEY,
    body           jsonb NOT NULL,
    updated_at     timestamptz NOT NULL,
    recorded_night timestamptz,
    summary        jsonb
);
