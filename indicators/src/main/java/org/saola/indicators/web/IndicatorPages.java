package org.saola.indicators.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.saola.indicators.domain.Definition;
import org.saola.indicators.domain.Formula;
import org.saola.indicators.domain.Indicators;
import org.saola.indicators.store.IndicatorStore;
import org.saola.platform.TenantId;
import org.saola.platform.security.PublicRoute;
import org.saola.web.shell.CityTime;
import org.saola.web.shell.PublicTenant;
import org.saola.web.shell.WebPage;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The city's indicators for everyone, in Vietnamese and English: the list (each with its latest value, how it
 * moved, its target) and each indicator's page: how it is computed, a chart of its periods with the same figures
 * in a table (the chart's text alternative), and its groups where they may be published.
 */
@Controller
@WebPage
class IndicatorPages {

    /** A line of the list. */
    record Line(String code, String name, String framework, String value, String period, boolean provisional, String change,
            String target, String origin) {
    }

    /** A period as the table shows it. */
    record PeriodRow(String period, String value, boolean provisional, String origin, String source, String evidence) {
    }

    /** A group's figure, or a note that it is kept back. */
    record GroupRow(String group, String value, boolean hidden) {
    }

    record Grouping(String name, List<GroupRow> groups) {
    }

    /** The chart: a path through the periods' values, its points, the target's line, the labels of its ends. */
    record Chart(String path, List<double[]> points, Double targetY, String first, String last, String low, String high, String summary) {
    }

    private final Indicators indicators;
    private final PublicTenant tenants;

    IndicatorPages(Indicators indicators, PublicTenant tenants) {
        this.indicators = indicators;
        this.tenants = tenants;
    }

    @GetMapping("/city/indicators")
    @PublicRoute("the city's indicators are published for everyone")
    String list(HttpServletRequest request, Model model) {
        TenantId tenant = tenants.of(request);
        boolean vi = CityTime.vietnamese();
        Map<String, IndicatorStore.Target> targets = indicators.targets(tenant);
        List<Line> lines = new ArrayList<>();
        for (Definition d : indicators.catalogue(tenant)) {
            // The last complete period, once there is one (the current one, so far, is on the indicator's page).
            List<Indicators.PeriodValues> all = indicators.series(tenant, d.code());
            List<Indicators.PeriodValues> series = all.stream().anyMatch(p -> !p.city().provisional())
                    ? all.stream().filter(p -> !p.city().provisional()).toList() : all;
            Indicators.PeriodValues last = series.isEmpty() ? null : series.get(series.size() - 1);
            Indicators.PeriodValues before = series.size() < 2 ? null : series.get(series.size() - 2);
            IndicatorStore.Target t = targets.get(d.code());
            lines.add(new Line(d.code(), d.name(vi), d.framework() + d.clause().map(c -> " · " + c).orElse(""),
                    last == null ? "–" : LineChart.number(last.city().value(), d.decimals(), vi) + " " + d.unit(vi),
                    last == null ? "" : last.period(), last != null && last.city().provisional(),
                    change(d, last, before, vi), t == null ? "" : LineChart.number(t.value(), d.decimals(), vi) + " " + d.unit(vi) + " (" + t.year() + ")",
                    d.computed() ? "computed" : "entered"));
        }
        model.addAttribute("lines", lines);
        return "indicators/list";
    }

    /** How the latest value moved from the one before, in words, and whether that is better or worse. */
    static String change(Definition d, Indicators.PeriodValues last, Indicators.PeriodValues before, boolean vi) {
        if (last == null || before == null || last.city().value().isEmpty() || before.city().value().isEmpty()) {
            return "";
        }
        double delta = last.city().value().getAsDouble() - before.city().value().getAsDouble();
        String amount = LineChart.number(Math.abs(delta), d.decimals(), vi);
        if (amount.equals(LineChart.number(0, d.decimals(), vi))) {
            return vi ? "không đổi so với " + before.period() : "unchanged from " + before.period();
        }
        boolean better = (delta > 0) == (d.direction() == Definition.Direction.UP);
        if (vi) {
            return (delta > 0 ? "tăng " : "giảm ") + amount + " so với " + before.period() + (better ? " (tốt hơn)" : " (kém hơn)");
        }
        return (delta > 0 ? "up " : "down ") + amount + " from " + before.period() + (better ? " (better)" : " (worse)");
    }

    @GetMapping("/city/indicators/{code}")
    @PublicRoute("the city's indicators are published for everyone, groups too small to publish left out")
    String one(HttpServletRequest request, @PathVariable String code, Model model) {
        TenantId tenant = tenants.of(request);
        boolean vi = CityTime.vietnamese();
        Definition d = indicators.definition(tenant, code);
        List<Indicators.PeriodValues> series = indicators.series(tenant, code);
        IndicatorStore.Target target = indicators.targets(tenant).get(code);
        List<PeriodRow> rows = new ArrayList<>();
        for (Indicators.PeriodValues p : series) {
            rows.add(new PeriodRow(p.period(), LineChart.number(p.city().value(), d.decimals(), vi), p.city().provisional(), p.city().origin(),
                    p.city().source(), p.city().evidence()));
        }
        List<Grouping> groupings = new ArrayList<>();
        String groupsPeriod = null;
        if (!series.isEmpty()) {
            Indicators.PeriodValues last = series.get(series.size() - 1);
            groupsPeriod = last.period();
            last.groups().forEach((g, list) -> groupings.add(new Grouping(g, list.stream()
                    .map(r -> new GroupRow(r.group(), r.hidden() ? "" : LineChart.number(r.value(), d.decimals(), vi), r.hidden())).toList())));
        }
        model.addAttribute("d", d);
        model.addAttribute("name", d.name(vi));
        model.addAttribute("unit", d.unit(vi));
        model.addAttribute("method", d.method(vi));
        model.addAttribute("formula", d.formula().map(Formula::text).orElse(null));
        model.addAttribute("clause", d.clause().orElse(null));
        model.addAttribute("target", target == null ? null : LineChart.number(target.value(), d.decimals(), vi) + " " + d.unit(vi));
        model.addAttribute("targetYear", target == null ? null : Integer.toString(target.year()));
        model.addAttribute("targetNote", target == null ? "" : target.note());
        model.addAttribute("rows", rows);
        model.addAttribute("groupings", groupings);
        model.addAttribute("groupsPeriod", groupsPeriod);
        model.addAttribute("threshold", indicators.threshold());
        model.addAttribute("chart", chart(d, series, target, vi));
        return "indicators/indicator";
    }

    /** A line chart of the periods' values (600 × 200), the target as a dashed line; null with fewer than one value. */
    static Chart chart(Definition d, List<Indicators.PeriodValues> series, IndicatorStore.Target target, boolean vi) {
        List<Indicators.PeriodValues> with = series.stream().filter(p -> p.city().value().isPresent()).toList();
        if (with.isEmpty()) {
            return null;
        }
        LineChart c = LineChart.of(with.stream().map(p -> p.city().value().getAsDouble()).toList(),
                target == null ? List.of() : List.of(target.value()), 20, 20, 560, 160);
        Double targetY = target == null ? null : c.y(target.value());
        Indicators.PeriodValues first = with.get(0);
        Indicators.PeriodValues last = with.get(with.size() - 1);
        String unit = d.unit(vi);
        String summary = vi
                ? "Từ " + LineChart.number(first.city().value(), d.decimals(), vi) + " " + unit + " (" + first.period() + ") đến "
                        + LineChart.number(last.city().value(), d.decimals(), vi) + " " + unit + " (" + last.period() + ")"
                        + (target == null ? "" : "; mục tiêu " + LineChart.number(target.value(), d.decimals(), vi) + " " + unit + " năm " + target.year())
                        + ". Các số liệu đầy đủ ở bảng bên dưới."
                : "From " + LineChart.number(first.city().value(), d.decimals(), vi) + " " + unit + " (" + first.period() + ") to "
                        + LineChart.number(last.city().value(), d.decimals(), vi) + " " + unit + " (" + last.period() + ")"
                        + (target == null ? "" : "; target " + LineChart.number(target.value(), d.decimals(), vi) + " " + unit + " by " + target.year())
                        + ". Every figure is in the table below.";
        return new Chart(c.path(), c.points(), targetY, first.period(), last.period(), LineChart.number(c.low(), d.decimals(), vi),
                LineChart.number(c.high(), d.decimals(), vi), summary);
    }
}
