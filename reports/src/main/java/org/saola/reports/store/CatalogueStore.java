package org.saola.reports.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.saola.platform.TenantId;
import org.saola.reports.domain.Privacy;
import org.saola.reports.domain.ServiceAttribute;
import org.saola.reports.domain.ServiceDefinition;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The service catalogue of each tenant. */
@Repository
public class CatalogueStore {

    private static final String COLUMNS = """
            code, name_vi, name_en, description_vi, description_en, group_name, keywords, department_code,
            ward_departments::text, target_hours, privacy, nearby_meters, attributes::text, active""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public CatalogueStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public List<ServiceDefinition> list(TenantId tenant, boolean activeOnly) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM report_service WHERE tenant_id = ?"
                        + (activeOnly ? " AND active" : "") + " ORDER BY group_name, code")
                .param(tenant.value()).query((rs, i) -> row(rs)).list();
    }

    public Optional<ServiceDefinition> find(TenantId tenant, String code) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM report_service WHERE tenant_id = ? AND code = ?")
                .params(tenant.value(), code).query((rs, i) -> row(rs)).optional();
    }

    /** Creates or replaces a category; true when it is new. */
    public boolean put(TenantId tenant, ServiceDefinition s, Instant now) {
        boolean exists = find(tenant, s.code()).isPresent();
        jdbc.sql("""
                INSERT INTO report_service (tenant_id, code, name_vi, name_en, description_vi, description_en, group_name,
                    keywords, department_code, ward_departments, target_hours, privacy, nearby_meters, attributes, active, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?::jsonb, ?, ?)
                ON CONFLICT (tenant_id, code) DO UPDATE SET name_vi = EXCLUDED.name_vi, name_en = EXCLUDED.name_en,
                    description_vi = EXCLUDED.description_vi, description_en = EXCLUDED.description_en,
                    group_name = EXCLUDED.group_name, keywords = EXCLUDED.keywords,
                    department_code = EXCLUDED.department_code, ward_departments = EXCLUDED.ward_departments,
                    target_hours = EXCLUDED.target_hours, privacy = EXCLUDED.privacy,
                    nearby_meters = EXCLUDED.nearby_meters, attributes = EXCLUDED.attributes,
                    active = EXCLUDED.active, updated_at = EXCLUDED.updated_at""")
                .params(tenant.value(), s.code(), s.nameVi(), s.nameEn(), s.descriptionVi(), s.descriptionEn(),
                        s.group(), s.keywords().toArray(String[]::new), s.department().orElse(null),
                        json.writeValueAsString(s.wardDepartments()), (int) s.target().toHours(), s.privacy().name(),
                        s.nearbyMeters(), json.writeValueAsString(s.attributes()), s.active(), Timestamp.from(now))
                .update();
        return !exists;
    }

    /** Whether any report was filed in this category (it can then only be withdrawn, not deleted). */
    public boolean used(TenantId tenant, String code) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM report WHERE tenant_id = ? AND service_code = ?)")
                .params(tenant.value(), code).query(Boolean.class).single();
    }

    public boolean delete(TenantId tenant, String code) {
        return jdbc.sql("DELETE FROM report_service WHERE tenant_id = ? AND code = ?").params(tenant.value(), code)
                .update() > 0;
    }

    private ServiceDefinition row(ResultSet rs) throws SQLException {
        return new ServiceDefinition(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), Arrays.asList((String[]) rs.getArray(7).getArray()), Optional.ofNullable(rs.getString(8)),
                json.readValue(rs.getString(9), new TypeReference<Map<String, String>>() { }),
                Duration.ofHours(rs.getInt(10)), Privacy.valueOf(rs.getString(11)), rs.getInt(12),
                json.readValue(rs.getString(13), new TypeReference<List<ServiceAttribute>>() { }), rs.getBoolean(14));
    }
}
