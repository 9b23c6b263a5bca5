-- Residents who asked to be told of the city's public warnings (docs/alerts.md, "Residents subscribe"): their
-- account (whose only personal datum is its encrypted contact) and the wards they chose, nothing more. No wards:
-- every warning of the city. Gone with the account.
CREATE TABLE warning_subscription (
    tenant_id   text NOT NULL,
    resident_id uuid NOT NULL,
    wards       text[] NOT NULL DEFAULT '{}',
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, resident_id),
    FOREIGN KEY (tenant_id, resident_id) REFERENCES resident (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX warning_subscription_wards ON warning_subscription USING gin (wards);
