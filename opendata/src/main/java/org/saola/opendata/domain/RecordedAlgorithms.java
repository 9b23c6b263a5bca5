package org.saola.opendata.domain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.saola.platform.InvalidInputException;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.audit.AuditLog;
import org.saola.platform.publish.Algorithm;
import org.saola.platform.security.Departments;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Entries of the algorithm register for algorithms the city uses outside Saola (a contractor's route optimiser, a
 * traffic-signal controller, a scoring model of another system), recorded by the staff who manage the register with
 * the same facts Saola's own publish and who built or runs them (V2026_12_06_81). {@link AlgorithmRegister} keeps
 * their ids apart from the platform's.
 */
public class RecordedAlgorithms {

    private static final String COLUMNS = "id, name_vi, name_en, automation, department, provider, purpose_vi, purpose_en, data_vi, data_en,"
            + " how_vi, how_en, oversight_vi, oversight_en, risks_vi, risks_en, appears_on";

    private final JdbcClient jdbc;
    private final Departments departments;
    private final AuditLog audit;
    private final InstantSource clock;

    public RecordedAlgorithms(JdbcClient jdbc, Departments departments, AuditLog audit, InstantSource clock) {
        this.jdbc = jdbc;
        this.departments = departments;
        this.audit = audit;
        this.clock = clock;
    }

    public List<Algorithm> list(TenantId tenant) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM opendata_algorithm WHERE tenant_id = ? ORDER BY name_en")
                .param(tenant.value()).query((rs, i) -> algorithm(rs)).list();
    }

    public Optional<Algorithm> find(TenantId tenant, String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM opendata_algorithm WHERE tenant_id = ? AND id = ?")
                .params(tenant.value(), id).query((rs, i) -> algorithm(rs)).optional();
    }

    /** Checks an entry's every fact; the id's uniqueness across the register is {@link AlgorithmRegister}'s. */
    Algorithm checked(TenantId tenant, Algorithm a) {
        text("nameVi", a.nameVi(), 200);
        text("nameEn", a.nameEn(), 200);
        text("provider", a.provider().orElse(null), 300);
        for (Map.Entry<String, String> f : Map.of("purposeVi", a.purposeVi(), "purposeEn", a.purposeEn(), "dataVi", a.dataVi(),
                "dataEn", a.dataEn(), "howVi", a.howVi(), "howEn", a.howEn(), "oversightVi", a.oversightVi(), "oversightEn", a.oversightEn(),
                "risksVi", a.risksVi(), "risksEn", a.risksEn()).entrySet()) {
            text(f.getKey(), f.getValue(), 4000);
        }
        if (a.automation() == null) {
            throw new InvalidInputException("automation", "automation is INFORMS, DECIDES_WITH_REVIEW or APPLIES_PUBLISHED_RULE");
        }
        a.department().ifPresent(d -> departments.find(tenant, d)
                .orElseThrow(() -> new InvalidInputException("department", "no department '" + d + "'")));
        if (a.appearsOn().size() > 20) {
            throw new InvalidInputException("appearsOn", "at most 20 places where its results appear");
        }
        for (String p : a.appearsOn()) {
            if (p == null || p.length() > 500 || !(p.matches("/([^/\\\\\\s<>\"][^\\s<>\"]*)?") || p.matches("https?://[^\\s<>\"]+"))) {
                throw new InvalidInputException("appearsOn", "a place where its results appear is a path of this site (/city/…) or an"
                        + " http(s) address; got '" + p + "'");
            }
        }
        return a;
    }

    /** Records a new entry or replaces the one of that id; true if it was new. */
    boolean put(TenantId tenant, Algorithm a, String by) {
        checked(tenant, a);
        int inserted = jdbc.sql("""
                INSERT INTO opendata_algorithm (tenant_id, %s, recorded_by, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, id) DO UPDATE SET name_vi = excluded.name_vi, name_en = excluded.name_en,
                    automation = excluded.automation, department = excluded.department, provider = excluded.provider,
                    purpose_vi = excluded.purpose_vi, purpose_en = excluded.purpose_en, data_vi = excluded.data_vi, data_en = excluded.data_en,
                    how_vi = excluded.how_vi, how_en = excluded.how_en, oversight_vi = excluded.oversight_vi,
                    oversight_en = excluded.oversight_en, risks_vi = excluded.risks_vi, risks_en = excluded.risks_en,
                    appears_on = excluded.appears_on, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at
                RETURNING (xmax = 0)""".formatted(COLUMNS))
                .params(tenant.value(), a.id(), a.nameVi().strip(), a.nameEn().strip(), a.automation().name(), a.department().orElse(null),
                        a.provider().orElseThrow().strip(), a.purposeVi().strip(), a.purposeEn().strip(), a.dataVi().strip(), a.dataEn().strip(),
                        a.howVi().strip(), a.howEn().strip(), a.oversightVi().strip(), a.oversightEn().strip(), a.risksVi().strip(),
                        a.risksEn().strip(), a.appearsOn().toArray(String[]::new), by, Timestamp.from(clock.instant()))
                .query(Boolean.class).single() ? 1 : 0;
        audit.record(tenant, by, inserted == 1 ? "ALGORITHM_RECORDED" : "ALGORITHM_CHANGED", "algorithm:" + a.id(), "",
                Map.of("provider", a.provider().orElseThrow()));
        return inserted == 1;
    }

    void remove(TenantId tenant, String id, String by) {
        if (jdbc.sql("DELETE FROM opendata_algorithm WHERE tenant_id = ? AND id = ?").params(tenant.value(), id).update() == 0) {
            throw new NotFoundException("no algorithm '" + id + "' recorded by staff (the platform's own stay while it runs them)");
        }
        audit.record(tenant, by, "ALGORITHM_REMOVED", "algorithm:" + id, "", Map.of());
    }

    private static void text(String field, String value, int max) {
        if (value == null || value.isBlank() || value.strip().length() > max) {
            throw new InvalidInputException(field, field + " is 1-" + max + " characters");
        }
    }

    private static Algorithm algorithm(ResultSet rs) throws SQLException {
        return new Algorithm(rs.getString("id"), rs.getString("name_vi"), rs.getString("name_en"),
                Algorithm.Automation.valueOf(rs.getString("automation")), Optional.ofNullable(rs.getString("department")),
                rs.getString("purpose_vi"), rs.getString("purpose_en"), rs.getString("data_vi"), rs.getString("data_en"), rs.getString("how_vi"),
                rs.getString("how_en"), rs.getString("oversight_vi"), rs.getString("oversight_en"), rs.getString("risks_vi"),
                rs.getString("risks_en"), Arrays.asList((String[]) rs.getArray("appears_on").getArray()),
                Optional.of(rs.getString("provider")));
    }
}
