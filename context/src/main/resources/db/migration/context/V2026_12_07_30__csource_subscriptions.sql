-- Context source subscriptions (GS CIM 009 V1.8.1 §5.11): applications told when registrations that concern
-- them are created, changed or deleted. Kept as the client sent them, with their delivery status.
CREATE TABLE context_csource_subscription (
    tenant_id         text NOT NULL REFERENCES tenant (id),
    id                text NOT NULL,
    body              jsonb NOT NULL,
    contexts          text[] NOT NULL,
    times_sent        bigint NOT NULL DEFAULT 0,
    times_failed      bigint NOT NULL DEFAULT 0,
    last_notification timestamptz,
    last_success      timestamptz,
    last_failure      timestamptz,
    created_at        timestamptz NOT NULL,
    modified_at       timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

-- Their outbox: written in the transaction of the registration change it reports, sent at least once.
CREATE TABLE context_csource_notification (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id        text NOT NULL,
    subscription_id  text NOT NULL,
    body             jsonb NOT NULL,
    attempts         integer NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL,
    last_error       text
);
CREATE INDEX context_csource_notification_due ON context_csource_notification (next_attempt_at, id);
