-- Residents' optional accounts. Nothing here names a person: the contact lives in resident_contact,
-- encrypted (AES-GCM) with a key from configuration, found by a keyed hash (HMAC) of its normalised value.
CREATE TABLE resident (
    tenant_id          text NOT NULL REFERENCES tenant (id),
    id                 uuid NOT NULL,
    created_at         timestamptz NOT NULL,
    last_signed_in_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

CREATE TABLE resident_contact (
    tenant_id        text NOT NULL,
    resident_id      uuid NOT NULL,
    kind             text NOT NULL CHECK (kind IN ('EMAIL', 'PHONE')),
    lookup           bytea NOT NULL,
    value_encrypted  bytea NOT NULL,
    PRIMARY KEY (tenant_id, lookup),
    FOREIGN KEY (tenant_id, resident_id) REFERENCES resident (tenant_id, id)
);
CREATE INDEX resident_contact_resident ON resident_contact (tenant_id, resident_id);

-- One-time sign-in codes: only a keyed hash of each code is kept; the contact it was sent to is encrypted
-- and removed once used; rows go a day after they expire.
CREATE TABLE resident_sign_in_code (
    tenant_id          text NOT NULL REFERENCES tenant (id),
    id                 uuid NOT NULL,
    lookup             bytea NOT NULL,
    contact_encrypted  bytea,
    code_hash          bytea NOT NULL,
    created_at         timestamptz NOT NULL,
    expires_at         timestamptz NOT NULL,
    attempts           int NOT NULL DEFAULT 0,
    used_at            timestamptz,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX resident_sign_in_code_expiry ON resident_sign_in_code (expires_at);
