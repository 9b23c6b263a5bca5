-- Retention finds old readings by their time of observation: a BRIN index (a few pages for millions of rows,
-- nearly nothing for ingestion, which appends in time order).
CREATE INDEX context_attribute_history_observed ON context_attribute_history USING brin (observed_at);
