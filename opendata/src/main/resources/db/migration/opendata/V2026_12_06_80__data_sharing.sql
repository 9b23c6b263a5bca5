-- Data sharing (issue #20, item 7): datasets that are not open, shared with a named department, another city or a
-- partner under a recorded agreement; keys scoped to the agreement; every use logged for the data owner.

-- OPEN: in the public catalogue (CKAN, DCAT, portal, downloads). SHARED: reachable only with an agreement's key.
ALTER TABLE opendata_dataset ADD COLUMN access text NOT NULL DEFAULT 'OPEN' CHECK (access IN ('OPEN', 'SHARED'));

CREATE TABLE opendata_agreement (
    tenant_id        text        NOT NULL,
    id               uuid        NOT NULL,
    title            text        NOT NULL,
    party_kind       text        NOT NULL CHECK (party_kind IN ('DEPARTMENT', 'CITY', 'PARTNER')),
    party_name       text        NOT NULL,
    party_department text,                           -- the department's code when the party is one of the city's
    party_contact    text,                           -- whom the owner deals with; staff only, never published
    owner_department text,                           -- the data owner: the publisher of the datasets shared (none: the city)
    purpose          text        NOT NULL,
    legal_basis      text        NOT NULL,
    licence          text        NOT NULL,           -- the terms of use
    ip_terms         text        NOT NULL,           -- who owns the data and what is made from it
    starts_at        timestamptz NOT NULL,
    expires_at       timestamptz NOT NULL,
    ended_at         timestamptz,                    -- ended before it expired
    end_reason       text,
    created_by       text        NOT NULL,
    created_at       timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    CHECK (expires_at > starts_at)
);

-- What an agreement shares: each dataset with the fields the party may read. The name is kept so that the record
-- still says what was shared after the dataset is taken out of the catalogue.
CREATE TABLE opendata_agreement_dataset (
    tenant_id    text   NOT NULL,
    agreement_id uuid   NOT NULL,
    dataset_id   uuid   NOT NULL,
    dataset_name text   NOT NULL,
    fields       text[] NOT NULL,
    position     int    NOT NULL,
    PRIMARY KEY (tenant_id, agreement_id, dataset_id),
    FOREIGN KEY (tenant_id, agreement_id) REFERENCES opendata_agreement ON DELETE CASCADE
);

-- Keys the party sends (Authorization or X-CKAN-API-Key, as CKAN clients do): stored as SHA-256 hashes only.
CREATE TABLE opendata_agreement_key (
    tenant_id    text        NOT NULL,
    id           uuid        NOT NULL,
    agreement_id uuid        NOT NULL,
    name         text        NOT NULL,
    key_hash     bytea       NOT NULL UNIQUE,
    created_by   text        NOT NULL,
    created_at   timestamptz NOT NULL,
    revoked_at   timestamptz,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, agreement_id) REFERENCES opendata_agreement ON DELETE CASCADE
);

-- Every use of a key: what was asked, of which dataset, how many rows went out, or that it was refused.
CREATE TABLE opendata_agreement_use (
    tenant_id    text        NOT NULL,
    id           bigserial   NOT NULL,
    agreement_id uuid        NOT NULL,
    key_id       uuid        NOT NULL,
    at           timestamptz NOT NULL,
    action       text        NOT NULL,
    dataset_name text        NOT NULL,
    row_count    bigint      NOT NULL,
    allowed      boolean     NOT NULL,
    detail       text,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX opendata_agreement_use_by_agreement ON opendata_agreement_use (tenant_id, agreement_id, at DESC);
CREATE INDEX opendata_agreement_use_at ON opendata_agreement_use (at);
