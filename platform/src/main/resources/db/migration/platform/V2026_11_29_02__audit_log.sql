-- The audit log: security-relevant actions and every read of a resident's personal data. Append-only and
-- hash-chained per tenant: each record carries the hash of the one before, so a removed or altered record
-- breaks the chain where it was (AuditLog.verify).
CREATE TABLE audit_record (
    tenant_id  text NOT NULL REFERENCES tenant (id),
    n          bigint NOT NULL,                  -- 1, 2, 3 ... within the tenant
    at         timestamptz NOT NULL,
    actor      text NOT NULL,                    -- who: a username, api-key:<name>, system
    action     text NOT NULL,                    -- what: STAFF_CREATED, SIGN_IN_FAILED, ...
    target     text NOT NULL,                    -- on what: an account, a device, a setting
    reason     text NOT NULL,                    -- why, as the caller gave it ('' when none was asked)
    details    text NOT NULL,                    -- JSON object, as hashed
    prev_hash  bytea NOT NULL,
    hash       bytea NOT NULL,
    PRIMARY KEY (tenant_id, n)
);
CREATE INDEX audit_record_at ON audit_record (tenant_id, at);
CREATE INDEX audit_record_actor ON audit_record (tenant_id, actor, at);

-- The head of each tenant's chain; appends lock it, so records are chained one at a time.
CREATE TABLE audit_head (
    tenant_id  text PRIMARY KEY REFERENCES tenant (id),
    n          bigint NOT NULL,
    hash       bytea NOT NULL,
    -- Retention removes the oldest records; where the chain now starts, and the hash it starts from.
    first_n    bigint NOT NULL DEFAULT 1,
    first_prev bytea NOT NULL
);

-- Append-only: no UPDATE, and DELETE only by retention (which sets saola.audit_retention for its transaction).
CREATE FUNCTION audit_record_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('saola.audit_retention', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'the audit log is append-only';
END $$;
CREATE TRIGGER audit_record_append_only BEFORE UPDATE OR DELETE ON audit_record
    FOR EACH ROW EXECUTE FUNCTION audit_record_append_only();
