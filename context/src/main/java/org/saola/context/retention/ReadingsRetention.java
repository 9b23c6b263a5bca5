package org.saola.context.retention;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.saola.platform.retention.RetentionRule;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Raw readings (attribute history) observed more than five years ago are removed, 50 000 rows a transaction, found
 * through a BRIN index on the observation time (tiny, and nearly free for ingestion, which appends in time
 * order), with the records of what was deleted before then, and compacted days of history before then (a compacted
 * day the cutoff falls inside is turned back into rows and cut like them). Entities' latest state is not history
 * and stays. Some entity types may keep theirs a shorter time ({@link HistoryTypeRetention}).
 */
@Component
class ReadingsRetention implements RetentionRule {

    private final JdbcClient jdbc;
    private final HistoryCut cut;

    ReadingsRetention(JdbcClient jdbc, HistoryCut cut) {
        this.jdbc = jdbc;
        this.cut = cut;
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
        long total = cut.drop(cutoff, HistoryCut.Series.ALL);
        // What was deleted, and when, goes with the history it concerned.
        total += jdbc.sql("DELETE FROM context_attribute_deletion WHERE deleted_at < ?").params(Timestamp.from(cutoff))
                .update();
        total += jdbc.sql("DELETE FROM context_entity_deletion WHERE deleted_at < ?").params(Timestamp.from(cutoff))
                .update();
        return total;
    }
}
