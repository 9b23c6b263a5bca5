package org.saola.context.api;

import java.util.ArrayList;
import java.util.List;
import org.saola.context.store.HistoryStore;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JacksonSerializable;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.jsontype.TypeSerializer;

/**
 * One attribute of the aggregated temporal representation (§4.5.19), written straight to the response as it is
 * serialized: {@code {"type": "Property", "<method>": [[value, start, end], …], …}}, methods in the order of the
 * first period's values. A year of daily periods of four methods is four arrays of 365 triples an attribute; built as
 * a JSON tree, every triple was an array node and a number node (146 000 of each for 100 entities), made only to be
 * walked once by the writer. Here each period is its aggregate and the text of its bounds, shared between methods
 * and, through the renderer's map of bounds, between attributes and entities.
 */
final class AggregatedAttribute implements JacksonSerializable {

    /** A period's aggregates and the text of its bounds. */
    private record Period(HistoryStore.Aggregate aggregate, String start, String end) {
    }

    private final List<String> methods;
    private final List<Period> periods = new ArrayList<>();

    AggregatedAttribute(HistoryStore.Aggregate first) {
        this.methods = List.copyOf(first.values().keySet());
    }

    /** The next period, with its bounds as text. */
    void add(HistoryStore.Aggregate period, String start, String end) {
        periods.add(new Period(period, start, end));
    }

    @Override
    public void serialize(JsonGenerator g, SerializationContext context) {
        g.writeStartObject();
        g.writeStringProperty("type", "Property");
        for (String method : methods) {
            boolean count = method.endsWith("Count");
            g.writeName(method);
            g.writeStartArray();
            for (Period p : periods) {
                Double value = p.aggregate().values().get(method);
                g.writeStartArray();
                if (value == null) {
                    g.writeNull();
                } else if (count) {
                    g.writeNumber(value.longValue());
                } else {
                    g.writeNumber(value.doubleValue());
                }
                g.writeString(p.start());
                g.writeString(p.end());
                g.writeEndArray();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    @Override
    public void serializeWithType(JsonGenerator g, SerializationContext context, TypeSerializer types) {
        serialize(g, context);
    }
}
