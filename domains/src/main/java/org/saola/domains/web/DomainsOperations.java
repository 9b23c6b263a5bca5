package org.saola.domains.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.saola.domains.lighting.LightingWatch;
import org.saola.domains.traffic.CongestionWatch;
import org.saola.domains.waste.RoundPlan;
import org.saola.domains.waste.WastePlanner;
import org.saola.domains.water.LeakDetector;
import org.saola.platform.TenantId;
import org.saola.platform.operations.OperationsView;
import org.saola.platform.security.SaolaPrincipal;
import org.springframework.stereotype.Component;

/**
 * The city services' part of the operations centre: the last waste round, last night's suspected leaks, the
 * roads abnormally congested in the last hour, the lamps to repair; only those the city has set up. Each figure is
 * read from what its job last wrote (one row), never computed on the page's refresh.
 */
@Component
class DomainsOperations implements OperationsView {

    private final WastePlanner waste;
    private final LeakDetector water;
    private final CongestionWatch traffic;
    private final LightingWatch lighting;

    DomainsOperations(WastePlanner waste, LeakDetector water, CongestionWatch traffic, LightingWatch lighting) {
        this.waste = waste;
        this.water = water;
        this.traffic = traffic;
        this.lighting = lighting;
    }

    @Override
    public int order() {
        return 50;
    }

    @Override
    public List<Tile> tiles(SaolaPrincipal caller) {
        TenantId tenant = caller.tenant();
        List<Tile> tiles = new ArrayList<>();
        waste.recent(tenant, 1).stream().findFirst().ifPresent(p -> tiles.add(wasteTile(p)));
        water.lastResult(tenant).ifPresent(r -> {
            int n = r.path("suspects").asInt();
            double m3 = r.path("litresPerDay").asDouble() / 1000;
            tiles.add(new Tile("water-leaks", "Nghi rò rỉ nước (đêm qua)", "Suspected water leaks (last night)", Integer.toString(n),
                    String.format(Locale.ROOT, "khoảng %.1f m³ mất mỗi ngày", m3), String.format(Locale.ROOT, "about %.1f m³ lost a day", m3),
                    "/operations/water", n > 0 ? Status.ATTENTION : Status.OK));
        });
        traffic.lastResult(tenant).ifPresent(r -> {
            long n = r.path("abnormal").asLong();
            tiles.add(new Tile("traffic", "Đoạn đường tắc bất thường", "Roads abnormally congested", Long.toString(n),
                    "trong giờ vừa qua", "in the last hour", "/operations/traffic", n > 0 ? Status.ALERT : Status.OK));
        });
        lighting.lastResult(tenant).ifPresent(r -> {
            int n = r.path("faults").asInt();
            double kwh = r.path("kwh").asDouble();
            double base = r.path("baselineKwh").asDouble();
            long saved = base <= 0 ? 0 : Math.round(100 * (1 - kwh / base));
            tiles.add(new Tile("lighting", "Đèn đường cần sửa", "Street lamps to repair", Integer.toString(n),
                    "đêm qua tiết kiệm " + saved + "% nhờ giảm độ sáng", "dimming saved " + saved + "% last night",
                    "/operations/lighting", n > 0 ? Status.ATTENTION : Status.OK));
        });
        return tiles;
    }

    private static Tile wasteTile(RoundPlan p) {
        if (p.status() != RoundPlan.Status.READY || p.body().isEmpty()) {
            boolean failed = p.status() == RoundPlan.Status.FAILED;
            return new Tile("waste", "Chuyến thu gom rác", "Waste round", failed ? "!" : "…",
                    failed ? "kế hoạch gần nhất không lập được" : "đang lập kế hoạch", failed ? "the last plan failed" : "being planned",
                    "/operations/waste/plans/" + p.id(), failed ? Status.ATTENTION : Status.OK);
        }
        RoundPlan.Body b = p.body().get();
        String saved = String.format(Locale.ROOT, "%.1f", b.metresSaved() / 1000.0);
        return new Tile("waste", "Thùng ghé trong chuyến gần nhất", "Bins in the last round", b.visits() + "/" + b.containers(),
                "tiết kiệm " + saved + " km; " + p.emptied().size() + " thùng đã đổ",
                saved + " km saved; " + p.emptied().size() + " bins emptied", "/operations/waste/plans/" + p.id(),
                b.unserved().isEmpty() && b.feasible() ? Status.OK : Status.ATTENTION);
    }

    @Override
    public List<Layer> layers(SaolaPrincipal caller) {
        return List.of();
    }

    @Override
    public List<Entry> attention(SaolaPrincipal caller, int limit) {
        return List.of();            // the analyses' alerts come through the alert rules, in the alerts' part
    }
}
