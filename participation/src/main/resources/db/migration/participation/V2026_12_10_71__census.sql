-- The city's census list for participation (docs/participation.md, "The census list"): who may vote where a
-- process asks for it. Only keyed hashes of ID numbers are kept: HMAC-SHA256 under a random key of the
-- city's own, which is sealed with the platform key (saola.residents.contact-key, never in the database), so
-- that a copy of the database alone cannot test ID numbers against the list.
CREATE TABLE participation_census_key (
    tenant_id        text PRIMARY KEY,
    key_sealed       bytea NOT NULL,
    uploaded_at      timestamptz
);

-- One row per person on the list: their hashed ID number, their ward (as the processes name wards; '' when
-- the list gives none), and the resident account that proved it (one account per ID number, one ID number per
-- account), from which day.
CREATE TABLE participation_census (
    tenant_id        text NOT NULL,
    id_hash          bytea NOT NULL,
    ward             text NOT NULL DEFAULT '',
    resident_id      uuid,
    linked_on        date,
    PRIMARY KEY (tenant_id, id_hash)
);
CREATE UNIQUE INDEX participation_census_resident ON participation_census (tenant_id, resident_id)
    WHERE resident_id IS NOT NULL;

-- Who may vote in a process: RESIDENTS (anyone signed in with a one-time code) or CENSUS (residents who proved
-- an ID number of the census list; of the process's wards when it has wards).
ALTER TABLE participation_process
    ADD COLUMN eligibility text NOT NULL DEFAULT 'RESIDENTS' CHECK (eligibility IN ('RESIDENTS', 'CENSUS'));
