package org.saola.devices.store;

import java.util.Optional;
import org.saola.platform.TenantId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Devices' LoRaWAN identities and the last frame counter accepted from each, in PostgreSQL. */
@Repository
public class LorawanStore {

    /** A device's LoRaWAN identity. */
    public record Binding(String deviceId, String devEui, Optional<Long> lastFrameCounter) {
    }

    /** The result of a frame check: whether the counter was accepted, and the counter it replaced. */
    public record FrameCheck(boolean accepted, String deviceId, Optional<Long> previous) {
    }

    private final JdbcClient jdbc;

    public LorawanStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Gives the device this DevEUI, with no frame counter yet (a new session).
     *
     * @return false if another device of the tenant has it
     */
    public boolean bind(TenantId tenant, String deviceId, String devEui) {
        try {
            jdbc.sql("""
                    INSERT INTO device_lorawan (tenant_id, device_id, dev_eui) VALUES (?, ?, ?)
                    ON CONFLICT (tenant_id, device_id) DO UPDATE SET dev_eui = EXCLUDED.dev_eui, last_f_cnt = NULL""")
                    .params(tenant.value(), deviceId, devEui).update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    public boolean unbind(TenantId tenant, String deviceId) {
        return jdbc.sql("DELETE FROM device_lorawan WHERE tenant_id = ? AND device_id = ?")
                .params(tenant.value(), deviceId).update() == 1;
    }

    public Optional<Binding> ofDevice(TenantId tenant, String deviceId) {
        return jdbc.sql("SELECT device_id, dev_eui, last_f_cnt FROM device_lorawan WHERE tenant_id = ? AND device_id = ?")
                .params(tenant.value(), deviceId).query((rs, n) -> {
                    long f = rs.getLong(3);
                    return new Binding(rs.getString(1), rs.getString(2), rs.wasNull() ? Optional.empty() : Optional.of(f));
                }).optional();
    }

    public Optional<String> deviceOf(TenantId tenant, String devEui) {
        return jdbc.sql("SELECT device_id FROM device_lorawan WHERE tenant_id = ? AND dev_eui = ?")
                .params(tenant.value(), devEui).query(String.class).optional();
    }

    /**
     * Takes {@code fCnt} as the device's last frame counter if it is above the one stored, in one statement, so
     * two deliveries of one uplink racing each other are accepted once.
     *
     * @return empty if no device has this DevEUI
     */
    public Optional<FrameCheck> acceptFrame(TenantId tenant, String devEui, long fCnt) {
        Optional<Object[]> row = jdbc.sql("""
                WITH old AS (SELECT device_id, last_f_cnt FROM device_lorawan WHERE tenant_id = ? AND dev_eui = ? FOR UPDATE)
                UPDATE device_lorawan d SET last_f_cnt = CASE WHEN old.last_f_cnt IS NULL OR old.last_f_cnt < ?
                        THEN ? ELSE old.last_f_cnt END
                FROM old WHERE d.tenant_id = ? AND d.dev_eui = ?
                RETURNING d.device_id, old.last_f_cnt, (old.last_f_cnt IS NULL OR old.last_f_cnt < ?)""")
                .params(tenant.value(), devEui, fCnt, fCnt, tenant.value(), devEui, fCnt)
                .query((rs, n) -> {
                    long f = rs.getLong(2);
                    Long previous = rs.wasNull() ? null : f;
                    return new Object[] {rs.getString(1), previous, rs.getBoolean(3)};
                }).optional();
        return row.map(r -> new FrameCheck((Boolean) r[2], (String) r[0], Optional.ofNullable((Long) r[1])));
    }

    /** Puts the counter back to {@code previous} after the frame's readings could not be stored, if still ours. */
    public void restoreFrame(TenantId tenant, String devEui, long ours, Optional<Long> previous) {
        jdbc.sql("UPDATE device_lorawan SET last_f_cnt = ? WHERE tenant_id = ? AND dev_eui = ? AND last_f_cnt = ?")
                .params(previous.orElse(null), tenant.value(), devEui, ours).update();
    }

    /** Forgets the frame counter: the device joined again and counts from 0. */
    public boolean resetFrames(TenantId tenant, String devEui) {
        return jdbc.sql("UPDATE device_lorawan SET last_f_cnt = NULL WHERE tenant_id = ? AND dev_eui = ?")
                .params(tenant.value(), devEui).update() == 1;
    }
}
