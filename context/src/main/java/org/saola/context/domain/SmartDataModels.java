package org.saola.context.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Smart Data Models Saola bundles (see {@code sdm/NOTICE.md}), and what it checks of an entity against
 * its model: required attributes, JSON types, enumerations and ranges. A model is found by its type IRI,
 * or by its name when the type was written without the model's @context (the NGSI-LD default vocabulary);
 * attributes likewise by IRI or by name.
 */
public final class SmartDataModels {

    private static final String DEFAULT_VOCAB = "https://uri.etsi.org/ngsi-ld/default-context/";



    private record Model(String name, String typeIri, List<String> required, Map<String, JsonNode> properties,
            Map<String, String> nameByIri) {
    }

    private final Map<String, Model> byTypeIri = new HashMap<>();
    private final List<String> names = new ArrayList<>();

    public SmartDataModels() {
        try (InputStream in = SmartDataModels.class.getResourceAsStream("/sdm/smart-data-models.json")) {
            JsonNode models = JsonMapper.builder().build().readTree(in).get("models");
            for (Map.Entry<String, JsonNode> m : models.properties()) {
                Map<String, JsonNode> props = new HashMap<>();
                Map<String, String> nameByIri = new HashMap<>();
                for (Map.Entry<String, JsonNode> p : m.getValue().get("properties").properties()) {
                    props.put(p.getKey(), p.getValue());
                    String iri = p.getValue().path("iri").asString(null);
                    if (iri != null) {
                        nameByIri.put(iri, p.getKey());
                    }
                    nameByIri.put(DEFAULT_VOCAB + p.getKey(), p.getKey());
                }
                List<String> required = new ArrayList<>();
                m.getValue().get("required").forEach(r -> required.add(r.asString()));
                Model model = new Model(m.getKey(), m.getValue().get("typeIri").asString(), List.copyOf(required),
                        props, nameByIri);
                byTypeIri.put(model.typeIri(), model);
                names.add(model.name());
                byTypeIri.put(DEFAULT_VOCAB + model.name(), model);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("bundled Smart Data Models missing", e);
        }
    }

    /** The names of the models bundled. */
    public List<String> names() {
        return List.copyOf(names);
    }

    /** The model of an entity type, if Saola bundles one. */
    public Optional<String> modelOf(String typeIri) {
        return Optional.ofNullable(byTypeIri.get(typeIri)).map(Model::name);
    }

    /**
     * What is wrong with attributes (IRI → normalized instance) of an entity of a type, against its model;
     * empty if nothing is, or if the type has no bundled model. {@code partial}: the attributes are some of
     * the entity's (an update), so missing required ones are not reported.
     */
    public List<String> violations(String typeIri, ObjectNode attributes, boolean partial) {
        Model model = byTypeIri.get(typeIri);
        if (model == null) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        Map<String, JsonNode> present = new HashMap<>();
        for (Map.Entry<String, JsonNode> a : attributes.properties()) {
            String name = model.nameByIri().get(a.getKey());
            if (name != null) {
                present.put(name, a.getValue());
            }
        }
        if (!partial) {
            for (String r : model.required()) {
                if (!present.containsKey(r)) {
                    problems.add(model.name() + " requires " + r);
                }
            }
        }
        present.forEach((name, held) -> org.saola.context.AttributeInstances.of(held)
                .forEach(instance -> check(model, name, instance, problems)));
        return problems;
    }

    private static void check(Model model, String name, JsonNode instance, List<String> problems) {
        JsonNode schema = model.properties().get(name);
        JsonNode value = instance.has("object") ? instance.get("object") : instance.get("value");
        if (value == null || schema == null) {
            return;
        }
        if (value.isObject() && value.has("@value")) {
            value = value.get("@value");
        }
        String where = model.name() + "." + name + ": ";
        String type = schema.path("type").asString("");
        boolean ok = switch (type) {
            case "number" -> value.isNumber();
            case "integer" -> value.isIntegralNumber() || (value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0);
            case "string" -> value.isString();
            case "boolean" -> value.isBoolean();
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            default -> true;
        };
        if (!ok) {
            problems.add(where + "expected a " + type + ", got " + value);
            return;
        }
        if (schema.has("enum") && value.isString()) {
            boolean listed = false;
            for (JsonNode e : schema.get("enum")) {
                listed |= e.asString("").equals(value.asString());
            }
            if (!listed) {
                problems.add(where + "'" + value.asString() + "' is not one of " + schema.get("enum"));
            }
        }
        if (value.isNumber()) {
            BigDecimal v = value.decimalValue();
            if (schema.has("minimum") && v.compareTo(schema.get("minimum").decimalValue()) < 0) {
                problems.add(where + value + " is below the minimum " + schema.get("minimum"));
            }
            if (schema.has("maximum") && v.compareTo(schema.get("maximum").decimalValue()) > 0) {
                problems.add(where + value + " is above the maximum " + schema.get("maximum"));
            }
        }
        if ("date-time".equals(schema.path("format").asString("")) && value.isString()) {
            try {
                java.time.OffsetDateTime.parse(value.asString());
            } catch (DateTimeParseException e) {
                problems.add(where + "'" + value.asString() + "' is not an ISO 8601 date-time");
            }
        }
    }
}
