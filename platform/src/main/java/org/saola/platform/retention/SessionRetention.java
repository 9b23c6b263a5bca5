package org.saola.platform.retention;

import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Sessions not used for 30 days are removed (whatever their own expiry says; Spring Session also removes expired
 * ones every minute, uncounted). A resident's session lasts 30 days at most, a member of staff's far less.
 */
@Component
class SessionRetention implements RetentionRule {

    private final JdbcClient jdbc;

    SessionRetention(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String category() {
        return "sessions";
    }

    @Override
    public String description() {
        return "sign-in sessions of staff and residents not used since";
    }

    @Override
    public Duration defaultPeriod() {
        return Duration.ofDays(30);
    }

    @Override
    public long apply(Instant cutoff) {
        return jdbc.sql("DELETE FROM spring_session WHERE last_access_time < ?").param(cutoff.toEpochMilli()).update();
    }
}
