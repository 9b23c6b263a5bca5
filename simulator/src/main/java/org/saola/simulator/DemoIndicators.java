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
    private final org.saola.indicators.projects.Projects projects;
    private final java.time.InstantSource clock;

    DemoIndicators(Indicators indicators, CityFigures figures, org.saola.indicators.projects.Projects projects, java.time.InstantSource clock) {
        this.indicators = indicators;
        this.figures = figures;
        this.projects = projects;
        this.clock = clock;
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
            if (projects.list(tenant).isEmpty()) {
                projects(tenant, last);
            }
            log.info("Demo indicators: official figures, two years of survey figures, targets and three smart-city projects set; "
                    + "computed values appear on /city/indicators within a few minutes of the start, projects on /city/projects");
        } catch (RuntimeException e) {
            log.warn("Demo indicators not set up: {}", e.toString());
        }
    }

    /**
     * Three projects: digital help points and public Wi-Fi, in effect since the start of last year (its survey
     * indicators compared before and after); sensor bins and planned rounds, in effect since today (not enough data
     * yet, as the page says); smart street lights, planned.
     */
    private void projects(TenantId tenant, Period last) {
        java.time.LocalDate today = java.time.LocalDate.ofInstant(clock.instant(), indicators.zone());
        var rights = new org.saola.indicators.projects.Project.Assessment(
                "Người dân chưa có Internet ở nhà, nhất là ở các phường ven và người cao tuổi.",
                "Residents without Internet at home, above all in the outer wards and older people.",
                "Người không biết dùng điện thoại thông minh vẫn có thể bị bỏ lại; điểm Wi-Fi có thể bị dùng để theo dõi người dùng.",
                "People who cannot use a smartphone may still be left out; hotspots could be used to track their users.",
                "Không thu thập danh tính; nhật ký kết nối chỉ giữ 7 ngày, không gắn với người dùng.",
                "No identity collected; connection logs kept 7 days, tied to no user.",
                "Điểm hỗ trợ có người hướng dẫn tại mỗi phường; đánh giá lại sau một năm với số liệu theo giới tính và nhóm tuổi.",
                "Help points staffed at each ward office; reassessed after a year with figures by gender and age group.",
                last.previous().start(), "Sở Thông tin và Truyền thông (minh họa)");
        projects.put(tenant, new org.saola.indicators.projects.Project("diem-ho-tro-so", "Điểm hỗ trợ số và Wi-Fi công cộng ở phường",
                "Digital help points and public Wi-Fi in every ward",
                "Mỗi phường có một điểm hỗ trợ số và Wi-Fi miễn phí, để người dân chưa có Internet ở nhà dùng được dịch vụ công trực tuyến.",
                "A digital help point and free Wi-Fi in every ward, so that residents without Internet at home can use online public services.",
                null, 18_000_000_000L, List.of("VNPT Đà Nẵng", "Đoàn Thanh niên thành phố"), "LIVE", last.previous().start().withMonth(7),
                last.start(), List.of("household-internet-access", "fixed-broadband", "mobile-data-cost"), rights), "demo");
        projects.addProgress(tenant, "diem-ho-tro-so", new org.saola.indicators.projects.Projects.Progress(last.start(), 100, 17_400_000_000L,
                "56 điểm hỗ trợ số đã mở, mỗi điểm có một tình nguyện viên.", "56 digital help points open, each with a volunteer."), "demo");
        var bins = new org.saola.indicators.projects.Project.Assessment(
                "Người dân ở các phố đông (ít thùng rác tràn), công nhân thu gom (lộ trình ngắn hơn).",
                "Residents of busy streets (fewer overflowing bins), collection crews (shorter routes).",
                "Khu vực ít thùng có cảm biến có thể được thu gom thưa hơn.", "Areas with few sensor bins could be collected less often.",
                "Không: cảm biến chỉ đo mức đầy.", "None: the sensors measure only how full a bin is.",
                "Thùng không có tín hiệu trong một chu kỳ luôn được đưa vào lộ trình.", "A bin silent for a round is always put on the route.",
                today.minusDays(30), "Sở Tài nguyên và Môi trường (minh họa)");
        projects.put(tenant, new org.saola.indicators.projects.Project("thu-gom-rac-cam-bien", "Thu gom rác theo cảm biến mức đầy",
                "Waste collection by fill-level sensors", "Xe thu gom chỉ đến các thùng sắp đầy, theo lộ trình lập mỗi ngày.",
                "Trucks visit only the bins about to be full, on routes planned every day.", "moi-truong", 9_500_000_000L,
                List.of("Công ty Môi trường đô thị"), "LIVE", today.minusDays(90), today, List.of("waste-truck-km", "waste-containers-telemetry"),
                bins), "demo");
        projects.addProgress(tenant, "thu-gom-rac-cam-bien", new org.saola.indicators.projects.Projects.Progress(today, 100, 9_100_000_000L,
                "60 thùng có cảm biến; lộ trình lập tự động từ hôm nay.", "60 sensor bins; routes planned automatically from today."), "demo");
        var lights = new org.saola.indicators.projects.Project.Assessment("Mọi người đi đường ban đêm; ngân sách điện của thành phố.",
                "Everyone on the streets at night; the city's electricity budget.",
                "Giảm sáng quá mức làm đường tối, nhất là với phụ nữ và người đi bộ.", "Dimming too far makes streets dark, above all for women and pedestrians.",
                "Không.", "None.", "Mức giảm sáng tối thiểu 50%, tham vấn người dân từng phường trước khi áp dụng.",
                "Never dimmed below 50 %; residents of each ward consulted before it applies.", today.minusDays(10), "Sở Xây dựng (minh họa)");
        projects.put(tenant, new org.saola.indicators.projects.Project("den-duong-thong-minh", "Đèn đường điều khiển từ xa", "Remotely managed street lights",
                "Đèn đường LED có bộ điều khiển, giảm sáng lúc khuya và báo hỏng tự động.",
                "LED street lights with controllers, dimmed late at night, reporting their faults.", "xay-dung", 42_000_000_000L, List.of(),
                "PLANNED", today.plusDays(60), null, List.of("street-lights-remote"), lights), "demo");
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
