package org.saola.reports.api;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * An Open311 GeoReport v2 response, written once and rendered as the specification's XML or as its JSON, which
 * the specification defines as the XML mapped by the Spark convention: a root that is a list of repeated
 * elements ({@code <services>}, {@code <service_requests>}, {@code <errors>}) becomes a top-level array, other
 * roots ({@code <service_definition>}, {@code <discovery>}) a top-level object, inner lists are always arrays,
 * empty elements are {@code null}. Element order is the order of the specification's tables.
 */
final class Open311Document {

    /** An element: a value (text, number, boolean, or null for empty), an object, or a list. */
    sealed interface Node permits Value, Element, ListOf {
        String name();
    }

    record Value(String name, Object value) implements Node {
    }

    record Element(String name, List<Node> children) implements Node {
    }

    /** A list of repeated {@code item} elements (objects, or values). */
    record ListOf(String name, String item, List<?> items) implements Node {
    }

    /** Builds an element's children in order. */
    static final class Builder {
        private final List<Node> children = new ArrayList<>();

        Builder value(String name, Object value) {
            children.add(new Value(name, value));
            return this;
        }

        Builder list(String name, String item, List<?> items) {
            children.add(new ListOf(name, item, items));
            return this;
        }

        Element build(String name) {
            return new Element(name, List.copyOf(children));
        }
    }

    private Open311Document() {
    }

    static String xml(Node root) {
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        write(root, out);
        return out.toString();
    }

    private static void write(Node node, StringBuilder out) {
        switch (node) {
            case Value v -> {
                if (v.value() == null || v.value().toString().isEmpty()) {
                    out.append('<').append(v.name()).append("/>");
                } else {
                    out.append('<').append(v.name()).append('>').append(escape(v.value().toString()))
                            .append("</").append(v.name()).append('>');
                }
            }
            case Element e -> {
                out.append('<').append(e.name()).append('>');
                e.children().forEach(c -> write(c, out));
                out.append("</").append(e.name()).append('>');
            }
            case ListOf l -> {
                out.append('<').append(l.name()).append('>');
                for (Object item : l.items()) {
                    write(item instanceof Element e ? new Element(l.item(), e.children()) : new Value(l.item(), item), out);
                }
                out.append("</").append(l.name()).append('>');
            }
        }
    }

    /** Escapes text for XML 1.0, dropping the control characters XML cannot carry at all. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    static JsonNode json(Node root) {
        return switch (root) {
            case ListOf l -> items(l);
            case Element e -> object(e);
            case Value v -> scalar(v.value());
        };
    }

    private static ArrayNode items(ListOf l) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (Object item : l.items()) {
            a.add(item instanceof Element e ? object(e) : scalar(item));
        }
        return a;
    }

    private static ObjectNode object(Element e) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        for (Node c : e.children()) {
            o.set(c.name(), switch (c) {
                case Value v -> scalar(v.value());
                case Element inner -> object(inner);
                case ListOf l -> items(l);
            });
        }
        return o;
    }

    private static JsonNode scalar(Object value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (value) {
            case null -> f.nullNode();
            case Boolean b -> f.booleanNode(b);
            case Integer i -> f.numberNode(i);
            case Long l -> f.numberNode(l);
            case Double d -> f.numberNode(d);
            default -> value.toString().isEmpty() ? f.nullNode() : f.stringNode(value.toString());
        };
    }
}
