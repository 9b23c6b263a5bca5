-- Numeric values of history instances as a column of their own, so that aggregations (avg, min, max, ...)
-- read a double instead of parsing each instance's JSON.
ALTER TABLE context_attribute_history ADD COLUMN num_value double precision GENERATED ALWAYS AS (
    CASE WHEN jsonb_typeof(instance -> 'value') = 'number' THEN (instance ->> 'value')::double precision END) STORED;
