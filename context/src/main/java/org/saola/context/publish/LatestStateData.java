package org.saola.context.publish;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.saola.context.ContextService;
import org.saola.context.StoredEntity;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.publish.DataColumn;
import org.saola.platform.publish.DataOffer;
import org.saola.platform.publish.PublishedData;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The latest state of each entity type in use, offered to the open-data catalogue: one row per attribute of each
 * entity (entity, attribute, value as text and as a number, unit, when observed) with the entity's point, a
 * long table that keeps the same columns whatever attributes a type has. Types another module publishes itself
 * with its own privacy rules (residents' reports: {@code IssueReporting}) are not offered here.
 */
@Component
class LatestStateData implements PublishedData {

    /** Kept by modules that publish them with their own privacy rules. */
    private static final List<String> NOT_OFFERED = List.of("IssueReporting");
    private static final int PAGE = 1000;
    private static final List<DataColumn> COLUMNS = List.of(
            DataColumn.of("entity_id", DataColumn.Type.TEXT, "Mã thực thể", "Entity id"),
            DataColumn.of("attribute", DataColumn.Type.TEXT, "Thuộc tính", "Attribute"),
            DataColumn.of("value", DataColumn.Type.TEXT, "Giá trị", "Value"),
            DataColumn.of("number", DataColumn.Type.NUMERIC, "Giá trị số", "Value as a number"),
            DataColumn.of("unit_code", DataColumn.Type.TEXT, "Đơn vị (UN/CEFACT)", "Unit (UN/CEFACT code)"),
            DataColumn.of("observed_at", DataColumn.Type.TIMESTAMP, "Thời điểm đo (UTC)", "Observed at (UTC)"),
            DataColumn.of("modified_at", DataColumn.Type.TIMESTAMP, "Cập nhật (UTC)", "Modified at (UTC)"),
            DataColumn.of("latitude", DataColumn.Type.NUMERIC, "Vĩ độ", "Latitude"),
            DataColumn.of("longitude", DataColumn.Type.NUMERIC, "Kinh độ", "Longitude"));

    private final ContextService context;

    private final org.saola.context.api.PublicEntities entities;

    LatestStateData(ContextService context, org.saola.context.api.PublicEntities entities) {
        this.context = context;
        this.entities = entities;
    }

    @Override
    public boolean entities(TenantId tenant, String key, Consumer<String> sink) {
        String type = key.startsWith("context.latest:") ? key.substring("context.latest:".length()) : "";
        if (!offeredTypes(context, tenant).contains(type)) {
            return false;
        }
        for (int offset = 0; ; offset += PAGE) {
            List<StoredEntity> page = context.entitiesOfType(tenant, type, PAGE, offset);
            page.forEach(e -> sink.accept(entities.normalized(e)));
            if (page.size() < PAGE) {
                return true;
            }
        }
    }

    @Override
    public List<DataOffer> offers(TenantId tenant) {
        List<DataOffer> offers = new ArrayList<>();
        offeredTypes(context, tenant).forEach(type -> {
            offers.add(new DataOffer("context.latest:" + type, type + " — trạng thái mới nhất", type + " — latest state",
                    "Trạng thái mới nhất của mọi thực thể kiểu " + type + " trong thành phố: mỗi dòng là một thuộc tính của một thực thể,"
                            + " với giá trị, đơn vị, thời điểm đo và vị trí.",
                    "The latest state of every " + type + " entity of the city: one row per attribute of each entity, with its value,"
                            + " unit, time of observation and place.",
                    theme(type), List.of(type, "NGSI-LD", "Smart Data Models"), "CONT", Optional.empty(), COLUMNS, Optional.empty()));
        });
        return offers;
    }

    @Override
    public void rows(TenantId tenant, String key, Consumer<List<Object>> sink) {
        String type = key.startsWith("context.latest:") ? key.substring("context.latest:".length()) : "";
        if (!offeredTypes(context, tenant).contains(type)) {
            throw new NotFoundException("no dataset '" + key + "'");
        }
        for (int offset = 0; ; offset += PAGE) {
            List<StoredEntity> page = context.entitiesOfType(tenant, type, PAGE, offset);
            page.forEach(e -> rows(e, sink));
            if (page.size() < PAGE) {
                return;
            }
        }
    }

    private void rows(StoredEntity e, Consumer<List<Object>> sink) {
        BigDecimal[] point = point(e.attributes().get(context.expand("location")));
        Instant modified = e.modifiedAt();
        for (Map.Entry<String, JsonNode> a : e.attributes().properties()) {
            String name = context.compact(a.getKey());
            if (name.equals("location")) {
                continue;
            }
            JsonNode attr = a.getValue().isArray() ? a.getValue().get(0) : a.getValue();
            if (attr == null) {
                continue;
            }
            JsonNode v = attr.has("object") ? attr.get("object") : attr.has("value") ? attr.get("value") : attr.get("languageMap");
            String text = v == null ? null : v.isValueNode() ? v.asString() : v.toString();
            BigDecimal number = v != null && v.isNumber() ? v.decimalValue() : null;
            Instant observed = observedAt(attr);
            sink.accept(Arrays.asList(e.id(), name, text, number, attr.has("unitCode") ? attr.get("unitCode").asString() : null,
                    observed, modified, point[0], point[1]));
        }
    }

    private static Instant observedAt(JsonNode attr) {
        if (!attr.has("observedAt")) {
            return null;
        }
        try {
            return Instant.parse(attr.get("observedAt").asString());
        } catch (java.time.format.DateTimeParseException e) {
            return null;                                 // stored as the client wrote it: a time with an offset, say
        }
    }

    /**
     * The entity types in use that can be published from context, as terms: not those another module publishes
     * itself with its own privacy rules, and only names a dataset key can carry.
     */
    static List<String> offeredTypes(ContextService context, TenantId tenant) {
        return context.typeCounts(tenant).keySet().stream().map(context::compact)
                .filter(type -> !NOT_OFFERED.contains(type) && type.matches("[A-Za-z0-9_.-]{1,100}")).toList();
    }

    /** The latitude and longitude of a GeoJSON Point, or nulls. */
    private static BigDecimal[] point(JsonNode location) {
        JsonNode l = location != null && location.isArray() ? location.get(0) : location;
        JsonNode value = l == null ? null : l.get("value");
        if (value != null && "Point".equals(value.path("type").asString("")) && value.path("coordinates").size() >= 2) {
            return new BigDecimal[] {value.get("coordinates").get(1).decimalValue(), value.get("coordinates").get(0).decimalValue()};
        }
        return new BigDecimal[] {null, null};
    }

    static String theme(String type) {
        if (type.matches("(?i).*(Traffic|Parking|Vehicle|Road|Transport|Bike).*")) {
            return "TRAN";
        }
        if (type.matches("(?i).*(Streetlight|Energy|Power).*")) {
            return "ENER";
        }
        if (type.matches("(?i).*(Air|Noise|Weather|Water|Flood|Waste|Green|Environment).*")) {
            return "ENVI";
        }
        return "REGI";
    }
}
