package org.saola.domains.traffic.web;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.saola.domains.traffic.Congestion;
import org.saola.domains.traffic.CongestionWatch;
import org.saola.platform.TenantId;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import org.saola.web.shell.CityTime;
import org.saola.web.shell.WebPage;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The traffic page of the staff console ({@code /operations/traffic}): the last day's abnormal hours, the worst
 * hours of the day and the most congested segments, each against the segment's own usual ({@code OPERATIONS_VIEW}).
 */
@Controller
@WebPage
class TrafficPagesController {

    record SegmentRow(String name, String id, String freeFlow, String meanLevel, int hours) {
    }

    record HourRow(String hour, String level) {
    }

    record AbnormalRow(String name, String id, String hour, String level, String usual, String speed) {
    }

    private final CongestionWatch watch;
    private final CityTime time;

    TrafficPagesController(CongestionWatch watch, CityTime time) {
        this.watch = watch;
        this.time = time;
    }

    @GetMapping("/operations/traffic")
    @RequiresPermission(Permission.OPERATIONS_VIEW)
    String congestion(Model model) {
        TenantId tenant = CurrentCaller.tenant();
        Instant to = watch.currentHour();
        CongestionWatch.Report report = watch.analyse(tenant, watch.settings(tenant), to.minus(Duration.ofHours(24)), to);
        DateTimeFormatter f = time.formatter();
        model.addAttribute("since", f.format(report.from()));
        model.addAttribute("until", f.format(report.to()));
        model.addAttribute("abnormal", report.abnormal().stream().map(a -> new AbnormalRow(a.name(), a.segment(), f.format(a.hour()),
                percent(a.level()), percent(a.usualLevel()), String.format(Locale.ROOT, "%.0f", a.speedKmh()))).toList());
        model.addAttribute("hours", report.worstHours().stream().limit(6).map(e -> new HourRow(String.format(Locale.ROOT, "%02d:00–%02d:00",
                e.hour(), (e.hour() + 1) % 24), percent(e.meanLevel()))).toList());
        List<Congestion.Segment> worst = report.worstSegments();
        model.addAttribute("segments", worst.stream().filter(s -> !s.hours().isEmpty()).map(s -> new SegmentRow(s.name(), s.id(),
                String.format(Locale.ROOT, "%.0f", s.freeFlowKmh()), percent(s.meanLevel()), s.hours().size())).toList());
        return "domains/traffic";
    }

    static String percent(double v) {
        return Math.round(v) + "%";
    }
}
