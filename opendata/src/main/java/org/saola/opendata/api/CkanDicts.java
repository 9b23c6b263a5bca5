package org.saola.opendata.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.saola.opendata.domain.Dataset;
import org.saola.opendata.domain.Theme;
import org.saola.platform.TenantId;
import org.saola.platform.security.Department;

/**
 * Datasets, resources, organizations (departments) and groups (themes) as CKAN 2.11 writes them: every key
 * package_show has, in its order, its dates as naive UTC ISO times. Titles and notes are in Vietnamese, the
 * city's language, with both languages under {@code title_translated} and {@code notes_translated} as the
 * multilingual CKAN extensions (ckanext-fluent) give them.
 */
final class CkanDicts {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");

    private CkanDicts() {
    }

    /** The application's mapper, writing nulls too (CKAN writes every key; a download every field). */
    static tools.jackson.databind.json.JsonMapper withNulls(tools.jackson.databind.json.JsonMapper json) {
        var always = com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS;
        return json.rebuild().changeDefaultPropertyInclusion(i -> com.fasterxml.jackson.annotation.JsonInclude.Value.construct(always, always))
                .build();
    }

    /** Python's {@code isoformat()} of a naive UTC time: microseconds, or none when they are zero. */
    static String time(Instant at) {
        LocalDateTime t = LocalDateTime.ofInstant(at.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
        return (t.getNano() == 0 ? SECONDS : MICROS).format(t);
    }

    static UUID organizationId(TenantId tenant, String code) {
        return UUID.nameUUIDFromBytes(("organization/" + tenant.value() + "/" + code).getBytes(StandardCharsets.UTF_8));
    }

    static UUID groupId(TenantId tenant, Theme theme) {
        return UUID.nameUUIDFromBytes(("group/" + tenant.value() + "/" + theme.name()).getBytes(StandardCharsets.UTF_8));
    }

    static UUID tagId(TenantId tenant, String tag) {
        return UUID.nameUUIDFromBytes(("tag/" + tenant.value() + "/" + tag).getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, Object> packageDict(TenantId tenant, Dataset d, Optional<Department> department, String base) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("author", null);
        p.put("author_email", null);
        p.put("creator_user_id", null);
        p.put("id", d.id().toString());
        p.put("isopen", d.open());
        p.put("license_id", d.licence().id());
        p.put("license_title", d.licence().title());
        p.put("license_url", d.licence().url());
        p.put("maintainer", department.map(Department::nameVi).orElse(null));
        p.put("maintainer_email", department.flatMap(Department::contactEmail).orElse(null));
        p.put("metadata_created", time(d.created()));
        p.put("metadata_modified", time(d.modified()));
        p.put("name", d.name());
        p.put("notes", d.notesVi());
        p.put("num_resources", d.resources().size());
        p.put("num_tags", d.keywords().size());
        p.put("organization", department.map(dep -> organization(tenant, dep, null)).orElse(null));
        p.put("owner_org", department.map(dep -> organizationId(tenant, dep.code()).toString()).orElse(null));
        p.put("private", !d.open());          // shared: only under data-sharing agreements
        p.put("state", "active");
        p.put("title", d.titleVi());
        p.put("type", "dataset");
        p.put("url", d.open() ? base + "/city/data/" + d.name() : null);
        p.put("version", null);
        List<Map<String, Object>> extras = new ArrayList<>();
        extras.add(Map.of("key", "frequency", "value", "http://publications.europa.eu/resource/authority/frequency/" + d.frequency()));
        extras.add(Map.of("key", "rows", "value", Long.toString(d.rows())));
        extras.add(Map.of("key", "source", "value", d.sourceKey()));
        if (d.peopleCounts()) {
            extras.add(Map.of("key", "disclosure_control", "value", "counts under the threshold hidden, the rest rounded; totals included"));
        }
        extras.sort(Comparator.comparing(e -> (String) e.get("key")));
        p.put("extras", extras);
        Theme theme = Theme.of(d.theme()).orElse(Theme.GOVE);
        p.put("groups", List.of(group(tenant, theme, null)));
        List<Map<String, Object>> resources = new ArrayList<>();
        d.resources().forEach(r -> resources.add(resource(r, base)));
        p.put("resources", resources);
        List<Map<String, Object>> tags = new ArrayList<>();
        d.keywords().stream().sorted().forEach(k -> {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("display_name", k);
            t.put("id", tagId(tenant, k).toString());
            t.put("name", k);
            t.put("state", "active");
            t.put("vocabulary_id", null);
            tags.add(t);
        });
        p.put("tags", tags);
        p.put("relationships_as_object", List.of());
        p.put("relationships_as_subject", List.of());
        p.put("title_translated", Map.of("vi", d.titleVi(), "en", d.titleEn()));
        p.put("notes_translated", Map.of("vi", d.notesVi(), "en", d.notesEn()));
        return p;
    }

    /** Where a distribution is downloaded. */
    static String downloadUrl(Dataset.Resource r, String base) {
        return base + "/public/v1/opendata/datasets/" + r.dataset().name() + "." + r.extension();
    }

    static Map<String, Object> resource(Dataset.Resource r, String base) {
        Dataset d = r.dataset();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cache_last_updated", null);
        m.put("cache_url", null);
        m.put("created", time(d.created()));
        m.put("datastore_active", r.datastoreActive());
        m.put("description", r.datastoreActive() ? d.notesVi() : "");
        m.put("format", r.format());
        m.put("hash", "");
        m.put("id", r.id().toString());
        m.put("last_modified", time(d.modified()));
        m.put("metadata_modified", time(d.modified()));
        m.put("mimetype", r.mediaType());
        m.put("mimetype_inner", null);
        m.put("name", d.name() + "." + r.extension());
        m.put("package_id", d.id().toString());
        m.put("position", r.position());
        m.put("resource_type", null);
        m.put("size", null);
        m.put("state", "active");
        m.put("url", downloadUrl(r, base));
        m.put("url_type", "");
        return m;
    }

    static Map<String, Object> organization(TenantId tenant, Department dep, Long packageCount) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("approval_status", "approved");
        o.put("created", null);
        o.put("description", dep.nameEn());
        o.put("display_name", dep.nameVi());
        o.put("id", organizationId(tenant, dep.code()).toString());
        o.put("image_display_url", "");
        o.put("image_url", "");
        o.put("is_organization", true);
        o.put("name", dep.code());
        if (packageCount != null) {
            o.put("num_followers", 0);
            o.put("package_count", packageCount);
        }
        o.put("state", "active");
        o.put("title", dep.nameVi());
        o.put("type", "organization");
        return o;
    }

    static Map<String, Object> group(TenantId tenant, Theme theme, Long packageCount) {
        Map<String, Object> g = new LinkedHashMap<>();
        if (packageCount != null) {
            g.put("approval_status", "approved");
            g.put("created", null);
        }
        g.put("description", theme.nameEn());
        g.put("display_name", theme.nameVi());
        g.put("id", groupId(tenant, theme).toString());
        g.put("image_display_url", "");
        if (packageCount != null) {
            g.put("image_url", "");
            g.put("is_organization", false);
        }
        g.put("name", theme.group());
        if (packageCount != null) {
            g.put("num_followers", 0);
            g.put("package_count", packageCount);
            g.put("state", "active");
        }
        g.put("title", theme.nameVi());
        if (packageCount != null) {
            g.put("type", "group");
        }
        return g;
    }
}
