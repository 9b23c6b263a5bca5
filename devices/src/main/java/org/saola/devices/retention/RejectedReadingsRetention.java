package org.saola.devices.retention;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.saola.platform.retention.RetentionRule;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Examples of refused readings (what a device sent that was refused, and why) are removed after 90 days; the
 * counts per device and reason stay.
 */
@Component
class RejectedReadingsRetention implements RetentionRule {

    private final JdbcClient jdbc;

    RejectedReadingsRetention(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String category() {
        return "rejected-readings";
    }

    @Override
    public String description() {
        return "examples of what devices sent that was refused (the counts per device and reason stay)";
    }

    @Override
    public Duration defaultPeriod() {
        return Duration.ofDays(90);
    }

    @Override
    public long apply(Instant cutoff) {
        return jdbc.sql("DELETE FROM device_rejection WHERE received_at < ?").param(Timestamp.from(cutoff)).update();
    }
}
