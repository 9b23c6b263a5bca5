-- Tenants: each city or province has its own data, users and settings (M11).
CREATE TABLE tenant (
    id          text PRIMARY KEY,
    name        text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
INSERT INTO tenant (id, name) VALUES ('default', 'Default city');

-- Staff who sign in to pages. Passwords are bcrypt hashes, never clear text.
CREATE TABLE staff_account (
    tenant_id     text NOT NULL REFERENCES tenant (id),
    username      text NOT NULL,
    password_hash text NOT NULL,
    role          text NOT NULL CHECK (role IN ('ADMIN', 'OPERATOR')),
    display_name  text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, username)
);
-- A username signs in without naming its tenant, so it is unique across the installation.
CREATE UNIQUE INDEX staff_account_username ON staff_account (username);

-- Keys of machine clients. Keys are 256-bit random, so a SHA-256 of the key is enough to store and look up.
CREATE TABLE api_key (
    tenant_id   text NOT NULL REFERENCES tenant (id),
    id          uuid NOT NULL,
    name        text NOT NULL,
    key_hash    bytea NOT NULL UNIQUE,
    role        text NOT NULL CHECK (role IN ('ADMIN', 'OPERATOR')),
    created_by  text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz,
    PRIMARY KEY (tenant_id, id)
);
