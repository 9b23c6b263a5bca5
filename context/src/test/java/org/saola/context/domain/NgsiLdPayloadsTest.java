package org.saola.context.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.saola.context.jsonld.JsonLdContexts;
import org.saola.platform.InvalidInputException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class NgsiLdPayloadsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<URI> CORE = List.of(JsonLdContexts.CORE_CONTEXT);
    private static final String DEFAULT = "https://uri.etsi.org/ngsi-ld/default-context/";
    private final NgsiLdPayloads payloads = new NgsiLdPayloads(JsonLdContexts.bundled());

    private NgsiLdPayloads.ParsedEntity entity(String body) {
        return payloads.entity(JSON.readTree(body), CORE);
    }

    @Test
    void namesAreExpandedAndInstancesNormalized() {
        var e = entity("""
                {"id": "urn:ngsi-ld:T:1", "type": "T", "createdAt": "ignored",
                 "temp": {"value": 3, "observedAt": "2026-11-23T08:00:00.000+07:00", "acc": 0.1},
                 "location": {"type": "Point", "coordinates": [108.2, 16.0]}}""");
        assertThat(e.type()).isEqualTo(DEFAULT + "T");
        assertThat(e.attributes().propertyNames()).containsExactlyInAnyOrder(DEFAULT + "temp",
                "https://uri.etsi.org/ngsi-ld/location");
        JsonNode temp = e.attributes().get(DEFAULT + "temp");
        assertThat(temp.get("type").asString()).isEqualTo("Property");
        assertThat(temp.get("observedAt").asString()).isEqualTo("2026-11-23T01:00:00Z");
        assertThat(temp.at("/" + DEFAULT.replace("/", "~1") + "acc/value").asDouble()).isEqualTo(0.1);
        assertThat(e.attributes().at("/https:~1~1uri.etsi.org~1ngsi-ld~1location/type").asString())
                .isEqualTo("GeoProperty");
    }

    @Test
    void badAttributesAreRefusedNamingThem() {
        assertThatThrownBy(() -> entity("{\"id\": \"urn:x:1\", \"type\": \"T\", \"r\": {\"type\": \"Relationship\", \"object\": 5}}"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("r: a Relationship's object");
        assertThatThrownBy(() -> entity("{\"id\": \"urn:x:1\", \"type\": \"T\", \"p\": {\"type\": \"Property\"}}"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("p: 'value' is required");
        assertThatThrownBy(() -> entity("{\"id\": \"urn:x:1\", \"type\": \"T\", \"p\": {\"type\": \"Foo\", \"value\": 1}}"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not one of");
        assertThatThrownBy(() -> entity("{\"id\": \"urn:x:1\", \"type\": \"T\", \"p\": {\"value\": 1, \"observedAt\": \"today\"}}"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("observedAt 'today'");
        assertThatThrownBy(() -> entity("{\"id\": \"urn:x:1\", \"type\": \"T\", \"l\": {\"languageMap\": {\"vi\": 1}}}"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("languageMap value for 'vi'");
    }

    @Test
    void severalTypesAndScopesAreReadExpandedAndWithoutRepeats() {
        var e = entity("{\"id\": \"urn:x:1\", \"type\": [\"A\", \"B\", \"A\"], \"scope\": [\"DaNang/HaiChau\", \"/Parks\"]}");
        assertThat(e.types()).containsExactly(DEFAULT + "A", DEFAULT + "B");
        assertThat(e.scopes()).containsExactly("/DaNang/HaiChau", "/Parks");
        assertThat(e.attributes().isEmpty()).isTrue();
        assertThatThrownBy(() -> entity("{\"id\": \"urn:x:1\", \"type\": \"A\", \"scope\": \"/Da Nang\"}"))
                .hasMessageContaining("scope");
        assertThatThrownBy(() -> entity("{\"id\": \"urn:x:1\", \"type\": []}")).hasMessageContaining("type");
    }

    @Test
    void multiAttributesHoldInstancesWithDistinctDatasetIds() {
        var e = entity("{\"id\": \"urn:x:1\", \"type\": \"T\", \"p\": [{\"value\": 1}, {\"value\": 2, \"datasetId\": \"urn:d:2\"}]}");
        assertThat(e.attributes().get(DEFAULT + "p")).hasSize(2);
        assertThat(e.attributes().get(DEFAULT + "p").get(1).get("datasetId").asString()).isEqualTo("urn:d:2");
        assertThat(entity("{\"id\": \"urn:x:1\", \"type\": \"T\", \"p\": [{\"value\": 1}]}").attributes()
                .get(DEFAULT + "p").isObject()).isTrue();
        assertThatThrownBy(() -> entity("{\"id\": \"urn:x:1\", \"type\": \"T\", \"p\": [{\"value\": 1}, {\"value\": 2}]}"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("at most one instance has no datasetId");
        assertThatThrownBy(() -> entity("{\"id\": \"urn:x:1\", \"type\": \"T\", \"p\": [{\"value\": 1, \"datasetId\": \"urn:d:2\"}, "
                + "{\"value\": 2, \"datasetId\": \"urn:d:2\"}]}"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("two instances have the datasetId");
        assertThatThrownBy(() -> entity("{\"id\": \"urn:x:1\", \"type\": \"T\", \"p\": {\"value\": 1, \"datasetId\": \"d2\"}}"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not an absolute URI");
    }

    @Test
    void aFragmentForAPartialUpdateNeedsSomethingToUpdate() {
        assertThatThrownBy(() -> payloads.attributeFragment("p", JSON.readTree("{}"), CORE))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("nothing to update");
        assertThat(payloads.attributeFragment("p", JSON.readTree("{\"value\": 2}"), CORE).get("value").asInt()).isEqualTo(2);
    }
}
