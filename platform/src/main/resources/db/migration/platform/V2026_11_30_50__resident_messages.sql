-- A resident can be known by a contact they gave without signing in (a report's optional contact): the same
-- account they reach when they sign in later with that contact, so they find those reports in one place.
ALTER TABLE resident ALTER COLUMN last_signed_in_at DROP NOT NULL;
-- The name a resident gave (Open311 first_name / last_name, the report form), encrypted like the contact.
ALTER TABLE resident ADD COLUMN name_encrypted bytea;

-- Messages to residents (the updates of a report they filed; later consultations' results), written in the
-- transaction of what they tell, delivered after it commits by whichever node leases them (SKIP LOCKED), with
-- retries. The text names no one but its addressee; the address is read from resident_contact when sent.
CREATE TABLE resident_message (
    tenant_id        text NOT NULL,
    id               uuid NOT NULL,
    resident_id      uuid NOT NULL,
    subject          text NOT NULL,
    body             text NOT NULL,
    created_at       timestamptz NOT NULL,
    attempts         int NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL,
    sent_at          timestamptz,
    failed_at        timestamptz,
    last_error       text,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, resident_id) REFERENCES resident (tenant_id, id)
);
CREATE INDEX resident_message_due ON resident_message (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;
