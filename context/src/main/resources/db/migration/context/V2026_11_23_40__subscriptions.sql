-- NGSI-LD subscriptions, as the client sent them (names compacted against its @context, kept alongside).
CREATE TABLE context_subscription (
    tenant_id         text NOT NULL REFERENCES tenant (id),
    id                text NOT NULL,
    body              jsonb NOT NULL,
    contexts          text[] NOT NULL,
    active            boolean NOT NULL,
    expires_at        timestamptz,
    times_sent        bigint NOT NULL DEFAULT 0,
    times_failed      bigint NOT NULL DEFAULT 0,
    last_notification timestamptz,
    last_success      timestamptz,
    last_failure      timestamptz,
    created_at        timestamptz NOT NULL,
    modified_at       timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

-- The notification outbox: written in the same transaction as the change it reports, so a committed change
-- is never left unnotified; a row goes once the subscriber acknowledged it (at-least-once delivery).
CREATE TABLE context_notification (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id        text NOT NULL,
    subscription_id  text NOT NULL,
    entity           jsonb NOT NULL,
    created_at       timestamptz NOT NULL,
    attempts         integer NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL,
    last_error       text,
    FOREIGN KEY (tenant_id, subscription_id) REFERENCES context_subscription (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX context_notification_due ON context_notification (next_attempt_at, id);
CREATE INDEX context_notification_subscription ON context_notification (tenant_id, subscription_id);
