package org.saola.reports.api;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import org.saola.platform.InvalidInputException;
import org.saola.platform.security.PublicRoute;
import org.saola.reports.domain.ReportService;
import org.saola.reports.domain.ReportStatistics;
import org.saola.web.shell.PublicTenant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /public/v1/reports/statistics?days=365}: what came of residents' reports, per category in each
 * ward and in all wards (no {@code ward}): received, fixed, still open, median hours to fix, share fixed
 * within target, average rating. Counts only.
 */
@RestController
class PublicReportStatisticsController {

    record Line(String serviceCode, String ward, long received, long fixed, long open, Double medianHoursToFix,
            Double shareFixedWithinTarget, Double averageRating) {
        static Line of(ReportStatistics s) {
            return new Line(s.serviceCode(), s.ward().orElse(null), s.received(), s.fixed(), s.open(),
                    s.medianToFix().map(d -> Math.round(d.toMinutes() / 6.0) / 10.0).orElse(null),
                    s.shareFixedWithinTarget().orElse(null), s.averageRating().orElse(null));
        }
    }

    private final ReportService reports;
    private final PublicTenant tenants;
    private final InstantSource clock;

    PublicReportStatisticsController(ReportService reports, PublicTenant tenants, InstantSource clock) {
        this.reports = reports;
        this.tenants = tenants;
        this.clock = clock;
    }

    @GetMapping("/public/v1/reports/statistics")
    @PublicRoute("what came of residents' reports, per kind and ward: counts only, open data")
    List<Line> statistics(@RequestParam(defaultValue = "365") int days, HttpServletRequest request) {
        if (days < 1 || days > 3660) {
            throw new InvalidInputException("days", "days is 1 to 3660; got " + days);
        }
        return reports.statistics(tenants.of(request), clock.instant().minus(Duration.ofDays(days))).stream()
                .map(Line::of).toList();
    }
}
