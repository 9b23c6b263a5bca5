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
 * order), with the records of what was deleted before then. Entities' latest state is not history and stays.
 */
@Component
class ReadingsRetention implements RetentionRule {

    static final int BATCH = 50_000;

    private final JdbcClient jdbc;

    ReadingsRetention(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
