-- Residents' requests about their own data (docs/security.md, "Residents' rights"): to correct it or to delete it.
-- What they wrote is sealed like a contact (it may hold personal data); staff answer within a deadline.
CREATE TABLE resident_request (
    tenant_id          text NOT NULL,
    id                 uuid NOT NULL,
    resident_id        uuid NOT NULL,
    kind               text NOT NULL CHECK (kind IN ('CORRECTION', 'DELETION')),
    details_encrypted  bytea NOT NULL,
    created_at         timestamptz NOT NULL,
    due_at             timestamptz NOT NULL,
    status             text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'DONE', 'REFUSED')),
    answered_at        timestamptz,
    answered_by        text,
    answer             text,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, resident_id) REFERENCES resident (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX resident_request_open ON resident_request (tenant_id, due_at) WHERE status = 'OPEN';
CREATE INDEX resident_request_of ON resident_request (tenant_id, resident_id);

-- A resident sees which staff read their contact: the audit records about them, found by target.
CREATE INDEX audit_record_target ON audit_record (tenant_id, target);
