package org.saola.reports.web;

import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.saola.platform.operations.OperationsView;
import org.saola.platform.security.CurrentCaller;
import org.saola.platform.security.Permission;
import org.saola.platform.security.RequiresPermission;
import org.saola.platform.security.SaolaPrincipal;
import org.saola.reports.domain.ReportSearch;
import org.saola.reports.domain.ReportService;
import org.saola.reports.domain.ReportStatus;
import org.saola.reports.domain.ServiceRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The residents' reports' part of the operations centre: open reports and those past their target, the open
 * reports on the map (staff see where exactly), and the overdue ones to attend to; all limited to an officer's
 * departments.
 */
@Controller
class ReportsOperations implements OperationsView {

    private final ReportService reports;
    private final InstantSource clock;
    private final org.springframework.context.MessageSource messages;

    ReportsOperations(ReportService reports, InstantSource clock, org.springframework.context.MessageSource messages) {
        this.reports = reports;
        this.clock = clock;
        this.messages = messages;
    }

    private static ReportSearch open(Optional<java.time.Instant> overdueAt, int limit) {
        return new ReportSearch(Optional.empty(), List.of(), List.of(), QueueFilter.OPEN, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), overdueAt, limit, 0);
    }

    private static boolean works(SaolaPrincipal caller) {
        return caller.roles().stream().anyMatch(r -> r.grants(Permission.REPORTS_WORK));
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public List<Tile> tiles(SaolaPrincipal caller) {
        long open = reports.count(caller, open(Optional.empty(), 1));
        long overdue = reports.count(caller, open(Optional.of(clock.instant()), 1));
        return List.of(new Tile("reports", "Phản ánh đang mở", "Open reports", Long.toString(open), overdue + " quá hạn",
                overdue + " overdue", "/operations/reports", overdue > 0 ? Status.ATTENTION : Status.OK));
    }

    @Override
    public List<Layer> layers(SaolaPrincipal caller) {
        if (!works(caller)) {
            return List.of();            // where residents reported is for those who work reports
        }
        return List.of(new Layer("reports", "Phản ánh của người dân", "Residents' reports", "/operations/reports/map", false));
    }

    @Override
    public List<Entry> attention(SaolaPrincipal caller, int limit) {
        if (!works(caller)) {
            return List.of();
        }
        return reports.queue(caller, open(Optional.of(clock.instant()), limit)).stream()
                .map(r -> new Entry(r.expectedAt(), "MODERATE", "Phản ánh #" + r.id() + " (" + r.serviceCode() + ") quá hạn xử lý",
                        "Report #" + r.id() + " (" + r.serviceCode() + ") is past its target", "/operations/reports/" + r.id()))
                .toList();
    }

    /**
     * The reports the caller may work, where they are, as GeoJSON (overdue ones in red): the open ones, or those
     * the queue page's filters choose (the same parameters), the newest 1 000 that have a place.
     */
    @GetMapping("/operations/reports/map")
    @RequiresPermission(Permission.REPORTS_WORK)
    ResponseEntity<JsonNode> map(@RequestParam(defaultValue = "open") String status, @RequestParam(defaultValue = "") String service,
            @RequestParam(defaultValue = "") String ward, @RequestParam(defaultValue = "") String department,
            @RequestParam(defaultValue = "false") boolean overdue) {
        SaolaPrincipal caller = CurrentCaller.principal();
        java.time.Instant now = clock.instant();
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode fc = f.objectNode().put("type", "FeatureCollection");
        ArrayNode features = fc.putArray("features");
        QueueFilter filter = new QueueFilter(status, service, ward, department, overdue);
        java.util.Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
        String late = " · " + messages.getMessage("reports.overdue", null, "overdue", locale);
        java.util.Map<ReportStatus, String> said = new java.util.EnumMap<>(ReportStatus.class);   // read once per status
        for (ServiceRequest r : reports.queue(caller, filter.search(now, ReportSearch.MAX_LIMIT, 0))) {
            if (r.lat().isEmpty() || r.lon().isEmpty()) {
                continue;
            }
            boolean isLate = r.overdue(now);
            ObjectNode feature = features.addObject().put("type", "Feature");
            feature.putObject("geometry").put("type", "Point").putArray("coordinates").add(r.lon().get()).add(r.lat().get());
            feature.putObject("properties").put("name", "#" + r.id() + " " + r.serviceCode())
                    .put("colour", isLate ? "#b3261e" : "#1f5fa8")
                    .put("status", said.computeIfAbsent(r.status(),
                            s -> messages.getMessage("reports.status." + s, null, s.name(), locale))
                            + (isLate ? late : ""))
                    .put("href", "/operations/reports/" + r.id());
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/geo+json")).body(fc);
    }
}
