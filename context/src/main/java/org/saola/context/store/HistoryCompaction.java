package org.saola.context.store;

import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.saola.context.ContextProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compacts attribute history in the background (issue #17, item 4): every UTC day that ended more than
 * {@code saola.context.history-compact-after} ago, for each entity and attribute, goes from a row per instance into
 * one compressed block ({@link HistoryBlock}). One transaction per day and attribute: a compaction stopped at any
 * point (even by SIGKILL) leaves each day either all rows or all block, never both halves nor a copy. Several nodes
 * may run it at once: a day's rows are taken by one of them, the other finds none.
 */
@Component
public class HistoryCompaction {

    private static final Logger log = LoggerFactory.getLogger(HistoryCompaction.class);
    /** Days taken in one pass of the search for rows to compact. */
    static final int BATCH = 1_000;

    /** What one compaction did. */
    public record Result(int periods, long instances) {
    }

    private record Period(String tenant, String entityId, String attr, Timestamp start) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final TransactionTemplate transaction;
    private final javax.sql.DataSource dataSource;
    private final InstantSource clock;
    private final ContextProperties properties;
    /** The first run comes one interval after the start. */
    private volatile Instant lastRun;

    public HistoryCompaction(JdbcClient jdbc, JsonMapper json, TransactionTemplate transaction, javax.sql.DataSource dataSource,
            InstantSource clock, ContextProperties properties) {
        this.jdbc = jdbc;
        this.json = json;
        this.transaction = transaction;
        this.dataSource = dataSource;
        this.clock = clock;
        this.properties = properties;
        this.lastRun = clock.instant();
    }

    @Scheduled(fixedDelayString = "PT30S", initialDelayString = "PT30S")
    void scheduled() {
        Instant now = clock.instant();
        if (now.isBefore(lastRun.plus(properties.historyCompactionInterval()))) {
            return;
        }
        lastRun = now;
        try {
            Result r = compactEndedBefore(now.minus(properties.historyCompactAfter()));
            if (r.instances() > 0) {
                log.info("History compaction: {} instances of {} attribute-days compacted", r.instances(), r.periods());
            }
        } catch (RuntimeException e) {
            log.warn("History compaction failed; it is tried again at its next run", e);
        }
    }

    /** Compacts every day that ended at or before {@code cutoff}'s day began. */
    public Result compactEndedBefore(Instant cutoff) {
        long end = HistoryBlocks.periodOf(HistoryBlocks.micros(cutoff));
        int periods = 0;
        long instances = 0;
        while (true) {
            List<Period> batch = jdbc.sql("""
                            SELECT DISTINCT tenant_id, entity_id, attr, date_trunc('day', observed_at, 'UTC')
                            FROM context_attribute_history WHERE observed_at < ? LIMIT ?""")
                    .params(HistoryBlocks.timestamp(end), BATCH)
                    .query((rs, n) -> new Period(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4)))
                    .list();
            long moved = 0;
            for (Period p : batch) {
                moved += compact(p);
                periods++;
            }
            instances += moved;
            if (batch.size() < BATCH || moved == 0) {
                return new Result(periods, instances);
            }
        }
    }

    private int compact(Period p) {
        return transaction.execute(tx -> {
            Connection c = DataSourceUtils.getConnection(dataSource);
            try {
                return HistoryBlocks.compact(c, json, p.tenant(), p.entityId(), p.attr(), HistoryBlocks.micros(p.start()));
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("compacting history of " + p.entityId() + " failed", e);
            } finally {
                DataSourceUtils.releaseConnection(c, dataSource);
            }
        });
    }
}
