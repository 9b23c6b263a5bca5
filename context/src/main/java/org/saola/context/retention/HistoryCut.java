package org.saola.context.retention;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.saola.context.store.HistoryBlock;
import org.saola.context.store.HistoryBlocks;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lets go of attribute history older than a cutoff, for every series or for those of some entities: rows and
 * compacted blocks dropped ({@link #drop}), or each day's instances dropped and its summaries kept
 * ({@link #summarize}). In batches, each in a transaction of its own, so that none grows large.
 */
@Component
class HistoryCut {

    static final int BATCH = 50_000;
    static final int DAYS = 1_000;
    static final int BLOCKS = 10_000;

    /** Which series: a condition on {@code tenant_id} and {@code entity_id} with its parameters. */
    record Series(String where, List<Object> params) {
        static final Series ALL = new Series("TRUE", List.of());

        /** The series of the entities of a type (an IRI), those deleted too, in one tenant or (null) every tenant. */
        static Series ofType(String tenant, String type) {
            String inTenant = tenant == null ? "" : " AND tenant_id = ?";
            List<Object> params = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                params.add(type);
                if (tenant != null) {
                    params.add(tenant);
                }
            }
            return new Series("(tenant_id, entity_id) IN (SELECT tenant_id, id FROM context_entity WHERE types @> ARRAY[?]::text[]"
                    + inTenant + " UNION SELECT tenant_id, entity_id FROM context_entity_deletion"
                    + " WHERE types @> ARRAY[?]::text[]" + inTenant + ")", List.copyOf(params));
        }

        List<Object> with(Object... more) {
            List<Object> all = new ArrayList<>(params);
            all.addAll(List.of(more));
            return all;
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final DataSource dataSource;
    private final JsonMapper json;

    HistoryCut(JdbcClient jdbc, TransactionTemplate transaction, DataSource dataSource, JsonMapper json) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.dataSource = dataSource;
        this.json = json;
    }

    /**
     * Removes the series' instances observed before {@code cutoff}: compacted days the cutoff falls inside go back
     * to rows, cut below with the other rows (a day of summaries only stays until wholly before it); compacted days
     * wholly before it go whole. Answers how many instances went.
     */
    long drop(Instant cutoff, Series series) {
        Timestamp at = Timestamp.from(cutoff);
        List<HistoryBlocks.Day> straddling = jdbc.sql("SELECT tenant_id, entity_id, attr, period_start FROM context_history_block"
                        + " WHERE " + series.where() + " AND first_observed < ? AND last_observed >= ? AND encoding <> "
                        + HistoryBlock.SUMMARY)
                .params(series.with(at, at))
                .query(HistoryCut::day)
                .list();
        for (HistoryBlocks.Day d : straddling) {
            inTransaction(c -> HistoryBlocks.expand(c, json, d.tenant(), d.entityId(), d.attr(), d.period()), d);
        }
        long total = jdbc.sql("WITH gone AS (DELETE FROM context_history_block WHERE " + series.where()
                        + " AND last_observed < ? RETURNING instances) SELECT coalesce(sum(instances), 0) FROM gone")
                .params(series.with(at)).query(Long.class).single();
        int n;
        do {
            n = jdbc.sql("DELETE FROM context_attribute_history WHERE ctid = ANY (ARRAY(SELECT ctid FROM context_attribute_history"
                            + " WHERE " + series.where() + " AND observed_at < ? LIMIT ?))")
                    .params(series.with(at, BATCH)).update();
            total += n;
        } while (n == BATCH);
        return total;
    }

    /**
     * Drops the instances of the series' UTC days that ended by {@code cutoff} and keeps each day's summaries
     * ({@link HistoryBlock#SUMMARY}): rows of such days not compacted yet are compacted first. Answers how many
     * instances were dropped.
     */
    long summarize(Instant cutoff, Series series) {
        Timestamp end = HistoryBlocks.timestamp(HistoryBlocks.periodOf(HistoryBlocks.micros(cutoff)));
        List<HistoryBlocks.Day> days;
        do {
            days = jdbc.sql("SELECT DISTINCT tenant_id, entity_id, attr, date_trunc('day', observed_at, 'UTC')"
                            + " FROM context_attribute_history WHERE " + series.where() + " AND observed_at < ? LIMIT ?")
                    .params(series.with(end, DAYS))
                    .query(HistoryCut::day)
                    .list();
            for (HistoryBlocks.Day d : days) {
                inTransaction(c -> HistoryBlocks.compact(c, json, d.tenant(), d.entityId(), d.attr(), d.period()), d);
            }
        } while (days.size() == DAYS);
        long total = 0;
        long[] done;
        do {
            done = jdbc.sql("WITH done AS (UPDATE context_history_block SET encoding = " + HistoryBlock.SUMMARY
                            + ", template = NULL, data = ''::bytea WHERE ctid = ANY (ARRAY(SELECT ctid FROM context_history_block"
                            + " WHERE " + series.where() + " AND period_end <= ? AND encoding <> " + HistoryBlock.SUMMARY
                            + " LIMIT ?)) RETURNING instances) SELECT count(*), coalesce(sum(instances), 0) FROM done")
                    .params(series.with(end, BLOCKS))
                    .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
            total += done[1];
        } while (done[0] == BLOCKS);
        return total;
    }

    /** A day of one attribute's history from {@code tenant_id, entity_id, attr} and the day's start. */
    private static HistoryBlocks.Day day(ResultSet rs, int row) throws SQLException {
        return new HistoryBlocks.Day(rs.getString(1), rs.getString(2), rs.getString(3),
                HistoryBlocks.micros(rs.getTimestamp(4)));
    }

    private interface DayWork {
        int apply(Connection c) throws SQLException;
    }

    private void inTransaction(DayWork work, HistoryBlocks.Day day) {
        transaction.executeWithoutResult(tx -> {
            Connection c = DataSourceUtils.getConnection(dataSource);
            try {
                work.apply(c);
            } catch (SQLException e) {
                throw new IllegalStateException("retention of the history of " + day.entityId() + " failed", e);
            } finally {
                DataSourceUtils.releaseConnection(c, dataSource);
            }
        });
    }
}
