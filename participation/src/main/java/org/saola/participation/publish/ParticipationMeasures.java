package org.saola.participation.publish;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.measure.Measure;
import org.saola.platform.measure.MeasureSource;
import org.saola.platform.measure.Measured;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who took part, measured for the city's indicators: distinct residents who, within the period, voted in a
 * participatory budget, answered a consultation, made a proposal, commented, or registered for a meeting; by
 * channel ({@code ONLINE}, {@code ASSISTED} at a ward office, {@code SMS}, {@code MEETING} for registrations to meet
 * in person). An answer given without signing in counts as one resident. Supports carry no time (only who
 * supported what), so they are not counted by period.
 */
@Component
class ParticipationMeasures implements MeasureSource {

    private final JdbcClient jdbc;
    private final ZoneId zone;

    ParticipationMeasures(JdbcClient jdbc, @Value("${saola.time-zone:Asia/Ho_Chi_Minh}") String zone) {
        this.jdbc = jdbc;
        this.zone = ZoneId.of(zone);
    }

    @Override
    public List<Measure> measures() {
        return List.of(new Measure("participation.participants", "Người dân tham gia", "Residents taking part", "residents",
                Measure.Kind.FLOW, true, List.of("channel")));
    }

    @Override
    public Measured measure(TenantId tenant, String key, Instant from, Instant to, Set<String> groupings) {
        if (!key.equals("participation.participants")) {
            throw new NotFoundException("no measure '" + key + "'", "participation.notFound.measure", key);
        }
        // Votes and answers keep the day only: the period's days in the city's calendar.
        LocalDate firstDay = from.atZone(zone).toLocalDate();
        LocalDate afterLast = to.minusNanos(1).atZone(zone).toLocalDate().plusDays(1);
        Timestamp a = Timestamp.from(from);
        Timestamp b = Timestamp.from(to);
        String t = tenant.value();
        long[] total = {0};
        Map<String, Measured.Value> byChannel = new LinkedHashMap<>();
        jdbc.sql("""
                WITH acts AS (
                    SELECT resident_id::text AS who, channel FROM participation_voter
                        WHERE tenant_id = ? AND voted_on >= ? AND voted_on < ?
                    UNION ALL SELECT coalesce(resident::text, id::text), channel FROM participation_consultation_answer
                        WHERE tenant_id = ? AND answered_on >= ? AND answered_on < ?
                    UNION ALL SELECT author::text, channel FROM participation_proposal
                        WHERE tenant_id = ? AND created_at >= ? AND created_at < ?
                    UNION ALL SELECT c.author::text, 'ONLINE' FROM participation_comment c JOIN participation_proposal p ON p.id = c.proposal_id
                        WHERE p.tenant_id = ? AND c.created_at >= ? AND c.created_at < ?
                    UNION ALL SELECT resident::text, 'MEETING' FROM participation_meeting_registration
                        WHERE tenant_id = ? AND registered_at >= ? AND registered_at < ?)
                SELECT channel, count(DISTINCT who) FROM acts GROUP BY ROLLUP (channel)""")
                .params(t, firstDay, afterLast, t, firstDay, afterLast, t, a, b, t, a, b, t, a, b).query((rs, i) -> {
                    String channel = rs.getString(1);
                    if (channel == null) {
                        total[0] = rs.getLong(2);
                    } else {
                        byChannel.put(channel, Measured.Value.people(rs.getLong(2)));
                    }
                    return null;
                }).list();
        return Measured.of(Measured.Value.people(total[0]), groupings.contains("channel") ? Map.of("channel", byChannel) : Map.of());
    }
}
