package org.saola.devices.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.Period;
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

    private static final String COLUMNS = "id, name, kind, measures, latitude, longitude, owner_department, "
            + "owner_organisation, purpose, personal_data, legal_basis, retention, installed_on, status";
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
                .params(s.name(), s.kind().code(), s.measures(), s.latitude(), s.longitude(),
                        s.stewardship().department().orElse(null), s.stewardship().organisation().orElse(null),
                        s.stewardship().purpose(), s.stewardship().personalData(), s.stewardship().legalBasis(),
                        s.stewardship().retention().toString(),
                        s.stewardship().installedOn().map(java.sql.Date::valueOf).orElse(null),
                        s.stewardship().status().name(), tenant.value(), s.id())
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

    private static Object[] params(TenantId tenant, Timestamp at, ListedSensor s) {
        Stewardship w = s.stewardship();
        return new Object[] {tenant.value(), at, s.id(), s.name(), s.kind().code(), s.measures(), s.latitude(),
                s.longitude(), w.department().orElse(null), w.organisation().orElse(null), w.purpose(), w.personalData(),
                w.legalBasis(), w.retention().toString(), w.installedOn().map(java.sql.Date::valueOf).orElse(null),
                w.status().name()};
    }

    private static ListedSensor sensor(ResultSet rs, int row) throws SQLException {
        java.sql.Date installed = rs.getDate(13);
        Stewardship w = new Stewardship(Optional.ofNullable(rs.getString(7)), Optional.ofNullable(rs.getString(8)),
                rs.getString(9), rs.getString(10), rs.getString(11), Period.parse(rs.getString(12)),
                Optional.ofNullable(installed).map(java.sql.Date::toLocalDate), Stewardship.Status.valueOf(rs.getString(14)));
        return new ListedSensor(rs.getString(1), rs.getString(2), ListedSensor.Kind.of(rs.getString(3)), rs.getString(4),
                rs.getDouble(5), rs.getDouble(6), w);
    }
}
