package org.saola.simulator;

import java.util.ArrayList;
import java.util.List;
import org.saola.indicators.domain.CityFigures;
import org.saola.indicators.domain.Indicators;
import org.saola.indicators.domain.Period;
import org.saola.platform.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The demo city's indicators: the official figures formulas divide by (population and area, the city's and each
 * district's), two years of survey figures staff would enter (household Internet access by gender, age group and
 * district, one age group's sample too small to publish; fixed broadband; the cost of mobile data), and targets
 * from the city's plans. The figures are illustrative, marked as the demo's, with evidence links on an example
 * domain. The computed indicators come from the demo's own devices, reports and participation (the scheduled job).
 */
@Component
@ConditionalOnProperty(name = "saola.simulator.enabled", havingValue = "true")
class DemoIndicators {

    private static final Logger log = LoggerFactory.getLogger(DemoIndicators.class);
    static final String SOURCE = "Số liệu minh họa của thành phố mẫu / the demo city's illustrative figures";

    /** Each district's population and area (km²), illustrative. */
    static final List<Object[]> DISTRICTS = List.of(
            new Object[] {"Liên Chiểu", 212_000, 74.5}, new Object[] {"Thanh Khê", 187_000, 9.4},
            new Object[] {"Hải Châu", 211_000, 23.3}, new Object[] {"Sơn Trà", 165_000, 60.8},
            new Object[] {"Ngũ Hành Sơn", 98_000, 40.2}, new Object[] {"Cẩm Lệ", 136_000, 35.8});

    private final Indicators indicators;
    private final CityFigures figures;

    DemoIndicators(Indicators indicators, CityFigures figures) {
        this.indicators = indicators;
        this.figures = figures;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        TenantId tenant = TenantId.DEFAULT;
        try {
            indicators.schedule(tenant);
            if (figures.list(tenant).isEmpty()) {
                List<CityFigures.Figure> f = new ArrayList<>();
                f.add(new CityFigures.Figure("population", "", 1_245_000, SOURCE));
                f.add(new CityFigures.Figure("area_km2", "", 1_285.4, SOURCE));
                for (Object[] d : DISTRICTS) {
                    f.add(new CityFigures.Figure("population", (String) d[0], ((Integer) d[1]).doubleValue(), SOURCE));
                    f.add(new CityFigures.Figure("area_km2", (String) d[0], (Double) d[2], SOURCE));
                }
                figures.set(tenant, f, "demo");
            }
            Period last = indicators.current(Period.Frequency.ANNUAL).previous();
            if (indicators.series(tenant, "household-internet-access").isEmpty()) {
                survey(tenant, last.previous(), 0);
                survey(tenant, last, 1);
            }
            if (indicators.targets(tenant).isEmpty()) {
                indicators.setTarget(tenant, "household-internet-access", 95, 2030, "Chương trình chuyển đổi số / digital transformation programme", "demo");
                indicators.setTarget(tenant, "open-data", 60, 2027, "Kế hoạch dữ liệu mở / open-data plan", "demo");
                indicators.setTarget(tenant, "reports-fixed-on-time", 90, 2027, "Cam kết phục vụ người dân / service pledge", "demo");
                indicators.setTarget(tenant, "mobile-data-cost", 2, 2030, "A4AI \"1 for 2\"", "demo");
                indicators.setTarget(tenant, "sensor-availability", 98, 2027, "Hợp đồng vận hành / operations contract", "demo");
            }
            log.info("Demo indicators: official figures, two years of survey figures and targets set; computed values appear on "
                    + "/city/indicators within a few minutes of the start");
        } catch (RuntimeException e) {
            log.warn("Demo indicators not set up: {}", e.toString());
        }
    }

    /** A year's survey figures; {@code step} 0 the year before, 1 the last year (a little better). */
    private void survey(TenantId tenant, Period year, int step) {
        String evidence = "https://danang.example/khao-sat-chuyen-doi-so-" + year.label() + ".pdf";
        String source = "Khảo sát hộ gia đình " + year.label() + " (minh họa) / household survey " + year.label() + " (illustrative)";
        double s = step * 3.5;
        List<Indicators.GroupEntry> groups = new ArrayList<>(List.of(
                new Indicators.GroupEntry("gender", "nữ", 78.9 + s, 1_204L), new Indicators.GroupEntry("gender", "nam", 81.7 + s, 1_151L),
                new Indicators.GroupEntry("age_group", "15-34", 96.2 + s / 3, 702L), new Indicators.GroupEntry("age_group", "35-59", 84.0 + s, 1_033L),
                new Indicators.GroupEntry("age_group", "60-74", 52.5 + s * 2, 512L),
                new Indicators.GroupEntry("age_group", "75+", 21.0 + s, 8L)));
        double[] wards = {74.0, 83.5, 90.1, 79.6, 81.2, 72.4};
        for (int i = 0; i < DISTRICTS.size(); i++) {
            groups.add(new Indicators.GroupEntry("ward", (String) DISTRICTS.get(i)[0], wards[i] + s, 380L));
        }
        indicators.enter(tenant, "household-internet-access", new Indicators.Entry(year.label(), 80.3 + s, source, evidence, groups), "demo");
        indicators.enter(tenant, "fixed-broadband", new Indicators.Entry(year.label(), 61.8 + s, "Sở Thông tin và Truyền thông (minh họa) / "
                + "Department of Information and Communications (illustrative)", evidence, List.of()), "demo");
        indicators.enter(tenant, "mobile-data-cost", new Indicators.Entry(year.label(), step == 0 ? 1.9 : 1.6, source, evidence, List.of()), "demo");
    }
}
