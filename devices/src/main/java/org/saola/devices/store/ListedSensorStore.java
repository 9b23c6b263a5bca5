package org.saola.devices.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.saola.devices.Stewardship;
import org.saola.devices.register.ListedSensor;
import org.saola.platform.TenantId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Sensors that send nothing to Saola, listed for the public register. */
@Repository
public class ListedSensorStore {

    private static final String COLUMNS = "id, name, kind, measures, latitude, longitude, " + StewardshipColumns.NAMES;
    private final JdbcClient jdbc;

    public ListedSensorStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false if the tenant lists a sensor with that id already */
    public boolean insert(TenantId tenant, ListedSensor s, Instant at) {
        try {
            jdbc.sql("INSERT INTO listed_sensor (tenant_id, created_at, " + COLUMNS
                            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(params(tenant, Timestamp.from(at), s)).update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    public boolean update(TenantId tenant, ListedSensor s) {
        return jdbc.sql("""
                UPDATE listed_sensor SET name = ?, kind = ?, measures = ?, latitude = ?, longitude = ?,
                    owner_department = ?, owner_organisation = ?, purpose = ?, personal_data = ?, legal_basis = ?,
                    retention = ?, installed_on = ?, status = ?
                WHERE tenant_id = ? AND id = ?""")
                .params(java.util.stream.Stream.of(
                        List.<Object>of(s.name(), s.kind().code(), s.measures(), s.latitude(), s.longitude()),
                        StewardshipColumns.values(s.stewardship()), List.<Object>of(tenant.value(), s.id()))
                        .flatMap(List::stream).toList())
                .update() == 1;
    }

    public boolean delete(TenantId tenant, String id) {
        return jdbc.sql("DELETE FROM listed_sensor WHERE tenant_id = ? AND id = ?").params(tenant.value(), id).update() == 1;
    }

    public Optional<ListedSensor> find(TenantId tenant, String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM listed_sensor WHERE tenant_id = ? AND id = ?")
                .params(tenant.value(), id).query(ListedSensorStore::sensor).optional();
    }

    public List<ListedSensor> list(TenantId tenant) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM listed_sensor WHERE tenant_id = ? ORDER BY id")
                .param(tenant.value()).query(ListedSensorStore::sensor).list();
    }

    private static List<Object> params(TenantId tenant, Timestamp at, ListedSensor s) {
        List<Object> values = new java.util.ArrayList<>(List.of(tenant.value(), at, s.id(), s.name(), s.kind().code(),
                s.measures(), s.latitude(), s.longitude()));
        values.addAll(StewardshipColumns.values(s.stewardship()));
        return values;
    }

    private static ListedSensor sensor(ResultSet rs, int row) throws SQLException {
        Stewardship w = StewardshipColumns.read(rs, 7);
        return new ListedSensor(rs.getString(1), rs.getString(2), ListedSensor.Kind.of(rs.getString(3)), rs.getString(4),
                rs.getDouble(5), rs.getDouble(6), w);
    }
}
