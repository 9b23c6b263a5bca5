-- Compacted history (issue #17, item 4): the instances of one attribute of one entity over one UTC day, once that
-- day is older than saola.context.history.compact-after, in one compressed block (see HistoryBlock.java) instead
-- of a row each. A period's instances are either rows of context_attribute_history or in its block; rows that
-- arrive later for a compacted day stay rows until the next compaction merges them into the block. The summaries
-- let aggregations over whole blocks skip decoding them.
CREATE TABLE context_history_block (
    tenant_id      text COLLATE "C" NOT NULL,
    entity_id      text COLLATE "C" NOT NULL,
    attr           text COLLATE "C" NOT NULL,
    period_start   timestamptz NOT NULL,
    period_end     timestamptz NOT NULL,
    encoding       smallint NOT NULL,
    template       jsonb,
    instances      integer NOT NULL,
    first_observed timestamptz NOT NULL,
    last_observed  timestamptz NOT NULL,
    first_written  timestamptz NOT NULL,
    last_written   timestamptz NOT NULL,
    first_id       bigint NOT NULL,
    last_id        bigint NOT NULL,
    numbers        integer NOT NULL,
    num_sum        float8 NOT NULL,
    num_min        float8,
    num_max        float8,
    num_sumsq      float8 NOT NULL,
    num_m2         float8 NOT NULL,
    data           bytea NOT NULL,
    PRIMARY KEY (tenant_id, entity_id, attr, period_start)
) WITH (toast_tuple_target = 8160);   -- changed by V2026_12_13_11 (data out of line)
-- The data is compressed already: stored as it is, inside the row while the row fits a page.
ALTER TABLE context_history_block ALTER COLUMN data SET STORAGE MAIN;
