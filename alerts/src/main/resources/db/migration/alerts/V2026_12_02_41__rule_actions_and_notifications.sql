-- What a rule does besides raising its alert (docs/alerts.md, "Actions"): the channels it tells, the public warning
-- it issues.
ALTER TABLE alert_rule ADD COLUMN notify text[] NOT NULL DEFAULT '{}';
ALTER TABLE alert_rule ADD COLUMN warning jsonb;

-- Where alerts are sent: a named e-mail address, phone (SMS through the city's gateway) or signed webhook.
CREATE TABLE alert_channel (
    tenant_id  text NOT NULL,
    name       text NOT NULL,
    kind       text NOT NULL CHECK (kind IN ('EMAIL', 'SMS', 'WEBHOOK')),
    target     text NOT NULL,        -- the address, the phone number, the webhook's URL
    secret     bytea,                -- a webhook's signing secret, encrypted (never returned)
    enabled    boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, name)
);

-- The outbox: one row per alert, event and channel, written in the transaction that raised or resolved the alert,
-- so a notification is never lost; sent with retries and back-off; failures stay visible on the alert.
CREATE TABLE alert_notification (
    tenant_id  text NOT NULL,
    id         uuid NOT NULL,
    alert_id   uuid NOT NULL,
    channel    text NOT NULL,        -- a channel's name, or "department"
    event      text NOT NULL CHECK (event IN ('RAISED', 'RESOLVED')),
    status     text NOT NULL CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
    attempts   int NOT NULL DEFAULT 0,
    next_at    timestamptz NOT NULL,
    last_error text NOT NULL DEFAULT '',
    sent_at    timestamptz,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, alert_id) REFERENCES alert (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX alert_notification_due ON alert_notification (next_at) WHERE status = 'PENDING';
CREATE INDEX alert_notification_of_alert ON alert_notification (tenant_id, alert_id);
