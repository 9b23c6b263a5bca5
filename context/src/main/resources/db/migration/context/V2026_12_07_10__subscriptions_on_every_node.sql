-- Several Saola nodes on one database (GS CIM 009 leaves deployment open; ARCHITECTURE.md plans stateless
-- nodes). Each node matches changes against the subscriptions it holds in memory, so every node must learn of a
-- subscription created, changed or deleted through another one.

-- The subscriptions' version: bumped by every write of a subscription in the same statement as the write. The
-- row stays locked until that commit, so versions commit in order and a node that has read up to version N has
-- missed none below it.
CREATE TABLE context_subscription_version (
    one     boolean PRIMARY KEY DEFAULT true CHECK (one),
    version bigint NOT NULL
);
INSERT INTO context_subscription_version (version) VALUES (0);

-- Which subscription each version wrote (a node re-reads only those); the newest 10 000 are kept, a node further
-- behind reads them all again.
CREATE TABLE context_subscription_log (
    version   bigint PRIMARY KEY,
    tenant_id text NOT NULL,
    id        text NOT NULL
);

-- A node whose registry has not yet heard of a deletion may still record notifications of that subscription in
-- the transaction of a change: they must not fail that change. The dispatcher discards notifications of a
-- subscription that is gone, and deleting a subscription deletes its notifications.
ALTER TABLE context_notification DROP CONSTRAINT context_notification_tenant_id_subscription_id_fkey;

-- A periodic subscription's next notification, claimed by one node (UPDATE ... WHERE due), so that it is sent
-- once and not once per node.
ALTER TABLE context_subscription ADD COLUMN periodic_due_at timestamptz;
