package org.saola.devices.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.saola.devices.domain.DeviceCommand;
import org.saola.platform.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Commands sent to devices, in PostgreSQL. */
@Repository
public class CommandStore {

    private static final String COLUMNS = "id, device_id, command, value, status, info, issued_by, issued_at, expires_at, "
            + "sent_at, answered_at";

    /** A command that changed state, with its tenant (for the entity's status). */
    public record Changed(TenantId tenant, DeviceCommand command) {
    }

    private final JdbcClient jdbc;

    public CommandStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(TenantId tenant, DeviceCommand c) {
        jdbc.sql("INSERT INTO device_command (tenant_id, " + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(tenant.value(), c.id(), c.deviceId(), c.command(), c.value().orElse(null), c.status().name(), c.info(),
                        c.issuedBy(), Timestamp.from(c.issuedAt()), Timestamp.from(c.expiresAt()), null, null)
                .update();
    }

    /** Marks a pending command sent; false if it is no longer pending (answered or expired already). */
    public boolean sent(TenantId tenant, UUID id, Instant at) {
        return jdbc.sql("UPDATE device_command SET status = 'SENT', sent_at = ? WHERE tenant_id = ? AND id = ? AND status = 'PENDING'")
                .params(Timestamp.from(at), tenant.value(), id).update() == 1;
    }

    /** Records the device's answer to a command still waiting for one; empty if none such (unknown, late, twice). */
    public Optional<DeviceCommand> answered(TenantId tenant, String deviceId, UUID id, DeviceCommand.Status status,
            String info, Instant at) {
        return jdbc.sql("UPDATE device_command SET status = ?, info = ?, answered_at = ? WHERE tenant_id = ? AND device_id = ?"
                        + " AND id = ? AND status IN ('PENDING', 'SENT') RETURNING " + COLUMNS)
                .params(status.name(), info, Timestamp.from(at), tenant.value(), deviceId, id)
                .query((rs, n) -> read(rs, 0)).optional();
    }

    /** The device's commands not yet sent, oldest first. */
    public List<DeviceCommand> pending(TenantId tenant, String deviceId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM device_command WHERE tenant_id = ? AND device_id = ? AND status = 'PENDING'"
                        + " ORDER BY issued_at LIMIT 20")
                .params(tenant.value(), deviceId).query((rs, n) -> read(rs, 0)).list();
    }

    /** The device's oldest command of that name still waiting for an answer. */
    public Optional<UUID> waitingByName(TenantId tenant, String deviceId, String command) {
        return jdbc.sql("SELECT id FROM device_command WHERE tenant_id = ? AND device_id = ? AND command = ?"
                        + " AND status IN ('PENDING', 'SENT') ORDER BY issued_at LIMIT 1")
                .params(tenant.value(), deviceId, command).query(UUID.class).optional();
    }

    /** Expires every command still waiting past its time, once each (one statement, whichever node runs it). */
    public List<Changed> expire(Instant now) {
        return jdbc.sql("UPDATE device_command SET status = 'EXPIRED', info = 'no answer in time' WHERE status IN"
                        + " ('PENDING', 'SENT') AND expires_at <= ? RETURNING tenant_id, " + COLUMNS)
                .param(Timestamp.from(now))
                .query((rs, n) -> new Changed(TenantId.of(rs.getString(1)), read(rs, 1))).list();
    }

    public List<DeviceCommand> ofDevice(TenantId tenant, String deviceId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM device_command WHERE tenant_id = ? AND device_id = ?"
                        + " ORDER BY issued_at DESC LIMIT ?")
                .params(tenant.value(), deviceId, limit).query((rs, n) -> read(rs, 0)).list();
    }

    public Optional<DeviceCommand> find(TenantId tenant, String deviceId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM device_command WHERE tenant_id = ? AND device_id = ? AND id = ?")
                .params(tenant.value(), deviceId, id).query((rs, n) -> read(rs, 0)).optional();
    }

    /** Reads the command's columns after the first {@code skip} ones. */
    private static DeviceCommand read(ResultSet rs, int skip) throws SQLException {
        double v = rs.getDouble(skip + 4);
        Optional<Double> value = rs.wasNull() ? Optional.empty() : Optional.of(v);
        return new DeviceCommand(rs.getObject(skip + 1, UUID.class), rs.getString(skip + 2), rs.getString(skip + 3), value,
                DeviceCommand.Status.valueOf(rs.getString(skip + 5)), rs.getString(skip + 6), rs.getString(skip + 7),
                rs.getTimestamp(skip + 8).toInstant(), rs.getTimestamp(skip + 9).toInstant(),
                Optional.ofNullable(rs.getTimestamp(skip + 10)).map(Timestamp::toInstant),
                Optional.ofNullable(rs.getTimestamp(skip + 11)).map(Timestamp::toInstant));
    }
}
