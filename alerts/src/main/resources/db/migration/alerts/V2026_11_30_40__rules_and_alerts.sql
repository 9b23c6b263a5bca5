-- Rules over entity changes and the alerts they raise (docs/alerts.md).
CREATE TABLE alert_rule (
    tenant_id       text NOT NULL,
    id              uuid NOT NULL,
    name            text NOT NULL,
    entity_type     text NOT NULL,             -- a term of the core @context, e.g. WaterObserved
    entity_ids      text[] NOT NULL DEFAULT '{}',
    condition       text NOT NULL,             -- CEL
    clear_condition text,                      -- CEL; null: clears when the condition no longer holds
    hold_seconds    bigint NOT NULL DEFAULT 0, -- the condition must hold this long before the alert is raised
    severity        text NOT NULL,
    message_vi      text NOT NULL,
    message_en      text NOT NULL,
    department_code text,
    enabled         boolean NOT NULL DEFAULT true,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, name)
);

-- What a rule knows of one entity between changes: only entities where the condition holds have a row (pending
-- since a time, or firing with its open alert). Written in the change-feed consumer's transaction.
CREATE TABLE alert_rule_state (
    tenant_id     text NOT NULL,
    rule_id       uuid NOT NULL,
    entity_id     text NOT NULL,
    pending_since timestamptz NOT NULL,
    alert_id      uuid,
    PRIMARY KEY (tenant_id, rule_id, entity_id),
    FOREIGN KEY (tenant_id, rule_id) REFERENCES alert_rule (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE alert (
    tenant_id       text NOT NULL,
    id              uuid NOT NULL,
    rule_id         uuid NOT NULL,
    rule_name       text NOT NULL,
    entity_id       text NOT NULL,
    entity_type     text NOT NULL,
    severity        text NOT NULL,
    status          text NOT NULL CHECK (status IN ('RAISED', 'ACKNOWLEDGED', 'RESOLVED')),
    department_code text,
    message_vi      text NOT NULL,
    message_en      text NOT NULL,
    trigger_values  jsonb NOT NULL,
    raised_at       timestamptz NOT NULL,
    acknowledged_at timestamptz,
    acknowledged_by text,
    resolved_at     timestamptz,
    resolved_by     text,
    updated_at      timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
-- Deduplication: one open alert per rule and entity.
CREATE UNIQUE INDEX alert_one_open ON alert (tenant_id, rule_id, entity_id) WHERE status <> 'RESOLVED';
CREATE INDEX alert_by_time ON alert (tenant_id, raised_at DESC);

-- An alert's life: raised, acknowledged, commented, resolved (by whom, or by the rule's clear condition).
CREATE TABLE alert_event (
    tenant_id text NOT NULL,
    alert_id  uuid NOT NULL,
    n         bigserial,
    at        timestamptz NOT NULL,
    actor     text NOT NULL,
    kind      text NOT NULL,
    note      text NOT NULL DEFAULT '',
    PRIMARY KEY (tenant_id, alert_id, n),
    FOREIGN KEY (tenant_id, alert_id) REFERENCES alert (tenant_id, id) ON DELETE CASCADE
);
