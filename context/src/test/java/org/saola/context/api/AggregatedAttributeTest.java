package org.saola.context.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.saola.context.store.HistoryStore;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The aggregated representation written as it is serialized gives the text the JSON tree it replaced gave: members
 * in the same order, counts as whole numbers, a method with no value (an average of no number) as null, and each
 * period's bounds after its value.
 */
class AggregatedAttributeTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void writesWhatTheTreeWrote() {
        List<HistoryStore.Aggregate> periods = List.of(
                aggregate(T0, 1440.0, 2.5, 0.25, 3.0),
                aggregate(T0.plusSeconds(86_400), 1.0, null, null, null),
                aggregate(T0.plusSeconds(172_800), 1439.0, -1.0e-7, -4.0, 1.0e21));

        AggregatedAttribute streamed = new AggregatedAttribute(periods.getFirst());
        for (HistoryStore.Aggregate a : periods) {
            streamed.add(a, a.start().toString(), a.end().toString());
        }
        ObjectNode entity = JsonNodeFactory.instance.objectNode().put("id", "urn:ngsi-ld:Gauge:1").put("type", "Gauge");
        entity.putPOJO("level", streamed);
        entity.put("after", true);

        assertThat(JSON.writeValueAsString(entity)).isEqualTo(JSON.writeValueAsString(tree(periods)));
        assertThat(JSON.writeValueAsString(entity)).contains("\"totalCount\":[[1440,\"2025-01-01T00:00:00Z\","
                + "\"2025-01-02T00:00:00Z\"],[1,").contains("\"avg\":[[2.5,").contains("[null,\"2025-01-02T00:00:00Z\"")
                .endsWith(",\"after\":true}");
        // A list of entities holding it (a query's answer) is written the same way.
        assertThat(JSON.writeValueAsString(List.of(entity, entity))).isEqualTo(JSON.writeValueAsString(
                List.of(tree(periods), tree(periods))));
    }

    private static HistoryStore.Aggregate aggregate(Instant start, Double count, Double avg, Double min, Double max) {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("totalCount", count);
        values.put("avg", avg);
        values.put("min", min);
        values.put("max", max);
        return new HistoryStore.Aggregate("urn:ngsi-ld:Gauge:1", "https://example.org/level", start,
                start.plusSeconds(86_400), values);
    }

    /** The representation as the renderer built it before (session 29): a tree of arrays. */
    private static ObjectNode tree(List<HistoryStore.Aggregate> periods) {
        ObjectNode out = JsonNodeFactory.instance.objectNode().put("id", "urn:ngsi-ld:Gauge:1").put("type", "Gauge");
        ObjectNode attr = out.putObject("level").put("type", "Property");
        for (HistoryStore.Aggregate a : periods) {
            a.values().forEach((method, value) -> {
                ArrayNode p = (attr.has(method) ? (ArrayNode) attr.get(method) : attr.putArray(method)).addArray();
                if (value == null) {
                    p.addNull();
                } else if (method.endsWith("Count")) {
                    p.add(value.longValue());
                } else {
                    p.add(value);
                }
                p.add(a.start().toString()).add(a.end().toString());
            });
        }
        out.put("after", true);
        return out;
    }
}
