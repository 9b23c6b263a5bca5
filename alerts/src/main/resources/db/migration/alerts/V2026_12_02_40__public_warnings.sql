-- Public warnings (docs/alerts.md, "Public warnings"): each CAP 1.2 message as published, never changed. A warning
-- is the chain of its messages: an Alert, then Updates and at most one Cancel, all with the warning's id.
CREATE TABLE public_warning_message (
    tenant_id    text NOT NULL,
    id           uuid NOT NULL,                -- this message
    n            bigserial,                    -- publication order
    warning_id   uuid NOT NULL,                -- the warning (its first message's id)
    identifier   text NOT NULL UNIQUE,         -- CAP identifier
    msg_type     text NOT NULL CHECK (msg_type IN ('Alert', 'Update', 'Cancel')),
    status       text NOT NULL,                -- Actual, Exercise, Test
    sent         timestamptz NOT NULL,
    expires      timestamptz NOT NULL,
    severity     text NOT NULL,
    urgency      text NOT NULL,
    event_vi     text NOT NULL,
    event_en     text NOT NULL,
    headline_vi  text NOT NULL,
    headline_en  text NOT NULL,
    draft        jsonb NOT NULL,               -- what the author wrote (an Update starts from it)
    areas        jsonb NOT NULL,               -- what the public map draws
    alert_id     uuid,                         -- the alert whose rule issued it, if a rule did
    author       text NOT NULL,                -- a member of staff, or "rule"
    xml          text NOT NULL,                -- the message exactly as served
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX public_warning_chain ON public_warning_message (tenant_id, warning_id, n DESC);
CREATE INDEX public_warning_recent ON public_warning_message (tenant_id, sent DESC);
CREATE INDEX public_warning_of_alert ON public_warning_message (tenant_id, alert_id) WHERE alert_id IS NOT NULL;
