package org.saola.devices.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.saola.devices.Device;
import org.saola.devices.Stewardship;
import org.saola.devices.DeviceRejection;
import org.saola.devices.domain.RejectionReason;
import org.saola.platform.TenantId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Devices and their rejected messages in PostgreSQL. */
@Repository
public class DeviceStore {

    private static final String COLUMNS = "tenant_id, id, name, kind, entity_id, latitude, longitude, created_at, "
            + StewardshipColumns.NAMES + ", gateway_id";
    /** How many columns {@link #device} reads. */
    static final int COLUMN_COUNT = COLUMNS.split(",").length;

    /** The columns {@link #device} reads, each prefixed with {@code alias.}. */
    static String columns(String alias) {
        return java.util.Arrays.stream(COLUMNS.split(", ")).map(c -> alias + "." + c)
                .collect(java.util.stream.Collectors.joining(", "));
    }
    private final JdbcClient jdbc;

    public DeviceStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false if a device with that id exists already in the tenant */
    public boolean insert(Device d, String secretHash) {
        try {
            List<Object> values = new java.util.ArrayList<>(List.of(d.tenant().value(), d.id(), d.name(), d.profile(),
                    d.entityId(), d.latitude(), d.longitude(), Timestamp.from(d.createdAt())));
            values.addAll(StewardshipColumns.values(d.stewardship()));
            values.add(d.gateway().orElse(null));
            values.add(secretHash);
            jdbc.sql("INSERT INTO device (" + COLUMNS + ", secret_hash) VALUES (" + "?, ".repeat(COLUMN_COUNT) + "?)")
                    .params(values)
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    public boolean updateSecret(TenantId tenant, String id, String secretHash) {
        return jdbc.sql("UPDATE device SET secret_hash = ? WHERE tenant_id = ? AND id = ?")
                .params(secretHash, tenant.value(), id).update() == 1;
    }

    /**
     * Replaces a device's stored secret hash by another form of the same secret, unless it changed meanwhile;
     * whether it did.
     */
    public boolean replaceSecretHash(TenantId tenant, String id, String was, String secretHash) {
        return jdbc.sql("UPDATE device SET secret_hash = ? WHERE tenant_id = ? AND id = ? AND secret_hash = ?")
                .params(secretHash, tenant.value(), id, was).update() == 1;
    }

    public Optional<String> secretHash(TenantId tenant, String id) {
        return jdbc.sql("SELECT secret_hash FROM device WHERE tenant_id = ? AND id = ?")
                .params(tenant.value(), id).query(String.class).optional();
    }

    public Optional<Device> find(TenantId tenant, String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM device WHERE tenant_id = ? AND id = ?")
                .params(tenant.value(), id).query(DeviceStore::device).optional();
    }

    /** The tenant's devices of these ids, by id (those that exist). */
    public java.util.Map<String, Device> findAll(TenantId tenant, java.util.Collection<String> ids) {
        if (ids.isEmpty()) {
            return java.util.Map.of();
        }
        java.util.Map<String, Device> out = new java.util.HashMap<>();
        jdbc.sql("SELECT " + COLUMNS + " FROM device WHERE tenant_id = ? AND id = ANY (?)")
                .params(tenant.value(), ids.toArray(String[]::new))
                .query(DeviceStore::device).list().forEach(d -> out.put(d.id(), d));
        return out;
    }

    public List<Device> list(TenantId tenant) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM device WHERE tenant_id = ? ORDER BY id")
                .param(tenant.value()).query(DeviceStore::device).list();
    }

    /** How many examples of refused messages are kept per device: the newest. */
    public static final int KEPT_EXAMPLES = 100;

    /** Counts {@code n} refusals for one reason against the device, always. */
    public void countRejections(TenantId tenant, String deviceId, Instant at, RejectionReason reason, long n) {
        jdbc.sql("""
                INSERT INTO device_rejection_count (tenant_id, device_id, reason, count, first_at, last_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, device_id, reason)
                DO UPDATE SET count = device_rejection_count.count + EXCLUDED.count, last_at = EXCLUDED.last_at""")
                .params(tenant.value(), deviceId, reason.name(), n, Timestamp.from(at), Timestamp.from(at)).update();
    }

    /** Keeps a refused message as an example, and lets the device's older examples beyond the newest 100 go. */
    public void recordRejection(TenantId tenant, String deviceId, Instant at, RejectionReason reason, String detail,
            String payloadExcerpt) {
        jdbc.sql("""
                INSERT INTO device_rejection (tenant_id, device_id, received_at, reason, detail, payload_excerpt)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(tenant.value(), deviceId, Timestamp.from(at), reason.name(), detail, payloadExcerpt)
                .update();
        jdbc.sql("""
                DELETE FROM device_rejection WHERE tenant_id = ? AND device_id = ? AND id <= (
                    SELECT id FROM device_rejection WHERE tenant_id = ? AND device_id = ?
                    ORDER BY id DESC OFFSET ? LIMIT 1)""")
                .params(tenant.value(), deviceId, tenant.value(), deviceId, KEPT_EXAMPLES).update();
    }

    /** Refusals of a device by reason, with how many and when the first and last were. */
    public List<org.saola.devices.DeviceRejectionCount> rejectionCounts(TenantId tenant, String deviceId) {
        return jdbc.sql("""
                SELECT reason, count, first_at, last_at FROM device_rejection_count
                WHERE tenant_id = ? AND device_id = ? ORDER BY count DESC, reason""")
                .params(tenant.value(), deviceId)
                .query((rs, n) -> new org.saola.devices.DeviceRejectionCount(RejectionReason.valueOf(rs.getString(1)),
                        rs.getLong(2), rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant()))
                .list();
    }

    public List<DeviceRejection> rejections(TenantId tenant, String deviceId, int limit) {
        return jdbc.sql("""
                SELECT received_at, reason, detail, payload_excerpt FROM device_rejection
                WHERE tenant_id = ? AND device_id = ? ORDER BY received_at DESC, id DESC LIMIT ?""")
                .params(tenant.value(), deviceId, limit)
                .query((rs, n) -> new DeviceRejection(rs.getTimestamp(1).toInstant(),
                        RejectionReason.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4)))
                .list();
    }

    /** Sets or clears the device's gateway; false if there is no such device. */
    public boolean updateGateway(TenantId tenant, String id, java.util.Optional<String> gateway) {
        return jdbc.sql("UPDATE device SET gateway_id = ? WHERE tenant_id = ? AND id = ?")
                .params(gateway.orElse(null), tenant.value(), id).update() == 1;
    }

    /** Replaces what the register says about a device; false if there is no such device. */
    public boolean updateStewardship(TenantId tenant, String id, Stewardship s) {
        return jdbc.sql("""
                UPDATE device SET owner_department = ?, owner_organisation = ?, purpose = ?, personal_data = ?,
                    legal_basis = ?, retention = ?, installed_on = ?, status = ?
                WHERE tenant_id = ? AND id = ?""")
                .params(java.util.stream.Stream.concat(StewardshipColumns.values(s).stream(),
                        java.util.stream.Stream.of(tenant.value(), id)).toList())
                .update() == 1;
    }

    static Device device(ResultSet rs, int row) throws SQLException {
        Stewardship s = StewardshipColumns.read(rs, 9);
        return new Device(TenantId.of(rs.getString(1)), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getDouble(6), rs.getDouble(7), rs.getTimestamp(8).toInstant(), s,
                java.util.Optional.ofNullable(rs.getString(17)));
    }
}
