-- The counts for count=true no longer keep a type '' for the entities of every type (issue #17): that row doubled the
-- counts' writes on every change of a number. A count of type T checks instead that the attribute's counts of every
-- type add up to T's alone (ValueCounts), which reads the attribute's rows of all types: hence the index by attribute.
-- Only rows first written (a bucket an entity enters for the first time) add an entry to it; a change of a count
-- stays a HOT update, since no index holds the count.
DELETE FROM context_value_count WHERE type = '';
CREATE INDEX context_value_count_attr ON context_value_count (tenant_id, attr);
