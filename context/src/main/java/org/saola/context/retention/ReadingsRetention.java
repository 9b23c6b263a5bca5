package org.saola.context.retention;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.saola.context.store.HistoryBlocks;
import org.saola.platform.retention.RetentionRule;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Raw readings (attribute history) observed more than five years ago are removed, 50 000 rows a transaction, found
 * through a BRIN index on the observation time (tiny, and nearly free for ingestion, which appends in time
 * order), with the records of what was deleted before then, and compacted days of history before then (a compacted
 * day the cutoff falls inside is turned back into rows and cut like them). Entities' latest state is not history
 * and stays.
 */
@Component
class ReadingsRetention implements RetentionRule {

    static final int BATCH = 50_000;

    private final JdbcClient jdbc;
    private final org.springframework.transaction.support.TransactionTemplate transaction;
    private final javax.sql.DataSource dataSource;
    private final tools.jackson.databind.json.JsonMapper json;

    ReadingsRetention(JdbcClient jdbc, org.springframework.transaction.support.TransactionTemplate transaction,
            javax.sql.DataSource dataSource, tools.jackson.databind.json.JsonMapper json) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.dataSource = dataSource;
        this.json = json;
    }

    @Override
    public String category() {
        return "readings";
    }

    @Override
    public String description() {
        return "raw readings: the history of entities' attributes, by time of observation (latest states stay)";
    }

    @Override
    public Duration defaultPeriod() {
        return Duration.ofDays(5 * 365);
    }

    @Override
    public long apply(Instant cutoff) {
        long total = 0;
        // Compacted days the cutoff falls inside go back to rows, cut below with the other rows; compacted days
        // wholly before it go whole.
        List<HistoryBlocks.Day> straddling = jdbc.sql("""
                        SELECT tenant_id, entity_id, attr, period_start FROM context_history_block
                        WHERE first_observed < ? AND last_observed >= ?""")
                .params(Timestamp.from(cutoff), Timestamp.from(cutoff))
                .query((rs, n) -> new HistoryBlocks.Day(rs.getString(1), rs.getString(2), rs.getString(3),
                        HistoryBlocks.micros(rs.getTimestamp(4))))
                .list();
        for (HistoryBlocks.Day d : straddling) {
            transaction.executeWithoutResult(tx -> {
                java.sql.Connection c = DataSourceUtils.getConnection(dataSource);
                try {
                    HistoryBlocks.expand(c, json, d.tenant(), d.entityId(), d.attr(), d.period());
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException("expanding compacted history of " + d.entityId() + " failed", e);
                } finally {
                    DataSourceUtils.releaseConnection(c, dataSource);
                }
            });
        }
        total += jdbc.sql("""
                WITH gone AS (DELETE FROM context_history_block WHERE last_observed < ? RETURNING instances)
                SELECT coalesce(sum(instances), 0) FROM gone""").param(Timestamp.from(cutoff)).query(Long.class).single();
        int n;
        do {
            n = jdbc.sql("""
                    DELETE FROM context_attribute_history WHERE ctid = ANY (ARRAY(
                        SELECT ctid FROM context_attribute_history WHERE observed_at < ? LIMIT ?))""")
                    .params(Timestamp.from(cutoff), BATCH).update();
            total += n;
        } while (n == BATCH);
        // What was deleted, and when, goes with the history it concerned.
        total += jdbc.sql("DELETE FROM context_attribute_deletion WHERE deleted_at < ?").params(Timestamp.from(cutoff))
                .update();
        total += jdbc.sql("DELETE FROM context_entity_deletion WHERE deleted_at < ?").params(Timestamp.from(cutoff))
                .update();
        return total;
    }
}
