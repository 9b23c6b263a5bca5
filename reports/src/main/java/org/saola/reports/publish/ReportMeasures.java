package org.saola.reports.publish;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.measure.Measure;
import org.saola.platform.measure.MeasureSource;
import org.saola.platform.measure.Measured;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Residents' reports measured for the city's indicators: how many were filed (by ward, and by channel: the city's
 * web form or an app through Open311), how many were closed as fixed and how many of those within their
 * category's target time, and the median days to fix, each within the period. Counts of what residents did, so a
 * ward with few reports is not published.
 */
@Component
class ReportMeasures implements MeasureSource {

    private static final List<String> WARD = List.of("ward");

    private final JdbcClient jdbc;

    ReportMeasures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Measure> measures() {
        return List.of(
                new Measure("reports.requests", "Phản ánh đã gửi", "Reports filed", "reports", Measure.Kind.FLOW, true, List.of("ward", "channel")),
                new Measure("reports.fixed", "Phản ánh đã xử lý", "Reports fixed", "reports", Measure.Kind.FLOW, true, WARD),
                new Measure("reports.fixed_on_time", "Phản ánh xử lý đúng hạn", "Reports fixed on time", "reports", Measure.Kind.FLOW, true, WARD),
                new Measure("reports.median_days_to_fix", "Số ngày xử lý (trung vị)", "Median days to fix", "days", Measure.Kind.FLOW, true, WARD));
    }

    @Override
    public Measured measure(TenantId tenant, String key, Instant from, Instant to, Set<String> groupings) {
        Timestamp a = Timestamp.from(from);
        Timestamp b = Timestamp.from(to);
        return switch (key) {
            case "reports.requests" -> {
                Map<String, Map<String, Measured.Value>> groups = new LinkedHashMap<>();
                long[] total = {0};
                jdbc.sql("""
                        SELECT ward, CASE WHEN source LIKE 'open311:%' THEN 'open311' ELSE source END, count(*) FROM report
                        WHERE tenant_id = ? AND requested_at >= ? AND requested_at < ? GROUP BY 1, 2""")
                        .params(tenant.value(), a, b).query((rs, i) -> {
                            long n = rs.getLong(3);
                            total[0] += n;
                            add(groups, groupings, "ward", rs.getString(1), n);
                            add(groups, groupings, "channel", rs.getString(2), n);
                            return null;
                        }).list();
                yield Measured.of(Measured.Value.people(total[0]), groups);
            }
            case "reports.fixed", "reports.fixed_on_time" -> {
                String onTime = key.equals("reports.fixed_on_time") ? " AND closed_at <= expected_at" : "";
                Map<String, Map<String, Measured.Value>> groups = new LinkedHashMap<>();
                long[] total = {0};
                jdbc.sql("SELECT ward, count(*) FROM report WHERE tenant_id = ? AND status = 'FIXED' AND closed_at >= ? AND closed_at < ?"
                        + onTime + " GROUP BY 1").params(tenant.value(), a, b).query((rs, i) -> {
                            total[0] += rs.getLong(2);
                            add(groups, groupings, "ward", rs.getString(1), rs.getLong(2));
                            return null;
                        }).list();
                yield Measured.of(Measured.Value.people(total[0]), groups);
            }
            case "reports.median_days_to_fix" -> {
                Map<String, Map<String, Measured.Value>> groups = new LinkedHashMap<>();
                Measured.Value[] total = {null};
                jdbc.sql("""
                        SELECT ward, percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM closed_at - requested_at)) / 86400, count(*)
                        FROM report WHERE tenant_id = ? AND status = 'FIXED' AND closed_at >= ? AND closed_at < ?
                        GROUP BY ROLLUP (ward)""").params(tenant.value(), a, b).query((rs, i) -> {
                            String ward = rs.getString(1);
                            Measured.Value v = new Measured.Value(rs.getDouble(2), rs.getLong(3));
                            if (rs.getLong(3) == 0) {
                                return null;                   // no report fixed: no median (the rollup's row over nothing)
                            }
                            if (ward == null) {
                                total[0] = v;
                            } else if (groupings.contains("ward") && !ward.isEmpty()) {
                                groups.computeIfAbsent("ward", k -> new LinkedHashMap<>()).put(ward, v);
                            }
                            return null;
                        }).list();
                yield new Measured(Optional.ofNullable(total[0]), groups);
            }
            default -> throw new NotFoundException("no measure '" + key + "'");
        };
    }

    /** Adds {@code n} to the group {@code name} of {@code grouping}, if asked for and named. */
    private static void add(Map<String, Map<String, Measured.Value>> groups, Set<String> asked, String grouping, String name, long n) {
        if (asked.contains(grouping) && name != null && !name.isEmpty()) {
            groups.computeIfAbsent(grouping, k -> new LinkedHashMap<>()).merge(name, Measured.Value.people(n),
                    (x, y) -> Measured.Value.people(x.people() + y.people()));
        }
    }
}
