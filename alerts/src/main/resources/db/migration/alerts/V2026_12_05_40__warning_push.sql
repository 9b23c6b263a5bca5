-- Browsers that asked to be sent the city's public warnings by Web Push (docs/alerts.md, "Residents subscribe"):
-- no account, only the browser's push subscription (endpoint and keys, sealed with the residents' contact key; a
-- keyed hash of the endpoint finds it again) and the wards chosen (none: every warning of the city).
CREATE TABLE warning_push_subscription (
    tenant_id        text NOT NULL,
    id               uuid NOT NULL,
    endpoint_lookup  bytea NOT NULL,
    endpoint         bytea NOT NULL,
    p256dh           bytea NOT NULL,
    auth             bytea NOT NULL,
    wards            text[] NOT NULL DEFAULT '{}',
    language         text NOT NULL CHECK (language IN ('vi', 'en')),
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, endpoint_lookup)
);
CREATE INDEX warning_push_subscription_wards ON warning_push_subscription USING gin (wards);

-- Each message of a warning for each browser, written in the transaction that publishes it and pushed after it
-- commits by whichever node leases it, with retries until the warning expires. Nothing personal: the text is the
-- warning's own.
CREATE TABLE warning_push (
    tenant_id        text NOT NULL,
    id               uuid NOT NULL,
    subscription_id  uuid NOT NULL,
    warning_id       uuid NOT NULL,
    title            text NOT NULL,
    body             text NOT NULL,
    url              text NOT NULL,
    language         text NOT NULL,
    urgent           boolean NOT NULL,
    expires_at       timestamptz NOT NULL,
    created_at       timestamptz NOT NULL,
    attempts         int NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL,
    sent_at          timestamptz,
    failed_at        timestamptz,
    last_error       text,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, subscription_id) REFERENCES warning_push_subscription (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX warning_push_due ON warning_push (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;
CREATE INDEX warning_push_done ON warning_push (created_at) WHERE sent_at IS NOT NULL OR failed_at IS NOT NULL;
CREATE INDEX warning_push_by_subscription ON warning_push (tenant_id, subscription_id);
