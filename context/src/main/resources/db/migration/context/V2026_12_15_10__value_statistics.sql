-- Estimates of a q term's matches from each attribute's own values (issue #17). PostgreSQL estimates a term such as
-- attr = 'status' AND left(txt, 128) = 'fault' from statistics of the whole table's columns, multiplied as if
-- independent; it ignores the statistics ANALYZE gathers on a partial index's expression. A string term thus always
-- got the default 0.5 % of the value rows (a tenth or nine tenths of a million entities alike), and a number or a
-- boolean the product of its attribute's share and its value's share over every attribute. With two terms it then
-- drove a query from a term it took for small: 21 s for a count, 0.8-2.7 s for a page of 100 at a million entities
-- (docs/PERFORMANCE.md, session 44). The most common combinations of tenant, attribute, path and value, kept here by
-- ANALYZE (and autovacuum) beside the columns' statistics, give the planner each term's size. Nothing is added to any
-- write. Statistics on an expression need PostgreSQL 14; an external PostgreSQL 13 does without them.
DO $$
BEGIN
    IF current_setting('server_version_num')::int >= 140000 THEN
        EXECUTE 'CREATE STATISTICS context_entity_value_txt_stats (mcv) ON tenant_id, attr, path, left(txt, 128) FROM context_entity_value';
        EXECUTE 'CREATE STATISTICS context_entity_value_num_stats (mcv) ON tenant_id, attr, path, num FROM context_entity_value';
        EXECUTE 'CREATE STATISTICS context_entity_value_flag_stats (mcv) ON tenant_id, attr, path, flag FROM context_entity_value';
    END IF;
END
$$;
ANALYZE context_entity_value;
