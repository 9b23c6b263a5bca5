package org.saola.reports.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.saola.platform.TenantId;
import org.saola.reports.domain.ReportSearch;
import org.saola.reports.domain.ReportStatistics;
import org.saola.reports.domain.ReportStatus;
import org.saola.reports.domain.ServiceRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reports, their events, supports and photos' records. */
@Repository
public class ReportStore {

    private static final String COLUMNS = """
            tenant_id, id, token, service_code, status, status_notes, description, lat, lon, address, address_id, ward,
            department_code, assignee, attributes::text, media_url, reporter_id, source, duplicate_of, referred_to,
            supporters, requested_at, updated_at, expected_at, closed_at, moderation""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public ReportStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public long nextId() {
        return jdbc.sql("SELECT nextval('report_number')").query(Long.class).single();
    }

    public void insert(ServiceRequest r) {
        jdbc.sql("""
                INSERT INTO report (tenant_id, id, token, service_code, status, status_notes, description, lat, lon, address,
                    address_id, ward, department_code, assignee, attributes, media_url, reporter_id, source, duplicate_of,
                    referred_to, supporters, requested_at, updated_at, expected_at, closed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(r.tenant().value(), r.id(), r.token(), r.serviceCode(), r.status().name(), r.statusNotes(),
                        r.description(), r.lat().orElse(null), r.lon().orElse(null), r.address(), r.addressId(), r.ward(),
                        r.department().orElse(null), r.assignee().orElse(null), json.writeValueAsString(r.attributes()),
                        r.mediaUrl(), r.reporter().orElse(null), r.source(), r.duplicateOf().orElse(null), r.referredTo(),
                        r.supporters(), Timestamp.from(r.requestedAt()), Timestamp.from(r.updatedAt()),
                        Timestamp.from(r.expectedAt()), r.closedAt().map(Timestamp::from).orElse(null))
                .update();
    }

    /** Writes what the workflow changes: status, notes, routing, outcome. */
    public void update(ServiceRequest r) {
        jdbc.sql("""
                UPDATE report SET status = ?, status_notes = ?, department_code = ?, assignee = ?, duplicate_of = ?,
                    referred_to = ?, supporters = ?, updated_at = ?, closed_at = ?, lat = ?, lon = ?
                WHERE tenant_id = ? AND id = ?""")
                .params(r.status().name(), r.statusNotes(), r.department().orElse(null), r.assignee().orElse(null),
                        r.duplicateOf().orElse(null), r.referredTo(), r.supporters(), Timestamp.from(r.updatedAt()),
                        r.closedAt().map(Timestamp::from).orElse(null), r.lat().orElse(null), r.lon().orElse(null),
                        r.tenant().value(), r.id())
                .update();
    }

    public Optional<ServiceRequest> find(TenantId tenant, long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM report WHERE tenant_id = ? AND id = ?").params(tenant.value(), id)
                .query((rs, i) -> row(rs)).optional();
    }

    /** The report, locked for the workflow step about to change it. */
    public Optional<ServiceRequest> lock(TenantId tenant, long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM report WHERE tenant_id = ? AND id = ? FOR UPDATE")
                .params(tenant.value(), id).query((rs, i) -> row(rs)).optional();
    }

    public Optional<ServiceRequest> byToken(TenantId tenant, UUID token) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM report WHERE tenant_id = ? AND token = ?").params(tenant.value(), token)
                .query((rs, i) -> row(rs)).optional();
    }

    public List<ServiceRequest> search(TenantId tenant, ReportSearch s) {
        List<Object> params = new ArrayList<>();
        String where = where(tenant, s, params);
        params.add(s.limit());
        params.add(s.offset());
        return jdbc.sql("SELECT " + COLUMNS + " FROM report WHERE " + where + " ORDER BY requested_at DESC, id DESC LIMIT ? OFFSET ?")
                .params(params).query((rs, i) -> row(rs)).list();
    }

    public long count(TenantId tenant, ReportSearch s) {
        List<Object> params = new ArrayList<>();
        String where = where(tenant, s, params);
        return jdbc.sql("SELECT count(*) FROM report WHERE " + where).params(params).query(Long.class).single();
    }

    private static String where(TenantId tenant, ReportSearch s, List<Object> params) {
        StringBuilder w = new StringBuilder("tenant_id = ?");
        params.add(tenant.value());
        s.departments().ifPresent(d -> {
            w.append(" AND department_code = ANY (?)");
            params.add(d.toArray(String[]::new));
        });
        if (!s.ids().isEmpty()) {
            w.append(" AND id = ANY (?)");
            params.add(s.ids().toArray(Long[]::new));
        }
        if (!s.serviceCodes().isEmpty()) {
            w.append(" AND service_code = ANY (?)");
            params.add(s.serviceCodes().toArray(String[]::new));
        }
        if (!s.statuses().isEmpty()) {
            w.append(" AND status = ANY (?)");
            params.add(s.statuses().stream().map(ReportStatus::name).toArray(String[]::new));
        }
        s.from().ifPresent(f -> {
            w.append(" AND requested_at >= ?");
            params.add(Timestamp.from(f));
        });
        s.to().ifPresent(t -> {
            w.append(" AND requested_at <= ?");
            params.add(Timestamp.from(t));
        });
        s.ward().ifPresent(ward -> {
            w.append(" AND ward = ?");
            params.add(ward);
        });
        s.reporter().ifPresent(r -> {
            w.append(" AND reporter_id = ?");
            params.add(r);
        });
        s.overdueAt().ifPresent(now -> {
            w.append(" AND status IN ('OPEN', 'ACKNOWLEDGED', 'IN_PROGRESS') AND expected_at < ?");
            params.add(Timestamp.from(now));
        });
        return w.toString();
    }

    /**
     * Open reports of a category within {@code meters} of a point, nearest first: a box on the GiST index, then
     * the great-circle distance.
     */
    public List<ServiceRequest> openNear(TenantId tenant, String serviceCode, double lat, double lon, int meters, int limit) {
        double dLat = meters / 111_320.0;
        double dLon = meters / (111_320.0 * Math.max(0.01, Math.cos(Math.toRadians(lat))));
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM report WHERE tenant_id = ? AND service_code = ? AND status IN ('OPEN', 'ACKNOWLEDGED', 'IN_PROGRESS')
                  AND point(lon, lat) <@ box(point(?, ?), point(?, ?))
                  AND 6371000 * 2 * asin(sqrt(power(sin(radians(lat - ?) / 2), 2)
                      + cos(radians(?)) * cos(radians(lat)) * power(sin(radians(lon - ?) / 2), 2))) <= ?
                ORDER BY power(lat - ?, 2) + power((lon - ?) * cos(radians(?)), 2) LIMIT ?""")
                .params(tenant.value(), serviceCode, lon - dLon, lat - dLat, lon + dLon, lat + dLat, lat, lat, lon, meters,
                        lat, lon, lat, limit)
                .query((rs, i) -> row(rs)).list();
    }

    public void addEvent(TenantId tenant, long reportId, Instant at, String kind, ReportStatus status, String text,
            String actor, boolean publicly) {
        jdbc.sql("INSERT INTO report_event (tenant_id, report_id, at, kind, status, text, actor, public) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(tenant.value(), reportId, Timestamp.from(at), kind, status == null ? null : status.name(),
                        text == null ? "" : text, actor, publicly)
                .update();
    }

    public List<ServiceRequest.Event> events(TenantId tenant, long reportId, boolean publicOnly) {
        return jdbc.sql("SELECT seq, at, kind, status, text, actor, public FROM report_event WHERE tenant_id = ? AND report_id = ?"
                        + (publicOnly ? " AND public" : "") + " ORDER BY seq")
                .params(tenant.value(), reportId)
                .query((rs, i) -> new ServiceRequest.Event(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                        Optional.ofNullable(rs.getString(4)).map(ReportStatus::valueOf), rs.getString(5), rs.getString(6),
                        rs.getBoolean(7)))
                .list();
    }

    /** Records a resident's support; false if they supported it already. */
    public boolean addSupport(TenantId tenant, long reportId, UUID resident, Instant at) {
        return jdbc.sql("INSERT INTO report_support (tenant_id, report_id, resident_id, at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .params(tenant.value(), reportId, resident, Timestamp.from(at)).update() > 0;
    }

    public void addPhoto(TenantId tenant, UUID id, long reportId, String stage, int width, int height, int bytes, Instant at) {
        jdbc.sql("INSERT INTO report_photo (tenant_id, id, report_id, stage, width, height, bytes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(tenant.value(), id, reportId, stage, width, height, bytes, Timestamp.from(at)).update();
    }

    /** A photo's record: its report and stage, if it exists and is not hidden. */
    public record PhotoRecord(UUID id, long reportId, String stage, int width, int height) {
    }

    private static final String PHOTO_COLUMNS = "SELECT id, report_id, stage, width, height FROM report_photo ";

    private static PhotoRecord photoRow(java.sql.ResultSet rs, int i) throws SQLException {
        return new PhotoRecord(rs.getObject(1, UUID.class), rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getInt(5));
    }

    /** A report's photos, oldest first: the shown ones, or ({@code withHidden}) all of them, for staff. */
    public List<PhotoRecord> photos(TenantId tenant, long reportId, boolean withHidden) {
        return jdbc.sql(PHOTO_COLUMNS + "WHERE tenant_id = ? AND report_id = ?" + (withHidden ? "" : " AND NOT hidden")
                        + " ORDER BY created_at")
                .params(tenant.value(), reportId).query(ReportStore::photoRow).list();
    }

    /** The first shown photo of each of these reports (those without one are absent). */
    public Map<Long, UUID> firstPhotos(TenantId tenant, List<Long> reportIds) {
        Map<Long, UUID> first = new java.util.HashMap<>();
        if (reportIds.isEmpty()) {
            return first;
        }
        jdbc.sql("""
                SELECT DISTINCT ON (report_id) report_id, id FROM report_photo
                WHERE tenant_id = ? AND report_id = ANY (?) AND NOT hidden ORDER BY report_id, created_at""")
                .params(tenant.value(), reportIds.toArray(Long[]::new))
                .query(rs -> {
                    first.put(rs.getLong(1), rs.getObject(2, UUID.class));
                });
        return first;
    }

    /** A photo's record: the shown one, or ({@code withHidden}) hidden or not, for staff. */
    public Optional<PhotoRecord> photo(TenantId tenant, UUID id, boolean withHidden) {
        return jdbc.sql(PHOTO_COLUMNS + "WHERE tenant_id = ? AND id = ?" + (withHidden ? "" : " AND NOT hidden"))
                .params(tenant.value(), id).query(ReportStore::photoRow).optional();
    }

    /** Fixed reports whose reporter has not been asked yet and that were closed before {@code before}, locked. */
    public List<ServiceRequest> followUpsDue(Instant before, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM report WHERE status = 'FIXED' AND follow_up_sent_at IS NULL"
                        + " AND reporter_id IS NOT NULL AND reporter_updates AND closed_at < ? ORDER BY closed_at LIMIT ? FOR UPDATE SKIP LOCKED")
                .params(Timestamp.from(before), limit).query((rs, i) -> row(rs)).list();
    }

    /** Whether the reporter of a report still wants to be told what becomes of it (their consent not withdrawn). */
    public boolean updatesWanted(TenantId tenant, long id) {
        return jdbc.sql("SELECT reporter_updates FROM report WHERE tenant_id = ? AND id = ?").params(tenant.value(), id)
                .query(Boolean.class).optional().orElse(false);
    }

    /** The resident no longer wants updates of the report {@code id}, or of any report of theirs (empty); how many. */
    public int stopUpdates(TenantId tenant, java.util.UUID resident, java.util.Optional<Long> id) {
        return jdbc.sql("UPDATE report SET reporter_updates = false WHERE tenant_id = ? AND reporter_id = ?"
                        + (id.isPresent() ? " AND id = ?" : ""))
                .params(id.isPresent() ? List.of(tenant.value(), resident, id.get()) : List.of(tenant.value(), resident)).update();
    }

    public void followUpSent(TenantId tenant, long id, Instant at) {
        jdbc.sql("UPDATE report SET follow_up_sent_at = ?, follow_up_answered_at = NULL WHERE tenant_id = ? AND id = ?")
                .params(Timestamp.from(at), tenant.value(), id).update();
    }

    /** Whether the reporter was asked and has not answered yet. */
    public boolean followUpOpen(TenantId tenant, long id) {
        return jdbc.sql("SELECT follow_up_sent_at IS NOT NULL AND follow_up_answered_at IS NULL FROM report WHERE tenant_id = ? AND id = ?")
                .params(tenant.value(), id).query(Boolean.class).optional().orElse(false);
    }

    /** Records the reporter's answer; a reopening clears the question so that the next "fixed" asks again. */
    public void followUpAnswered(TenantId tenant, long id, Instant at, Optional<Integer> rating, boolean reopened) {
        jdbc.sql("UPDATE report SET rating = coalesce(?::smallint, rating), "
                        + (reopened ? "follow_up_sent_at = NULL, follow_up_answered_at = NULL" : "follow_up_answered_at = ?")
                        + " WHERE tenant_id = ? AND id = ?")
                .params(answerParameters(rating, reopened ? null : Timestamp.from(at), tenant, id))
                .update();
    }

    private static List<Object> answerParameters(Optional<Integer> rating, Timestamp answeredAt, TenantId tenant, long id) {
        List<Object> p = new ArrayList<>();
        p.add(rating.orElse(null));
        if (answeredAt != null) {
            p.add(answeredAt);
        }
        p.add(tenant.value());
        p.add(id);
        return p;
    }

    /**
     * Received, fixed, median time to fix and share fixed within target, per category in each ward and in all
     * wards (grouping sets, so that each median is exact), for reports filed since {@code from}.
     */
    public List<ReportStatistics> statistics(TenantId tenant, Instant from) {
        return jdbc.sql("""
                SELECT service_code, ward, GROUPING(ward), count(*),
                       count(*) FILTER (WHERE status = 'FIXED'),
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM closed_at - requested_at))
                           FILTER (WHERE status = 'FIXED'),
                       count(*) FILTER (WHERE status = 'FIXED' AND closed_at <= expected_at),
                       count(*) FILTER (WHERE status IN ('OPEN', 'ACKNOWLEDGED', 'IN_PROGRESS')),
                       avg(rating)
                FROM report WHERE tenant_id = ? AND requested_at >= ?
                GROUP BY GROUPING SETS ((service_code, ward), (service_code))
                ORDER BY service_code, GROUPING(ward) DESC, ward""")
                .params(tenant.value(), Timestamp.from(from))
                .query((rs, i) -> {
                    double median = rs.getDouble(6);
                    boolean anyFixed = !rs.wasNull();
                    double rating = rs.getDouble(9);
                    boolean rated = !rs.wasNull();
                    return new ReportStatistics(rs.getString(1), rs.getInt(3) == 1 ? Optional.empty() : Optional.of(rs.getString(2)),
                            rs.getLong(4), rs.getLong(5),
                            anyFixed ? Optional.of(java.time.Duration.ofSeconds((long) median)) : Optional.empty(),
                            rs.getLong(7), rs.getLong(8), rated ? Optional.of(rating) : Optional.empty());
                })
                .list();
    }

    /**
     * How many reports were filed in each month (in {@code zone}), category and ward ('' when none was known), for
     * the open-data catalogue, which publishes them only through disclosure control.
     */
    /** Every report of the tenant, by number, read 5 000 at a time. */
    public void each(TenantId tenant, java.util.function.Consumer<ServiceRequest> sink) {
        long after = 0;
        List<ServiceRequest> page;
        do {
            page = jdbc.sql("SELECT " + COLUMNS + " FROM report WHERE tenant_id = ? AND id > ? ORDER BY id LIMIT 5000")
                    .params(tenant.value(), after).query((rs, i) -> row(rs)).list();
            page.forEach(sink);
            after = page.isEmpty() ? after : page.getLast().id();
        } while (page.size() == 5000);
    }

    public void monthlyCounts(TenantId tenant, java.time.ZoneId zone, java.util.function.Consumer<java.util.List<Object>> sink) {
        jdbc.sql("""
                SELECT (date_trunc('month', requested_at AT TIME ZONE ?))::date, service_code, ward, count(*)
                FROM report WHERE tenant_id = ? GROUP BY 1, 2, 3 ORDER BY 1, 2, 3""")
                .params(zone.getId(), tenant.value())
                .query((rs, i) -> java.util.Arrays.<Object>asList(rs.getDate(1).toLocalDate(), rs.getString(2),
                        rs.getString(3).isEmpty() ? "unknown" : rs.getString(3), rs.getLong(4)))
                .list().forEach(sink);
    }

    /** Reports whose words or photos no moderator has looked at, oldest first, in these departments (empty: all). */
    public List<ServiceRequest> toModerate(TenantId tenant, Optional<java.util.Set<String>> departments, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM report WHERE tenant_id = ? AND moderation = 'UNREVIEWED'"
                        + " AND (description <> '' OR EXISTS (SELECT 1 FROM report_photo p WHERE p.tenant_id = report.tenant_id"
                        + " AND p.report_id = report.id))"
                        + (departments.isPresent() ? " AND department_code = ANY (?)" : "")
                        + " ORDER BY requested_at LIMIT ?")
                .params(departments.isPresent() ? List.of(tenant.value(), departments.get().toArray(String[]::new), limit)
                        : List.of(tenant.value(), limit))
                .query((rs, i) -> row(rs)).list();
    }

    public void moderate(TenantId tenant, long id, ServiceRequest.Moderation decision, String reason) {
        jdbc.sql("UPDATE report SET moderation = ?, moderation_reason = ? WHERE tenant_id = ? AND id = ?")
                .params(decision.name(), reason, tenant.value(), id).update();
    }

    /** Hides a photo of a report from the public (staff still see it); false if there is no such photo. */
    public boolean hidePhoto(TenantId tenant, long reportId, UUID photo, String reason) {
        return jdbc.sql("UPDATE report_photo SET hidden = true, hidden_reason = ? WHERE tenant_id = ? AND report_id = ? AND id = ?")
                .params(reason, tenant.value(), reportId, photo).update() > 0;
    }

    /** Reports whose entity has not caught up with them, oldest change first, locked for this node. */
    public List<ServiceRequest> unprojected(int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM report WHERE projected_at IS NULL OR projected_at < updated_at "
                        + "ORDER BY updated_at LIMIT ? FOR UPDATE SKIP LOCKED")
                .param(limit).query((rs, i) -> row(rs)).list();
    }

    /** Has the entities of a category's reports written again (their public place changed). */
    public void reproject(TenantId tenant, String serviceCode) {
        jdbc.sql("UPDATE report SET projected_at = NULL WHERE tenant_id = ? AND service_code = ?")
                .params(tenant.value(), serviceCode).update();
    }

    public void projected(TenantId tenant, long id, Instant updatedAt) {
        jdbc.sql("UPDATE report SET projected_at = ? WHERE tenant_id = ? AND id = ?")
                .params(Timestamp.from(updatedAt), tenant.value(), id).update();
    }

    private ServiceRequest row(ResultSet rs) throws SQLException {
        double lat = rs.getDouble(8);
        boolean placed = !rs.wasNull();
        double lon = rs.getDouble(9);
        long duplicateOf = rs.getLong(19);
        boolean duplicate = !rs.wasNull();
        Timestamp closed = rs.getTimestamp(25);
        return new ServiceRequest(TenantId.of(rs.getString(1)), rs.getLong(2), rs.getObject(3, UUID.class), rs.getString(4),
                ReportStatus.valueOf(rs.getString(5)), rs.getString(6), rs.getString(7),
                placed ? Optional.of(lat) : Optional.empty(), placed ? Optional.of(lon) : Optional.empty(),
                rs.getString(10), rs.getString(11), rs.getString(12), Optional.ofNullable(rs.getString(13)),
                Optional.ofNullable(rs.getString(14)),
                json.readValue(rs.getString(15), new TypeReference<Map<String, List<String>>>() { }), rs.getString(16),
                Optional.ofNullable(rs.getObject(17, UUID.class)), rs.getString(18),
                duplicate ? Optional.of(duplicateOf) : Optional.empty(), rs.getString(20), rs.getInt(21),
                rs.getTimestamp(22).toInstant(), rs.getTimestamp(23).toInstant(), rs.getTimestamp(24).toInstant(),
                Optional.ofNullable(closed).map(Timestamp::toInstant), ServiceRequest.Moderation.valueOf(rs.getString(26)));
    }
}
