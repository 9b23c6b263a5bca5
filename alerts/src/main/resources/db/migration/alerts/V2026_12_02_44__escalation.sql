-- Escalation (docs/alerts.md, "Escalation"): an alert still not acknowledged this long after it was raised is
-- sent to the rule's escalation channels, once.
ALTER TABLE alert_rule ADD COLUMN escalate_seconds bigint;
ALTER TABLE alert_rule ADD COLUMN escalate_to text[] NOT NULL DEFAULT '{}';
ALTER TABLE alert ADD COLUMN escalated_at timestamptz;
ALTER TABLE alert_notification DROP CONSTRAINT alert_notification_event_check;
ALTER TABLE alert_notification ADD CONSTRAINT alert_notification_event_check
    CHECK (event IN ('RAISED', 'RESOLVED', 'ESCALATED'));
CREATE INDEX alert_unacknowledged ON alert (raised_at) WHERE status = 'RAISED' AND escalated_at IS NULL;
