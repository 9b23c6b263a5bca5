-- Several nodes dispatch from one outbox: each subscription's notifications are sent by one node at a time, which
-- holds the subscription's lease while it has some due, so that the order of an entity's changes, the back-off
-- after a failure and throttling hold across nodes as they do on one. A lease that is not renewed (its node
-- stopped) lapses, and another node takes the subscription over.
CREATE TABLE context_subscription_lease (
    tenant_id       text NOT NULL,
    subscription_id text NOT NULL,
    node            text NOT NULL,
    until           timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, subscription_id)
);

-- A subscription's notifications go in the order they were recorded: one is claimed only when the subscription's
-- oldest is due (not held back by a failure's back-off, throttling, or another claim in flight). The oldest is
-- found by this index.
DROP INDEX context_notification_subscription;
CREATE INDEX context_notification_subscription ON context_notification (tenant_id, subscription_id, id);
