package org.saola.reports.domain;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.saola.context.Attribute;
import org.saola.context.ContextService;
import org.saola.context.EntityUpdate;
import org.saola.reports.store.CatalogueStore;
import org.saola.reports.store.ReportStore;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps each report's NGSI-LD entity (Smart Data Model {@code IssueReporting}) caught up with the report, so
 * reports show on the operations map, in rules and in open data like any other thing the city knows. The
 * entity carries no personal data and not the resident's own words (the description stays with the report,
 * whose pages moderate it); its location is the public one (approximate for sensitive categories).
 *
 * <p>Durable without a second write path: a report changed since its entity was last written is found by
 * {@code projected_at < updated_at}, so a crash between the two loses nothing, and any node may do it (rows
 * are taken with SKIP LOCKED).
 */
public class ReportProjection {

    static final String TYPE = "IssueReporting";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ReportStore reports;
    private final CatalogueStore catalogue;
    private final ContextService context;

    public ReportProjection(ReportStore reports, CatalogueStore catalogue, ContextService context) {
        this.reports = reports;
        this.catalogue = catalogue;
        this.context = context;
    }

    /** Writes the entities of up to {@code batch} reports changed since; how many. */
    @Transactional
    public int catchUp(int batch) {
        List<ServiceRequest> due = reports.unprojected(batch);
        Map<String, Optional<ServiceDefinition>> services = new HashMap<>();
        List<CompletableFuture<Void>> writes = due.stream().map(r -> {
            Optional<ServiceDefinition> s = services.computeIfAbsent(r.tenant().value() + "\n" + r.serviceCode(),
                    k -> catalogue.find(r.tenant(), r.serviceCode()));
            return context.upsert(entity(r, s));
        }).toList();
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
        for (ServiceRequest r : due) {
            reports.projected(r.tenant(), r.id(), r.updatedAt());
        }
        return due.size();
    }

    static EntityUpdate entity(ServiceRequest r, Optional<ServiceDefinition> service) {
        Map<String, Attribute> a = new HashMap<>();
        a.put("reportId", Attribute.property(JSON.stringNode(String.valueOf(r.id()))));
        a.put("categoryCode", Attribute.property(JSON.stringNode(r.serviceCode())));
        service.ifPresent(s -> a.put("category", Attribute.property(JSON.stringNode(s.nameEn()))));
        a.put("resolutionStatus", Attribute.property(JSON.stringNode(r.status().resolutionStatus())));
        a.put("status", Attribute.property(JSON.stringNode(r.status().name())));
        r.department().ifPresent(d -> a.put("departmentId", Attribute.property(JSON.stringNode(d))));
        if (!r.ward().isEmpty()) {
            a.put("wardId", Attribute.property(JSON.stringNode(r.ward())));
        }
        a.put("supporters", Attribute.property(JSON.numberNode(r.supporters())));
        a.put("dateIssued", Attribute.property(JSON.stringNode(r.requestedAt().toString())));
        a.put("dueDate", Attribute.property(JSON.stringNode(r.expectedAt().toString())));
        r.closedAt().ifPresent(c -> a.put("dateResolved", Attribute.property(JSON.stringNode(c.toString()))));
        if (r.lat().isPresent()) {
            Privacy privacy = service.map(ServiceDefinition::privacy).orElse(Privacy.APPROXIMATE);
            ObjectNode point = JSON.objectNode().put("type", "Point");
            point.putArray("coordinates").add(privacy.publicCoordinate(r.lon().get()))
                    .add(privacy.publicCoordinate(r.lat().get()));
            a.put("location", Attribute.geoProperty(point));
        }
        return new EntityUpdate(r.tenant(), r.entityId(), TYPE, a);
    }
}
