package org.saola.platform.security;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.saola.platform.ConflictException;
import org.saola.platform.InvalidInputException;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.audit.AuditLog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The departments of each tenant. */
@Repository
public class Departments {

    private static final String COLUMNS = "code, name_vi, name_en, contact_email, contact_phone, wards, service_categories";
    private final JdbcClient jdbc;

    private final AuditLog audit;

    public Departments(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    public List<Department> list(TenantId tenant) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM department WHERE tenant_id = ? ORDER BY code")
                .param(tenant.value()).query((rs, n) -> row(rs)).list();
    }

    public Optional<Department> find(TenantId tenant, String code) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM department WHERE tenant_id = ? AND code = ?")
                .params(tenant.value(), code).query((rs, n) -> row(rs)).optional();
    }

    @Transactional
    public void create(TenantId tenant, Department d) {
        if (find(tenant, d.code()).isPresent()) {
            throw new ConflictException("a department '" + d.code() + "' exists already");
        }
        jdbc.sql("INSERT INTO department (tenant_id, " + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?::text[], ?::text[])")
                .params(tenant.value(), d.code(), d.nameVi(), d.nameEn(), d.contactEmail().orElse(null),
                        d.contactPhone().orElse(null), array(d.wards()), array(d.serviceCategories()))
                .update();
        audit.record(tenant, "DEPARTMENT_CREATED", d.code(), "", Map.of("nameEn", d.nameEn()));
    }

    @Transactional
    public void update(TenantId tenant, Department d) {
        int n = jdbc.sql("""
                UPDATE department SET name_vi = ?, name_en = ?, contact_email = ?, contact_phone = ?,
                       wards = ?::text[], service_categories = ?::text[]
                WHERE tenant_id = ? AND code = ?""")
                .params(d.nameVi(), d.nameEn(), d.contactEmail().orElse(null), d.contactPhone().orElse(null),
                        array(d.wards()), array(d.serviceCategories()), tenant.value(), d.code())
                .update();
        if (n == 0) {
            throw new NotFoundException("no department '" + d.code() + "' in this tenant");
        }
        audit.record(tenant, "DEPARTMENT_CHANGED", d.code(), "", Map.of("nameEn", d.nameEn(),
                "wards", String.join(",", d.wards()), "serviceCategories", String.join(",", d.serviceCategories())));
    }

    @Transactional
    public void delete(TenantId tenant, String code) {
        find(tenant, code).orElseThrow(() -> new NotFoundException("no department '" + code + "' in this tenant"));
        long members = jdbc.sql("SELECT count(*) FROM staff_department WHERE tenant_id = ? AND department_code = ?")
                .params(tenant.value(), code).query(Long.class).single();
        long keys = jdbc.sql("SELECT count(*) FROM api_key WHERE tenant_id = ? AND department_code = ? AND revoked_at IS NULL")
                .params(tenant.value(), code).query(Long.class).single();
        if (members + keys > 0) {
            throw new ConflictException("department '" + code + "' still has " + members + " staff and " + keys
                    + " API keys; move them first");
        }
        jdbc.sql("UPDATE api_key SET department_code = NULL WHERE tenant_id = ? AND department_code = ?")
                .params(tenant.value(), code).update();
        jdbc.sql("DELETE FROM department WHERE tenant_id = ? AND code = ?").params(tenant.value(), code).update();
        audit.record(tenant, "DEPARTMENT_DELETED", code, "", Map.of());
    }

    /** Checks that each code names a department of the tenant; {@code field} is what the client sent them as. */
    public Set<String> existing(TenantId tenant, String field, Collection<String> codes) {
        Set<String> wanted = new TreeSet<>(codes);
        if (wanted.isEmpty()) {
            return Set.of();
        }
        List<String> found = jdbc.sql("SELECT code FROM department WHERE tenant_id = ? AND code = ANY(?::text[])")
                .params(tenant.value(), array(List.copyOf(wanted))).query(String.class).list();
        wanted.removeAll(found);
        if (!wanted.isEmpty()) {
            throw new InvalidInputException(field, "no department " + wanted + " in this tenant");
        }
        return Set.copyOf(found);
    }

    /** A text[] literal; each element quoted, so commas, braces and quotes in values stay values. */
    static String array(List<String> values) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append('"').append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return b.append('}').toString();
    }

    static List<String> list(Array a) throws SQLException {
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }

    private static Department row(ResultSet rs) throws SQLException {
        return new Department(rs.getString(1), rs.getString(2), rs.getString(3), Optional.ofNullable(rs.getString(4)),
                Optional.ofNullable(rs.getString(5)), list(rs.getArray(6)), list(rs.getArray(7)));
    }
}
