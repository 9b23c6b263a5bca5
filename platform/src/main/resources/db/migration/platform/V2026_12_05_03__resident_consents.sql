-- Residents' consents (docs/security.md): what they agreed to, for which purpose and scope (a process's code,
-- or nothing), when, and when they withdrew; kept after withdrawal as the record of it.
CREATE TABLE resident_consent (
    tenant_id     text NOT NULL,
    id            uuid NOT NULL,
    resident_id   uuid NOT NULL,
    purpose       text NOT NULL,
    scope         text NOT NULL DEFAULT '',
    given_at      timestamptz NOT NULL,
    withdrawn_at  timestamptz,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, resident_id) REFERENCES resident (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX resident_consent_of ON resident_consent (tenant_id, resident_id);
