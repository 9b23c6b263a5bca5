package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.saola.context.query.QueryEvaluator;
import org.saola.context.query.QueryLanguage;
import org.saola.context.store.EntityStore;
import org.saola.platform.TenantId;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * One meaning for q (NGSI-LD 1.8.1 §4.9), issue #17: a single table of cases run against both evaluators, the SQL the
 * store runs for queries (over the value index, or the entity's JSON for keys into a compound value) and the
 * in-memory evaluator subscriptions use, on the same stored entities. Each case names the entities it must select.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryCasesTest extends PlatformTest {

    private static final String TYPE = "QCase";
    private static final String DEFAULT = "https://uri.etsi.org/ngsi-ld/default-context/";
    private static final String LONG = "x".repeat(200);

    @Autowired
    EntityStore store;

    /** With an API key: a password is checked slowly on purpose, on every request. */
    private SaolaClient api;

    @BeforeAll
    void entities() {
        api = client().withApiKey(client().issueApiKey("query cases", "ADMIN"));
        String body = "[" + String.join(",",
                entity("n1", """
                        "temperature": {"type": "Property", "value": 21.5, "observedAt": "2026-11-23T08:00:00Z", "unitCode": "CEL"},
                        "lamp": {"type": "Property", "value": "on"}, "active": {"type": "Property", "value": true},
                        "name": {"type": "Property", "value": "Đà Nẵng"}, "tags": {"type": "Property", "value": ["a", "b"]},
                        "readings": {"type": "Property", "value": [1, 5, 9], "observedAt": "2026-11-23T09:00:00Z", "unitCode": "C62"}"""),
                entity("n2", """
                        "temperature": {"type": "Property", "value": 30, "observedAt": "2026-11-24T08:00:00Z"},
                        "lamp": {"type": "Property", "value": "off"}, "active": {"type": "Property", "value": false},
                        "name": {"type": "Property", "value": "Hà Nội\\nline2"}"""),
                entity("n3", """
                        "temperature": {"type": "Property", "value": "hot"}, "lamp": {"type": "Property", "value": "ON"}"""),
                entity("n4", """
                        "temperature": [{"type": "Property", "value": 10, "datasetId": "urn:ds:a"},
                                        {"type": "Property", "value": 40, "datasetId": "urn:ds:b"}]"""),
                entity("n5", """
                        "ownedBy": {"type": "Relationship", "object": "urn:ngsi-ld:Person:alice"}"""),
                entity("n6", """
                        "label": {"type": "LanguageProperty", "languageMap": {"vi": "Cầu Rồng", "en": "Dragon Bridge"}}"""),
                entity("n7", """
                        "temperature": {"type": "Property", "value": 0},
                        "dateProp": {"type": "Property", "value": "2026-11-23T08:00:00+07:00"}"""),
                entity("n8", """
                        "temperature": {"type": "Property", "value": 25, "accuracy": {"type": "Property", "value": 0.5}}"""),
                entity("n9", """
                        "address": {"type": "Property", "value": {"streetAddress": "1 Bạch Đằng", "addressLocality": "Hải Châu"}}"""),
                entity("n10", "\"note\": {\"type\": \"Property\", \"value\": \"" + LONG + "y\"}")) + "]";
        SaolaClient.Response r = api.send("POST", "/ngsi-ld/v1/entityOperations/upsert", body,
                "Content-Type", "application/json");
        assertThat(r.status()).as(r.body()).isIn(201, 204);
    }

    private static String entity(String name, String attributes) {
        return "{\"id\": \"urn:ngsi-ld:QCase:" + name + "\", \"type\": \"" + TYPE + "\", " + attributes + "}";
    }

    static List<Object[]> cases() {
        return List.of(
                c("temperature", "n1 n2 n3 n4 n7 n8"),
                c("temperature>20", "n1 n2 n4 n8"),
                c("temperature>=30", "n2 n4"),
                c("temperature<15", "n4 n7"),
                c("temperature==21.5", "n1"),
                c("temperature==21.5,30", "n1 n2"),
                c("temperature==20..30", "n1 n2 n8"),
                c("temperature!=30", "n1 n3 n4 n7 n8"),
                c("temperature!=10", "n1 n2 n3 n4 n7 n8"),        // n4: its other instance (40) is not 10
                c("temperature!=10,40", "n1 n2 n3 n7 n8"),
                c("temperature==-0", "n7"),
                c("temperature>\"a\"", "n3"),
                c("temperature==true", ""),
                c("lamp==\"on\"", "n1"),
                c("lamp~=(?i)^on$", "n1 n3"),
                c("lamp!~=^o", "n3"),
                c("name~=Đà", "n1"),
                c("name~=(?i)đà", ""),                           // case folding is ASCII only, in both engines
                c("name~=Nội$", ""),                             // $ is the end of the whole value
                c("name~=line2$", "n2"),
                c("name~=Nội.line2", "n2"),                      // . matches a line break too
                c("name~=\\d", "n2"),                          // line2
                c("name~=^[^a-z ]+\\s", "n1 n2"),
                c("name>\"Hà\"", "n1 n2"),                       // Đ (U+0110) and H... by code point
                c("name<\"I\"", "n2"),
                c("active==true", "n1"),
                c("active!=true", "n2"),
                c("tags==\"b\"", "n1"),
                c("readings>8", "n1"),
                c("readings<0", ""),
                c("readings!=5", ""),                            // one of its elements is 5
                c("readings==3..6", "n1"),
                // An instance's members on a value of several candidates (one row each in the value index)
                c("readings.unitCode==\"C62\"", "n1"),
                c("readings.unitCode!=\"C62\"", ""),
                c("readings.unitCode!=\"CEL\"", "n1"),
                c("readings.observedAt>=2026-11-23T09:00:00Z", "n1"),
                c("readings.observedAt!=2026-11-23T09:00:00Z", ""),
                c("ownedBy==urn:ngsi-ld:Person:alice", "n5"),
                c("ownedBy~=alice$", "n5"),
                c("label==\"Dragon Bridge\"", "n6"),
                c("label~=Rồng", "n6"),
                c("temperature.observedAt>2026-11-23T12:00:00Z", "n2"),
                c("temperature.observedAt==2026-11-23T08:00:00Z", "n1"),
                c("temperature.observedAt!=2026-11-23T08:00:00Z", "n2"),
                c("temperature.unitCode==\"CEL\"", "n1"),
                c("temperature.unitCode!=\"CEL\"", ""),
                c("temperature.datasetId==\"urn:ds:b\"", "n4"),
                c("temperature.accuracy<1", "n8"),
                c("temperature.accuracy", "n8"),
                c("dateProp>2026-11-23T00:30:00Z", "n7"),           // 08:00+07:00 is 01:00Z: compared as instants
                c("dateProp==2026-11-23T01:00:00Z", "n7"),
                c("dateProp==\"2026-11-23T08:00:00+07:00\"", "n7"), // and as the string it is
                c("address[addressLocality]==\"Hải Châu\"", "n9"),
                c("address[addressLocality]~=Châu$", "n9"),
                c("note>\"" + LONG + "\"", "n10"),
                c("note==\"" + LONG + "y\"", "n10"),
                c("note==\"" + LONG + "\"", ""),
                c("note==\"xxx\"", ""),                        // a short string is not a long value's prefix
                c("note<\"" + LONG + "z\"", "n10"),
                c("note<\"" + LONG + "y\"", ""),
                c("(temperature>20;lamp==\"on\")|active==false", "n1 n2"),
                c("temperature>20;temperature<25", "n1 n4"),     // n4: one instance each
                c("lamp~=\"^(o|O)n;?$\";active==true", "n1"),  // quoted: ; | ) belong to the expression
                c("(lamp~=^(o|O)N$|ownedBy)", "n3 n5"),
                c("temperature<0|ownedBy", "n5"));
    }

    private static Object[] c(String q, String expected) {
        return new Object[] {q, expected};
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void bothEvaluatorsSelectTheSameEntities(String q, String expected) {
        SaolaClient.Response r = api.get("/ngsi-ld/v1/entities?type=" + TYPE + "&limit=100&q="
                + URLEncoder.encode(q, StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        Set<String> bySql = new TreeSet<>();
        r.json().forEach(e -> bySql.add(e.get("id").asString().substring("urn:ngsi-ld:QCase:".length())));

        QueryLanguage.Q parsed = QueryLanguage.parse(q).mapNames(n -> n.contains(":") ? n : DEFAULT + n);
        Set<String> inMemory = new TreeSet<>();
        for (int i = 1; i <= 10; i++) {
            JsonNode attributes = store.find(new TenantId("default"), "urn:ngsi-ld:QCase:n" + i).orElseThrow().attributes();
            if (QueryEvaluator.matches(parsed, attributes)) {
                inMemory.add("n" + i);
            }
        }
        Set<String> want = new TreeSet<>(expected.isEmpty() ? List.of() : List.of(expected.split(" ")));
        assertThat(bySql).as("the SQL of a query").isEqualTo(want);
        assertThat(inMemory).as("the evaluator of subscriptions").isEqualTo(want);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void expressionsTheEnginesReadDifferentlyAreRefused(String q) {
        SaolaClient.Response r = api.get("/ngsi-ld/v1/entities?type=" + TYPE + "&q="
                + URLEncoder.encode(q, StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("not a regular expression Saola supports");
    }

    static List<String> refused() {
        List<String> out = new ArrayList<>();
        for (String regex : List.of("(?<=a)b", "\\bword", "a++", "[[:alpha:]]", "[a-z&&[^e]]", "(a)\\1", "\\p{L}",
                "a(?i)b", "[]a]", "\\x41")) {
            out.add("name~=" + regex);
        }
        return out;
    }
}
