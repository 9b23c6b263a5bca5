package org.saola.reports.retention;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.saola.platform.retention.RetentionRule;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A year after a report is closed, it stops being tied to the resident who filed it: the report (public already)
 * stays, its reporter is forgotten, so their contact can no longer be reached or read through it.
 */
@Component
class ReportContactRetention implements RetentionRule {

    private final JdbcClient jdbc;

    ReportContactRetention(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String category() {
        return "report-contacts";
    }

    @Override
    public String description() {
        return "the tie between a closed report and the resident who filed it (the report itself stays public)";
    }

    @Override
    public Duration defaultPeriod() {
        return Duration.ofDays(365);
    }

    @Override
    public long apply(Instant cutoff) {
        return jdbc.sql("UPDATE report SET reporter_id = NULL WHERE closed_at < ? AND reporter_id IS NOT NULL")
                .param(Timestamp.from(cutoff)).update();
    }
}
