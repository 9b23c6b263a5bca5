-- The change feed (docs/architecture.md, "The change feed"): every committed entity change, in commit order.
-- One row per group commit; its position is taken under a transaction-level advisory lock just before the
-- commit, so positions follow commit order across writer threads and nodes, and a reader that has seen
-- position P will never later see a smaller one appear.
CREATE SEQUENCE context_change_position;

CREATE TABLE context_change_feed (
    position     bigint PRIMARY KEY,
    committed_at timestamptz NOT NULL,
    -- A JSON array of the group's changes in the order they were applied; TOAST compresses it.
    changes      text NOT NULL
);

-- Each consumer's position: it advances in the same transaction as what the consumer writes, so its effects
-- happen once. The row is also the consumer's lease: a node processes it only while holding the row lock.
CREATE TABLE context_feed_consumer (
    name       text PRIMARY KEY,
    position   bigint NOT NULL,
    updated_at timestamptz NOT NULL
);

-- The entity types (expanded IRIs) a consumer watches; NULL: all. The feed records only changes of entities of
-- a type some live consumer watches, so readings nobody reacts to cost nothing more than their history.
ALTER TABLE context_feed_consumer ADD COLUMN entity_types text[];
