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
    /** Series looked at in one pass of the search for rows to compact. */
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

    /** Whether a compaction is running on this node (at most one at a time). */
    private final java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Starts a compaction when one is due, on a thread of its own: the first compaction of a long history takes
     * hours, and the scheduler's thread is shared by every periodic job (alert timers, the change feed's polls).
     */
    @Scheduled(fixedDelayString = "PT30S", initialDelayString = "PT30S")
    void scheduled() {
        Instant now = clock.instant();
        if (now.isBefore(lastRun.plus(properties.historyCompactionInterval())) || !running.compareAndSet(false, true)) {
            return;
        }
        lastRun = now;
        Thread.ofVirtual().name("history-compaction").start(() -> {
            try {
                Result r = compactEndedBefore(now.minus(properties.historyCompactAfter()));
                if (r.instances() > 0) {
                    log.info("History compaction: {} instances of {} attribute-days compacted", r.instances(), r.periods());
                }
            } catch (RuntimeException e) {
                log.warn("History compaction failed; it is tried again at its next run", e);
            } finally {
                lastRun = clock.instant();
                running.set(false);
            }
        });
    }

    /**
     * Compacts every day that ended at or before {@code cutoff}'s day began. The series are walked along the
     * history's key (one index probe each, never a scan of the rows), and each series' oldest row before the cutoff
     * names the next day to compact.
     */
    public Result compactEndedBefore(Instant cutoff) {
        Timestamp end = HistoryBlocks.timestamp(HistoryBlocks.periodOf(HistoryBlocks.micros(cutoff)));
        int periods = 0;
        long instances = 0;
        String[] after = null;
        while (true) {
            List<Period> batch = next(after, end);
            if (batch.isEmpty()) {
                return new Result(periods, instances);
            }
            for (Period p : batch) {
                Period day = p.start() == null ? null : p;
                while (day != null) {
                    instances += compact(day);
                    periods++;
                    day = oldest(p.tenant(), p.entityId(), p.attr(), end);
                }
            }
            Period last = batch.getLast();
            after = new String[] {last.tenant(), last.entityId(), last.attr()};
        }
    }

    /** The next series after {@code after} (all from the first if null) with rows before {@code end}, and their day. */
    private List<Period> next(String[] after, Timestamp end) {
        String start = after == null
                ? "(SELECT tenant_id, entity_id, attr FROM context_attribute_history ORDER BY 1, 2, 3 LIMIT 1)"
                : "(SELECT tenant_id, entity_id, attr FROM context_attribute_history WHERE (tenant_id, entity_id, attr) > (?, ?, ?)"
                        + " ORDER BY 1, 2, 3 LIMIT 1)";
        String sql = "WITH RECURSIVE s(tenant_id, entity_id, attr, n) AS (SELECT x.*, 1 FROM " + start + " x"
                + " UNION ALL SELECT y.*, s.n + 1 FROM s, LATERAL (SELECT h.tenant_id, h.entity_id, h.attr"
                + " FROM context_attribute_history h WHERE (h.tenant_id, h.entity_id, h.attr) > (s.tenant_id, s.entity_id, s.attr)"
                + " ORDER BY 1, 2, 3 LIMIT 1) y WHERE s.n < ?)"
                + " SELECT s.tenant_id, s.entity_id, s.attr, (SELECT date_trunc('day', min(h.observed_at), 'UTC')"
                + " FROM context_attribute_history h WHERE h.tenant_id = s.tenant_id AND h.entity_id = s.entity_id"
                + " AND h.attr = s.attr AND h.observed_at < ?) FROM s ORDER BY 1, 2, 3";
        List<Object> params = new java.util.ArrayList<>();
        if (after != null) {
            params.addAll(List.of(after));
        }
        params.add(BATCH);
        params.add(end);
        List<Period> series = jdbc.sql(sql).params(params)
                .query((rs, n) -> new Period(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4))).list();
        if (series.isEmpty()) {
            return series;
        }
        // Series with nothing to compact are passed over, but the walk goes on from the last one seen.
        List<Period> due = new java.util.ArrayList<>(series.stream().filter(p -> p.start() != null).toList());
        Period last = series.getLast();
        if (due.isEmpty() || due.getLast() != last) {
            due.add(new Period(last.tenant(), last.entityId(), last.attr(), null));
        }
        return due;
    }

    /** The day of a series' oldest row before {@code end}, or null if it has none. */
    private Period oldest(String tenant, String entityId, String attr, Timestamp end) {
        java.util.Optional<Timestamp> day = jdbc.sql("""
                        SELECT date_trunc('day', min(observed_at), 'UTC') FROM context_attribute_history
                        WHERE tenant_id = ? AND entity_id = ? AND attr = ? AND observed_at < ?""")
                .params(tenant, entityId, attr, end)
                .query((rs, n) -> java.util.Optional.ofNullable(rs.getTimestamp(1))).single();
        return day.map(d -> new Period(tenant, entityId, attr, d)).orElse(null);
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
