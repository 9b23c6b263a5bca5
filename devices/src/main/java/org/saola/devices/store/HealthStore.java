package org.saola.devices.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.saola.devices.Device;
import org.saola.devices.health.Activity;
import org.saola.devices.health.ActivityTracker;
import org.saola.devices.health.DeviceHealth;
import org.saola.devices.health.HealthProblem;
import org.saola.devices.health.HealthRules;
import org.saola.devices.health.WorkItem;
import org.saola.platform.TenantId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Devices' activity, health, hourly reading counts and maintenance work items in PostgreSQL. */
@Repository
public class HealthStore {

    /** A device the watch assesses: its record, what it has been doing, and its last verdict. */
    public record Watched(Device device, Activity activity, HealthRules.Status status, Set<HealthProblem> problems,
            Optional<Instant> since) {
    }

    /** A new verdict on a device. */
    public record Verdict(TenantId tenant, String deviceId, HealthRules.Status status, Set<HealthProblem> problems,
            Instant since, Optional<Double> availability) {
    }

    private static final String DEVICE_COLUMNS = DeviceStore.columns("d");
    /** Where the health columns start, after the device's. */
    private static final int FIRST_HEALTH = DeviceStore.COLUMN_COUNT + 1;
    private static final String HEALTH_COLUMNS = "h.last_received_at, h.last_observed_at, h.clock_skew_ms, h.fingerprint, "
            + "h.repeats, h.battery, h.last_out_of_range_at, h.last_far_future_at, h.status, h.problems, h.since, "
            + "h.availability, h.checked_at";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    public HealthStore(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /**
     * Merges what nodes saw into the stored activity: the newest arrival wins for the time-bound facts (skew,
     * identical readings), the latest of each time is kept, hourly counts add up.
     */
    public void apply(List<ActivityTracker.Change> unordered) {
        if (unordered.isEmpty()) {
            return;
        }
        // Rows in one order everywhere (here and in saveVerdicts), so that concurrent writers never deadlock.
        List<ActivityTracker.Change> changes = unordered.stream().sorted(java.util.Comparator
                .comparing((ActivityTracker.Change c) -> c.device().tenant().value()).thenComparing(c -> c.device().deviceId()))
                .toList();
        batch.batchUpdate("""
                INSERT INTO device_health AS h (tenant_id, device_id, last_received_at, last_observed_at, clock_skew_ms,
                    fingerprint, repeats, battery, last_out_of_range_at, last_far_future_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, device_id) DO UPDATE SET
                    clock_skew_ms = CASE WHEN h.last_received_at IS NULL OR EXCLUDED.last_received_at >= h.last_received_at
                        THEN EXCLUDED.clock_skew_ms ELSE h.clock_skew_ms END,
                    fingerprint = CASE WHEN h.last_received_at IS NULL OR EXCLUDED.last_received_at >= h.last_received_at
                        THEN EXCLUDED.fingerprint ELSE h.fingerprint END,
                    repeats = CASE WHEN h.last_received_at IS NULL OR EXCLUDED.last_received_at >= h.last_received_at
                        THEN EXCLUDED.repeats ELSE h.repeats END,
                    last_received_at = GREATEST(h.last_received_at, EXCLUDED.last_received_at),
                    last_observed_at = GREATEST(h.last_observed_at, EXCLUDED.last_observed_at),
                    battery = CASE WHEN EXCLUDED.battery IS NOT NULL AND (h.last_received_at IS NULL
                        OR EXCLUDED.last_received_at >= h.last_received_at) THEN EXCLUDED.battery ELSE h.battery END,
                    last_out_of_range_at = GREATEST(h.last_out_of_range_at, EXCLUDED.last_out_of_range_at),
                    last_far_future_at = GREATEST(h.last_far_future_at, EXCLUDED.last_far_future_at)""",
                changes, 500, (ps, c) -> {
                    Activity a = c.activity();
                    ps.setString(1, c.device().tenant().value());
                    ps.setString(2, c.device().deviceId());
                    ps.setTimestamp(3, a.lastReceivedAt().map(Timestamp::from).orElse(null));
                    ps.setTimestamp(4, a.lastObservedAt().map(Timestamp::from).orElse(null));
                    ps.setLong(5, a.clockSkew().toMillis());
                    ps.setLong(6, a.fingerprint());
                    ps.setInt(7, a.repeats());
                    if (a.battery().isPresent()) {
                        ps.setDouble(8, a.battery().get());
                    } else {
                        ps.setNull(8, Types.DOUBLE);
                    }
                    ps.setTimestamp(9, a.lastOutOfRangeAt().map(Timestamp::from).orElse(null));
                    ps.setTimestamp(10, a.lastFarFutureAt().map(Timestamp::from).orElse(null));
                });
        List<Object[]> hours = new ArrayList<>();
        for (ActivityTracker.Change c : changes) {
            c.readingsByHour().forEach((hour, n) -> hours.add(new Object[] {c.device().tenant().value(),
                    c.device().deviceId(), Timestamp.from(hour), n}));
        }
        batch.batchUpdate("""
                INSERT INTO device_reading_hour AS r (tenant_id, device_id, hour, readings) VALUES (?, ?, ?, ?)
                ON CONFLICT (tenant_id, device_id, hour) DO UPDATE SET readings = r.readings + EXCLUDED.readings""", hours);
    }

    /** Takes the watch's lock for the current transaction; false if another node holds it. */
    public boolean lockForCheck() {
        return jdbc.sql("SELECT pg_try_advisory_xact_lock(hashtext('saola.devices.health'))").query(Boolean.class).single();
    }

    /** Every device of every tenant, with its activity and last verdict. */
    public List<Watched> watched() {
        return jdbc.sql("SELECT " + DEVICE_COLUMNS + ", " + HEALTH_COLUMNS
                        + " FROM device d LEFT JOIN device_health h ON h.tenant_id = d.tenant_id AND h.device_id = d.id")
                .query((rs, n) -> new Watched(DeviceStore.device(rs, n), activity(rs, FIRST_HEALTH),
                        status(rs.getString(FIRST_HEALTH + 8)), problems(rs.getString(FIRST_HEALTH + 9)),
                        instant(rs, FIRST_HEALTH + 10)))
                .list();
    }

    /** Readings received per device since {@code since}. */
    public Map<ActivityTracker.Key, Long> readingsSince(Instant since) {
        Map<ActivityTracker.Key, Long> out = new HashMap<>();
        jdbc.sql("SELECT tenant_id, device_id, sum(readings) FROM device_reading_hour WHERE hour >= ? GROUP BY 1, 2")
                .param(Timestamp.from(since))
                .query(rs -> {
                    out.put(new ActivityTracker.Key(TenantId.of(rs.getString(1)), rs.getString(2)), rs.getLong(3));
                });
        return out;
    }

    /** Readings one tenant's devices sent since {@code since} (hour buckets), summed. */
    public long readingsSince(TenantId tenant, Instant since) {
        return jdbc.sql("SELECT coalesce(sum(readings), 0) FROM device_reading_hour WHERE tenant_id = ? AND hour >= ?")
                .params(tenant.value(), Timestamp.from(since)).query(Long.class).single();
    }

    /** Stores the watch's verdicts; {@code since} is kept where the status and problems did not change. */
    public void saveVerdicts(List<Verdict> unordered, Instant checkedAt) {
        List<Verdict> verdicts = unordered.stream().sorted(java.util.Comparator.comparing((Verdict v) -> v.tenant().value())
                .thenComparing(Verdict::deviceId)).toList();
        batch.batchUpdate("""
                INSERT INTO device_health AS h (tenant_id, device_id, status, problems, since, availability, checked_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, device_id) DO UPDATE SET status = EXCLUDED.status, problems = EXCLUDED.problems,
                    since = CASE WHEN h.status = EXCLUDED.status AND h.problems = EXCLUDED.problems AND h.since IS NOT NULL
                        THEN h.since ELSE EXCLUDED.since END,
                    availability = EXCLUDED.availability, checked_at = EXCLUDED.checked_at""",
                verdicts, 500, (ps, v) -> {
                    ps.setString(1, v.tenant().value());
                    ps.setString(2, v.deviceId());
                    ps.setString(3, v.status().name());
                    ps.setString(4, problemsText(v.problems()));
                    ps.setTimestamp(5, Timestamp.from(v.since()));
                    if (v.availability().isPresent()) {
                        ps.setDouble(6, v.availability().get());
                    } else {
                        ps.setNull(6, Types.DOUBLE);
                    }
                    ps.setTimestamp(7, Timestamp.from(checkedAt));
                });
    }

    /** Hourly counts older than {@code before} go. */
    public void pruneHours(Instant before) {
        jdbc.sql("DELETE FROM device_reading_hour WHERE hour < ?").param(Timestamp.from(before)).update();
    }

    /**
     * Opens a work item for the device, or widens the problems of the one already open.
     *
     * @return the id of a newly opened item; empty if one was open already
     */
    public Optional<Long> openWorkItem(Device d, Set<HealthProblem> problems, Instant at) {
        List<Long> opened = jdbc.sql("""
                INSERT INTO device_work_item (tenant_id, device_id, owner_department, owner_organisation, problems, opened_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, device_id) WHERE closed_at IS NULL DO NOTHING RETURNING id""")
                .params(d.tenant().value(), d.id(), d.stewardship().department().orElse(null),
                        d.stewardship().organisation().orElse(null), problemsText(problems), Timestamp.from(at))
                .query(Long.class).list();
        if (opened.isEmpty()) {
            jdbc.sql("""
                    UPDATE device_work_item SET problems = (SELECT string_agg(DISTINCT p, ',' ORDER BY p)
                        FROM unnest(string_to_array(problems || ',' || ?, ',')) AS p)
                    WHERE tenant_id = ? AND device_id = ? AND closed_at IS NULL""")
                    .params(problemsText(problems), d.tenant().value(), d.id()).update();
            return Optional.empty();
        }
        return Optional.of(opened.get(0));
    }

    /** Closes the device's open work item, if any, recording the downtime. */
    public Optional<WorkItem> closeWorkItem(TenantId tenant, String deviceId, Instant at) {
        return jdbc.sql("""
                UPDATE device_work_item SET closed_at = ?,
                    downtime_seconds = GREATEST(0, floor(extract(epoch FROM (?::timestamptz - opened_at))))
                WHERE tenant_id = ? AND device_id = ? AND closed_at IS NULL
                RETURNING id, device_id, owner_department, owner_organisation, problems, opened_at, closed_at, downtime_seconds""")
                .params(Timestamp.from(at), Timestamp.from(at), tenant.value(), deviceId)
                .query(HealthStore::workItem).optional();
    }

    /** Work items of a tenant, newest first: only open ones, or all. */
    public List<WorkItem> workItems(TenantId tenant, boolean openOnly, int limit) {
        return jdbc.sql("""
                SELECT id, device_id, owner_department, owner_organisation, problems, opened_at, closed_at, downtime_seconds
                FROM device_work_item WHERE tenant_id = ? AND (closed_at IS NULL OR NOT ?) ORDER BY opened_at DESC, id DESC LIMIT ?""")
                .params(tenant.value(), openOnly, limit).query(HealthStore::workItem).list();
    }

    /** A device's work items, newest first. */
    public List<WorkItem> workItems(TenantId tenant, String deviceId, int limit) {
        return jdbc.sql("""
                SELECT id, device_id, owner_department, owner_organisation, problems, opened_at, closed_at, downtime_seconds
                FROM device_work_item WHERE tenant_id = ? AND device_id = ? ORDER BY opened_at DESC, id DESC LIMIT ?""")
                .params(tenant.value(), deviceId, limit).query(HealthStore::workItem).list();
    }

    /** The health of each of the tenant's devices that has been checked or has reported. */
    public Map<String, DeviceHealth> health(TenantId tenant) {
        Map<String, DeviceHealth> out = new HashMap<>();
        jdbc.sql("SELECT h.device_id, " + HEALTH_COLUMNS + " FROM device_health h WHERE h.tenant_id = ?")
                .param(tenant.value())
                .query(rs -> {
                    out.put(rs.getString(1), health(rs, 2));
                });
        return out;
    }

    public Optional<DeviceHealth> health(TenantId tenant, String deviceId) {
        return jdbc.sql("SELECT " + HEALTH_COLUMNS + " FROM device_health h WHERE h.tenant_id = ? AND h.device_id = ?")
                .params(tenant.value(), deviceId).query((rs, n) -> health(rs, 1)).optional();
    }

    private static DeviceHealth health(ResultSet rs, int first) throws SQLException {
        Activity a = activity(rs, first);
        double availability = rs.getDouble(first + 11);
        Optional<Double> av = rs.wasNull() ? Optional.empty() : Optional.of(availability);
        return new DeviceHealth(status(rs.getString(first + 8)), problems(rs.getString(first + 9)), instant(rs, first + 10),
                a.lastReceivedAt(), a.battery(), a.clockSkew(), av, instant(rs, first + 12));
    }

    /** Reads the eight activity columns starting at {@code first}; a device without a row has done nothing yet. */
    private static Activity activity(ResultSet rs, int first) throws SQLException {
        double battery = rs.getDouble(first + 5);
        Optional<Double> b = rs.wasNull() ? Optional.empty() : Optional.of(battery);
        return new Activity(instant(rs, first), instant(rs, first + 1), Duration.ofMillis(rs.getLong(first + 2)),
                rs.getLong(first + 3), rs.getInt(first + 4), b, instant(rs, first + 6), instant(rs, first + 7));
    }

    private static WorkItem workItem(ResultSet rs, int row) throws SQLException {
        long downtime = rs.getLong(8);
        Optional<Duration> d = rs.wasNull() ? Optional.empty() : Optional.of(Duration.ofSeconds(downtime));
        return new WorkItem(rs.getLong(1), rs.getString(2), Optional.ofNullable(rs.getString(3)),
                Optional.ofNullable(rs.getString(4)), problems(rs.getString(5)), rs.getTimestamp(6).toInstant(),
                instant(rs, 7), d);
    }

    private static HealthRules.Status status(String s) {
        return s == null ? HealthRules.Status.WAITING : HealthRules.Status.valueOf(s);
    }

    private static Optional<Instant> instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return Optional.ofNullable(t).map(Timestamp::toInstant);
    }

    static String problemsText(Set<HealthProblem> problems) {
        return problems.isEmpty() ? "" : EnumSet.copyOf(problems).stream().map(Enum::name).collect(Collectors.joining(","));
    }

    private static Set<HealthProblem> problems(String text) {
        if (text == null || text.isEmpty()) {
            return Set.of();
        }
        return Arrays.stream(text.split(",")).map(HealthProblem::valueOf).collect(Collectors.toUnmodifiableSet());
    }
}
