package org.saola.opendata.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.saola.opendata.domain.Catalogue;
import org.saola.opendata.domain.CatalogueSearch;
import org.saola.opendata.domain.Dataset;
import org.saola.opendata.domain.TableQuery;
import org.saola.opendata.domain.Theme;
import org.saola.platform.InvalidInputException;
import org.saola.platform.TenantId;
import org.saola.platform.security.Department;
import org.saola.platform.security.Departments;
import org.saola.platform.security.PublicRoute;
import org.saola.web.shell.CityTime;
import org.saola.web.shell.PublicTenant;
import org.saola.web.shell.WebPage;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The open-data portal in Vietnamese and English: the catalogue searched and filtered (by publisher, theme,
 * format) without JavaScript, and each dataset's page: what it is, who publishes it, under which licence, how
 * fresh it is, its downloads, how to query it through the CKAN API, and a preview of its first rows.
 */
@Controller
@WebPage
class OpenDataPages {

    static final int PAGE_SIZE = 20;
    static final int PREVIEW_ROWS = 20;

    /** A choice in a filter: its value, its label, how many datasets have it. */
    record Choice(String value, String label, long count) {
    }

    /** A dataset as the list shows it. */
    record Entry(String name, String title, String notes, String publisher, String theme, List<String> formats, String updated,
            long rows) {
    }

    private final Catalogue catalogue;
    private final Departments departments;
    private final PublicTenant tenants;
    private final CityTime time;

    OpenDataPages(Catalogue catalogue, Departments departments, PublicTenant tenants, CityTime time) {
        this.catalogue = catalogue;
        this.departments = departments;
        this.tenants = tenants;
        this.time = time;
    }

    @GetMapping("/city/data")
    @PublicRoute("the open-data portal: the published catalogue, which anyone may read")
    String list(HttpServletRequest request, Model model, @RequestParam Optional<String> q, @RequestParam Optional<String> organization,
            @RequestParam Optional<String> theme, @RequestParam Optional<String> format, @RequestParam Optional<Integer> page) {
        TenantId tenant = tenants.of(request);
        boolean vi = CityTime.vietnamese();
        Map<String, Department> byCode = new LinkedHashMap<>();
        departments.list(tenant).forEach(d -> byCode.put(d.code(), d));
        List<String> fq = new ArrayList<>();
        organization.filter(s -> !s.isBlank()).ifPresent(o -> fq.add("organization:\"" + o.replace("\"", "") + "\""));
        theme.filter(s -> !s.isBlank()).ifPresent(t -> fq.add("groups:\"" + t.replace("\"", "") + "\""));
        format.filter(s -> !s.isBlank()).ifPresent(f -> fq.add("res_format:\"" + f.replace("\"", "") + "\""));
        String text = q.map(String::strip).filter(s -> !s.isEmpty()).map(s -> s.replace("\"", " ").replace(":", " ")).orElse(null);
        int current = page.orElse(1);
        if (current < 1) {
            throw new InvalidInputException("page", "page is 1 or more; got " + current);
        }
        CatalogueSearch.Hits hits = CatalogueSearch.search(catalogue.datasets(tenant),
                text == null ? null : "\"" + text + "\"", fq, text == null ? "metadata_modified desc" : "score desc, metadata_modified desc",
                PAGE_SIZE, (current - 1) * PAGE_SIZE, List.of("organization", "groups", "res_format"), -1, 1, catalogue.now());
        var fmt = time.formatter();
        model.addAttribute("datasets", hits.results().stream().map(d -> new Entry(d.name(), d.title(vi), excerpt(d.notes(vi)),
                d.department().map(byCode::get).map(dep -> vi ? dep.nameVi() : dep.nameEn()).orElse(null),
                Theme.of(d.theme()).map(t -> vi ? t.nameVi() : t.nameEn()).orElse(d.theme()),
                d.resources().stream().map(Dataset.Resource::format).toList(), fmt.format(d.modified()), d.rows())).toList());
        model.addAttribute("total", hits.count());
        model.addAttribute("organizations", choices(hits.facets().get("organization"), c -> Optional.ofNullable(byCode.get(c))
                .map(dep -> vi ? dep.nameVi() : dep.nameEn()).orElse(c)));
        model.addAttribute("themes", choices(hits.facets().get("groups"), c -> Theme.of(c).map(t -> vi ? t.nameVi() : t.nameEn()).orElse(c)));
        model.addAttribute("formats", choices(hits.facets().get("res_format"), c -> c));
        model.addAttribute("q", q.orElse(""));
        model.addAttribute("organization", organization.orElse(""));
        model.addAttribute("theme", theme.orElse(""));
        model.addAttribute("format", format.orElse(""));
        long pages = Math.max(1, (hits.count() + PAGE_SIZE - 1) / PAGE_SIZE);
        var self = org.springframework.web.servlet.support.ServletUriComponentsBuilder.fromRequest(request);
        model.addAttribute("previous", current > 1 ? self.cloneBuilder().replaceQueryParam("page", current - 1).build().toUriString() : null);
        model.addAttribute("next", current < pages ? self.cloneBuilder().replaceQueryParam("page", current + 1).build().toUriString() : null);
        return "opendata/catalogue";
    }

    private static List<Choice> choices(Map<String, Long> facet, java.util.function.Function<String, String> label) {
        List<Choice> out = new ArrayList<>();
        if (facet != null) {
            facet.forEach((v, n) -> out.add(new Choice(v, label.apply(v), n)));
        }
        out.sort(java.util.Comparator.comparing(Choice::label));
        return out;
    }

    private static String excerpt(String notes) {
        return notes.length() <= 240 ? notes : notes.substring(0, notes.lastIndexOf(' ', 240) > 0 ? notes.lastIndexOf(' ', 240) : 240) + "…";
    }

    @GetMapping("/city/data/{name}")
    @PublicRoute("a published dataset's page: open data, which anyone may read")
    String dataset(@PathVariable String name, HttpServletRequest request, Model model) {
        TenantId tenant = tenants.of(request);
        boolean vi = CityTime.vietnamese();
        Dataset d = catalogue.dataset(tenant, name);
        model.addAttribute("d", d);
        model.addAttribute("heading", d.title(vi));
        model.addAttribute("notes", d.notes(vi));
        model.addAttribute("publisher", d.department().flatMap(c -> departments.find(tenant, c)).orElse(null));
        model.addAttribute("themeName", Theme.of(d.theme()).map(t -> vi ? t.nameVi() : t.nameEn()).orElse(d.theme()));
        model.addAttribute("updated", time.formatter().format(d.modified()));
        model.addAttribute("refreshed", d.refreshed().map(time.formatter()::format).orElse(null));
        model.addAttribute("resources", d.resources());
        model.addAttribute("table", d.table().id().toString());
        model.addAttribute("columns", d.columns());
        // The map's popups name each place by the first text column that is not a coordinate.
        model.addAttribute("mapLabel", d.columns().stream().filter(c -> c.type() == org.saola.platform.publish.DataColumn.Type.TEXT)
                .map(org.saola.platform.publish.DataColumn::id).findFirst().orElse(""));
        if (!d.document()) {
            TableQuery preview = TableQuery.of(d.columns(), d.columns().stream().map(c -> c.id()).toList(), null, null, null,
                    PREVIEW_ROWS, 0L, false);
            model.addAttribute("rows", catalogue.search(d, preview).records().stream().map(r -> new ArrayList<>(r.values())).toList());
        }
        model.addAttribute("vi", vi);
        return "opendata/dataset";
    }
}
