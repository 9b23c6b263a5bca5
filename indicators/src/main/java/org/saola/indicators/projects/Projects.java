package org.saola.indicators.projects;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.saola.indicators.domain.Definition;
import org.saola.indicators.domain.Indicators;
import org.saola.platform.InvalidInputException;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.audit.AuditLog;
import org.saola.platform.security.Departments;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The city's register of smart-city projects (after ITU-T Y.4905's call to assess what smart-city work changes):
 * projects with their assessment, progress updates from their department, and each project's indicators compared
 * before and after its change took effect ({@link Impact}).
 */
public class Projects {

    /** How many complete periods on each side of the day a project went live are compared. */
    public static final int WINDOW = 3;

    /** A progress update. */
    public record Progress(LocalDate on, int percent, Long spentVnd, String noteVi, String noteEn) {
    }

    /** A project's indicator compared before and after. */
    public record IndicatorImpact(Definition indicator, Impact.Result result) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Indicators indicators;
    private final Departments departments;
    private final InstantSource clock;
    private final AuditLog audit;

    public Projects(JdbcClient jdbc, JsonMapper json, Indicators indicators, Departments departments, InstantSource clock, AuditLog audit) {
        this.jdbc = jdbc;
        this.json = json;
        this.indicators = indicators;
        this.departments = departments;
        this.clock = clock;
        this.audit = audit;
    }

    public List<Project> list(TenantId tenant) {
        return jdbc.sql("SELECT body::text FROM indicator_project WHERE tenant_id = ? ORDER BY body->>'startedOn' DESC, code")
                .param(tenant.value()).query(String.class).list().stream().map(s -> json.readValue(s, Project.class)).toList();
    }

    public Project get(TenantId tenant, String code) {
        return jdbc.sql("SELECT body::text FROM indicator_project WHERE tenant_id = ? AND code = ?").params(tenant.value(), code)
                .query(String.class).optional().map(s -> json.readValue(s, Project.class))
                .orElseThrow(() -> new NotFoundException("no project '" + code + "'"));
    }

    /** Adds the project or replaces it; true when it is new. */
    public boolean put(TenantId tenant, Project body, String actor) {
        Set<String> codes = new HashSet<>();
        indicators.catalogue(tenant).forEach(d -> codes.add(d.code()));
        Project p = body.check(codes);
        if (p.department() != null && departments.list(tenant).stream().noneMatch(d -> d.code().equals(p.department()))) {
            throw new InvalidInputException("department", "no department '" + p.department() + "'");
        }
        Instant now = clock.instant();
        boolean created = jdbc.sql("""
                INSERT INTO indicator_project (tenant_id, code, body, created_at, updated_at) VALUES (?, ?, ?::jsonb, ?, ?)
                ON CONFLICT (tenant_id, code) DO UPDATE SET body = EXCLUDED.body, updated_at = EXCLUDED.updated_at
                RETURNING created_at = updated_at""").params(tenant.value(), p.code(), json.writeValueAsString(p), Timestamp.from(now),
                Timestamp.from(now)).query(Boolean.class).single();
        indicators.schedule(tenant);
        audit.record(tenant, actor, created ? "PROJECT_REGISTERED" : "PROJECT_UPDATED", p.code(), "", Map.of("status", p.status()));
        return created;
    }

    public void delete(TenantId tenant, String code, String actor) {
        if (jdbc.sql("DELETE FROM indicator_project WHERE tenant_id = ? AND code = ?").params(tenant.value(), code).update() == 0) {
            throw new NotFoundException("no project '" + code + "'");
        }
        audit.record(tenant, actor, "PROJECT_REMOVED", code, "", Map.of());
    }

    public void addProgress(TenantId tenant, String code, Progress p, String actor) {
        get(tenant, code);
        if (p == null || p.on() == null) {
            throw new InvalidInputException("on", "the day of the update (YYYY-MM-DD) is needed");
        }
        if (p.on().isAfter(LocalDate.ofInstant(clock.instant(), indicators.zone()))) {
            throw new InvalidInputException("on", "an update is about a day that has come");
        }
        if (p.percent() < 0 || p.percent() > 100) {
            throw new InvalidInputException("percent", "how far along, 0 to 100");
        }
        if (p.spentVnd() != null && p.spentVnd() < 0) {
            throw new InvalidInputException("spentVnd", "what has been spent is zero or more đồng");
        }
        for (String[] t : new String[][] {{"noteVi", p.noteVi()}, {"noteEn", p.noteEn()}}) {
            if (t[1] == null || t[1].isBlank() || t[1].length() > 2000) {
                throw new InvalidInputException(t[0], t[0] + " is needed (at most 2 000 characters)");
            }
        }
        jdbc.sql("""
                INSERT INTO indicator_project_progress (tenant_id, code, on_day, percent, spent_vnd, note_vi, note_en, recorded_by, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""").params(tenant.value(), code, Date.valueOf(p.on()), p.percent(), p.spentVnd(),
                p.noteVi().strip(), p.noteEn().strip(), actor, Timestamp.from(clock.instant())).update();
        audit.record(tenant, actor, "PROJECT_PROGRESS", code, "", Map.of("percent", p.percent()));
    }

    /** The project's updates, newest first. */
    public List<Progress> progress(TenantId tenant, String code) {
        return jdbc.sql("""
                SELECT on_day, percent, spent_vnd, note_vi, note_en FROM indicator_project_progress WHERE tenant_id = ? AND code = ?
                ORDER BY on_day DESC, seq DESC""").params(tenant.value(), code).query((rs, i) -> new Progress(rs.getDate(1).toLocalDate(),
                rs.getInt(2), (Long) rs.getObject(3), rs.getString(4), rs.getString(5))).list();
    }

    /** Each of the project's indicators before and after it went live (not enough data until it has). */
    public List<IndicatorImpact> impact(TenantId tenant, Project p) {
        List<IndicatorImpact> out = new ArrayList<>();
        Map<String, Definition> catalogue = new java.util.HashMap<>();
        indicators.catalogue(tenant).forEach(x -> catalogue.put(x.code(), x));
        for (String code : p.indicators()) {
            Optional<Definition> d = Optional.ofNullable(catalogue.get(code));
            if (d.isEmpty()) {
                continue;                      // an indicator of the city's own since removed
            }
            List<Impact.Point> values = new ArrayList<>();
            for (Indicators.PeriodValues v : indicators.series(tenant, code)) {
                if (!v.city().provisional() && v.city().value().isPresent()) {
                    values.add(new Impact.Point(v.period(), v.city().value().getAsDouble()));
                }
            }
            out.add(new IndicatorImpact(d.get(), p.liveOn() == null ? Impact.notYet() : Impact.of(d.get(), values, p.liveOn(), WINDOW)));
        }
        return out;
    }
}
