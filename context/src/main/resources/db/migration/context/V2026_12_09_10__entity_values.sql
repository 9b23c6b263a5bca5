-- The value index (issue #17): the latest value of every attribute as typed rows, so that q compares indexed
-- columns instead of evaluating a JSON path over every candidate entity. One row per candidate a q term compares
-- (QueryValues: a value, each element of an array value, a Relationship's object, a LanguageProperty's strings,
-- ...), written by the group commit in the same transaction as the entity, from the same Java code the in-memory
-- evaluator of subscriptions uses.
--   inst: which instance of a multi-attribute (datasetId) the row is of (a negation holds per instance);
--   path: '' for the attribute's value, else the IRI of the sub-attribute whose value it is;
--   kind: n(umber) s(tring) b(oolean) o(ther JSON: an object) -(no value; the row only carries the members);
--   num / txt / flag / ts: the value by kind; ts also for a string that is a date-time;
--   observed_at, unit_code, dataset_id: the instance's members, on each of its rows of path ''.
CREATE TABLE context_entity_value (
    tenant_id   text NOT NULL,
    entity_id   text NOT NULL,
    attr        text NOT NULL,
    inst        smallint NOT NULL,
    path        text NOT NULL,
    kind        "char" NOT NULL,
    num         float8,
    txt         text COLLATE "C",
    flag        boolean,
    ts          timestamptz,
    observed_at timestamptz,
    unit_code   text COLLATE "C",
    dataset_id  text
);
-- Written by entity and attribute; and the probe of one entity's values (a query walking entities in id order).
CREATE INDEX context_entity_value_key ON context_entity_value (tenant_id, entity_id, attr);
-- Ranges and equality by kind. Strings by their first 128 characters (at most 512 bytes, under the B-tree's limit):
-- a comparison is narrowed by the prefix and decided on the whole string.
CREATE INDEX context_entity_value_num ON context_entity_value (tenant_id, attr, path, num) WHERE num IS NOT NULL;
CREATE INDEX context_entity_value_txt ON context_entity_value (tenant_id, attr, path, left(txt, 128)) WHERE txt IS NOT NULL;
CREATE INDEX context_entity_value_flag ON context_entity_value (tenant_id, attr, path, flag) WHERE flag IS NOT NULL;
CREATE INDEX context_entity_value_ts ON context_entity_value (tenant_id, attr, path, ts) WHERE ts IS NOT NULL;
CREATE INDEX context_entity_value_observed ON context_entity_value (tenant_id, attr, observed_at) WHERE observed_at IS NOT NULL;

-- Counts for count=true (ValueCounts): how many entities of a type ('' for every type) hold an attribute's number in
-- each bucket of the number line (1/1024 of a power of two), or several numbers (bucket -2^63). Kept by the group
-- commit with the rows above, in the same transaction, so that counting a range sums a few hundred buckets instead of
-- visiting every matching entity. Each writer thread adds to rows of its own stripe, so that writers committing at
-- once never wait for each other on a bucket; a count is the sum over the stripes.
CREATE TABLE context_value_count (
    tenant_id text NOT NULL,
    type      text NOT NULL,
    attr      text NOT NULL,
    bucket    bigint NOT NULL,
    stripe    smallint NOT NULL,
    entities  bigint NOT NULL,
    PRIMARY KEY (tenant_id, type, attr, bucket, stripe)
);
