package org.saola.domains.environment.web;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.saola.domains.environment.EnvironmentViews;
import org.saola.domains.environment.EnvironmentWatch;
import org.saola.platform.InvalidInputException;
import org.saola.platform.TenantId;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import org.saola.web.shell.CityTime;
import org.saola.web.shell.WebPage;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Air and water at a glance ({@code /operations/environment}): each station's hours at each VN_AQI level and its
 * exceedance days, by ward; each river gauge's hours above its alarm levels, its peak, and a chart of its water
 * against the alarm levels (the table says the same in words) — {@code OPERATIONS_VIEW}.
 */
@Controller
@WebPage
class EnvironmentPagesController {

    record StationRow(String name, String ward, List<Integer> hours, int exceedanceDays, int days) {
    }

    record GaugeRow(int n, String id, String name, List<String> alarms, List<String> hoursAbove, String peak, String peakAt,
            String path, List<Line> lines, String summary) {
    }

    /** An alarm level's line on the chart: where, and its colour (I, II, III darker and darker). */
    record Line(double y, String colour) {
    }

    static final List<String> ALARM_COLOURS = List.of("#8a4b00", "#b3261e", "#7a0019");

    static final int WIDTH = 600;
    static final int HEIGHT = 160;

    private final EnvironmentWatch watch;
    private final CityTime time;

    EnvironmentPagesController(EnvironmentWatch watch, CityTime time) {
        this.watch = watch;
        this.time = time;
    }

    @GetMapping("/operations/environment")
    @RequiresPermission(Permission.OPERATIONS_VIEW)
    String environment(@RequestParam(defaultValue = "7") String days, Model model) {
        int d;
        try {
            d = Integer.parseInt(days);
            if (d < 1 || d > 90) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            model.addAttribute("problem", new InvalidInputException("days", "from 1 to 90").getMessage());
            d = 7;
        }
        TenantId tenant = CurrentCaller.tenant();
        Instant to = watch.until();
        Instant from = to.minus(Duration.ofDays(d));
        DateTimeFormatter f = time.formatter();
        List<EnvironmentViews.Station> stations = watch.stations(tenant, from, to);
        model.addAttribute("days", d);
        model.addAttribute("since", f.format(from));
        model.addAttribute("levels", EnvironmentViews.LEVELS);
        model.addAttribute("stations", stations.stream().map(s -> row(s, s.ward())).toList());
        model.addAttribute("wards", EnvironmentViews.byWard(stations).values().stream().map(s -> row(s, s.ward())).toList());
        List<GaugeRow> gauges = new ArrayList<>();
        for (EnvironmentViews.Gauge g : watch.gauges(tenant, from, to)) {
            gauges.add(gauge(gauges.size(), g, from, to, f));
        }
        model.addAttribute("gauges", gauges);
        return "domains/environment";
    }

    private static StationRow row(EnvironmentViews.Station s, String ward) {
        return new StationRow(s.name(), ward == null || ward.isEmpty() ? "–" : ward,
                EnvironmentViews.LEVELS.stream().map(l -> s.hoursAtLevel().getOrDefault(l, 0)).toList(), s.exceedanceDays(), s.days());
    }

    /** A gauge's row and its chart: the hourly highest levels as a line, the alarm levels as y positions. */
    private static GaugeRow gauge(int n, EnvironmentViews.Gauge g, Instant from, Instant to, DateTimeFormatter f) {
        double top = g.peak() == null ? 1 : g.peak();
        for (Double a : g.alarmLevels()) {
            if (a != null) {
                top = Math.max(top, a);
            }
        }
        top *= 1.1;
        double span = Duration.between(from, to).toMillis();
        StringBuilder path = new StringBuilder();
        for (Map.Entry<Instant, Double> e : g.hourlyHighest().entrySet()) {
            double x = WIDTH * Duration.between(from, e.getKey()).toMillis() / span;
            double y = HEIGHT - HEIGHT * e.getValue() / top;
            path.append(path.isEmpty() ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
        }
        List<Line> lines = new ArrayList<>();
        List<String> alarms = new ArrayList<>();
        List<String> hours = new ArrayList<>();
        for (int k = 0; k < g.alarmLevels().length; k++) {
            Double a = g.alarmLevels()[k];
            alarms.add(a == null ? "–" : String.format(Locale.ROOT, "%.2f", a));
            if (a != null) {
                lines.add(new Line(HEIGHT - HEIGHT * a / top, ALARM_COLOURS.get(k)));
            }
            hours.add(a == null ? "–" : String.format(Locale.ROOT, "%.1f", g.hoursAbove()[k]));
        }
        String peak = g.peak() == null ? "–" : String.format(Locale.ROOT, "%.2f", g.peak());
        String peakAt = g.peakAt() == null ? "–" : f.format(g.peakAt());
        String summary = peak + " m, " + peakAt + "; I/II/III: " + String.join(" / ", hours) + " h";
        return new GaugeRow(n, g.id(), g.name(), alarms, hours, peak, peakAt, path.toString(), lines, summary);
    }
}
