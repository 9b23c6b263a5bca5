package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.saola.SaolaApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Federation (ETSI GS CIM 009 V1.8.1 §4.3.6, §5.7): a second Saola, with its own embedded database, is a
 * department's broker registered as a context source of this one. Retrievals and queries here also reach it and
 * merge its entities with this broker's own; local=true does not; a loop of registrations ends; a source that
 * cannot be reached is a warning, not a failure; csf chooses the sources.
 */
class FederationTest extends PlatformTest {

    private static ConfigurableApplicationContext department;
    private static String departmentUrl;
    private static String departmentKey;
    private static SaolaClient departmentApi;

    private SaolaClient api;
    private String apiKey;
    private String type;

    @BeforeEach
    void brokers() throws Exception {
        apiKey = client().issueApiKey("federation");
        api = client().withApiKey(apiKey);
        type = "WaterObserved" + UUID.randomUUID().toString().substring(0, 8);
        if (department == null) {
            Path dir = TestDataDirs.create("saola-department-");
            department = new SpringApplicationBuilder(SaolaApplication.class).run("--server.port=0",
                    "--saola.data-dir=" + dir, "--saola.db.data-dir=" + dir, "--saola.mqtt.data-dir=" + dir.resolve("mqtt"),
                    "--saola.mqtt.port=0", "--saola.admin.password=" + ADMIN_PASSWORD, "--saola.simulator.enabled=false",
                    "--saola.outbound.allowed-networks[0]=127.0.0.1/32", "--saola.retention.first-after=1000h",
                    "--saola.opendata.check-every=1000h", "--saola.indicators.compute-every=1000h");
            departmentUrl = "http://127.0.0.1:" + ((WebServerApplicationContext) department).getWebServer().getPort();
            SaolaClient admin = new SaolaClient(departmentUrl, "admin", ADMIN_PASSWORD);
            departmentKey = admin.issueApiKey("city broker");
            departmentApi = admin.withApiKey(departmentKey);
        }
    }

    /** This test's registrations go with it: the tenant is shared with the other tests of the run. */
    @org.junit.jupiter.api.AfterEach
    void unregister() {
        for (String t : List.of(type, "Tank" + type)) {
            for (JsonNode r : api.get("/ngsi-ld/v1/csourceRegistrations?limit=100&type=" + t).json()) {
                api.delete("/ngsi-ld/v1/csourceRegistrations/" + r.get("id").asString());
            }
        }
    }

    @AfterAll
    static void stopDepartment() {
        if (department != null) {
            department.close();
            department = null;
        }
    }

    private String register(SaolaClient on, String endpoint, String key, String extra) {
        SaolaClient.Response r = on.post("/ngsi-ld/v1/csourceRegistrations", """
                {"type": "ContextSourceRegistration", "information": [{"entities": [{"type": "%s"}]}],
                 "endpoint": "%s", "mode": "inclusive", %s
                 "contextSourceInfo": [{"key": "Authorization", "value": "Bearer %s"}]}"""
                .formatted(type, endpoint, extra, key));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.header("Location").substring("/ngsi-ld/v1/csourceRegistrations/".length());
    }

    /** An exclusive source of this test's type's colour that cannot be reached; its registration's id. */
    private String deadColourSource() {
        SaolaClient.Response dead = api.post("/ngsi-ld/v1/csourceRegistrations", """
                {"type": "ContextSourceRegistration", "endpoint": "http://127.0.0.1:9", "mode": "exclusive",
                 "operations": ["redirectionOps"], "information": [{"entities": [{"type": "%s"}], "propertyNames": ["colour"]}]}"""
                .formatted(type));
        return dead.header("Location").substring("/ngsi-ld/v1/csourceRegistrations/".length());
    }

    private static void create(SaolaClient on, String body) {
        SaolaClient.Response r = on.post("/ngsi-ld/v1/entities", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    @Test
    void retrievalsAndQueriesReachTheRegisteredSourceAndMergeItsEntities() {
        String both = "urn:ngsi-ld:" + type + ":both";
        create(api, """
                {"id": "urn:ngsi-ld:%1$s:city", "type": "%1$s", "flow": 1.0}""".formatted(type));
        create(api, """
                {"id": "%2$s", "type": "%1$s", "flow": {"type": "Property", "value": 2.0, "observedAt": "2026-11-30T08:00:00Z"},
                 "gauge": "city"}""".formatted(type, both));
        create(departmentApi, """
                {"id": "%2$s", "type": "%1$s", "flow": {"type": "Property", "value": 2.5, "observedAt": "2026-11-30T09:00:00Z"},
                 "turbidity": 4.0}""".formatted(type, both));
        create(departmentApi, """
                {"id": "urn:ngsi-ld:%1$s:department", "type": "%1$s", "flow": 3.0}""".formatted(type));
        String registration = register(api, departmentUrl, departmentKey, "\"operator\": \"DAWACO\",");
        assertThat(api.get("/ngsi-ld/v1/csourceRegistrations/" + registration).body())
                .as("the key Saola sends the source is never shown back").doesNotContain(departmentKey).contains("****");

        // Retrieve (§5.7.1): an entity the department alone holds, and one both hold, merged.
        JsonNode theirs = api.get("/ngsi-ld/v1/entities/urn:ngsi-ld:" + type + ":department").json();
        assertThat(theirs.at("/flow/value").asDouble()).isEqualTo(3.0);
        JsonNode merged = api.get("/ngsi-ld/v1/entities/" + both).json();
        assertThat(merged.at("/flow/value").asDouble()).as("the more recent observation").isEqualTo(2.5);
        assertThat(merged.at("/gauge/value").asString()).as("the city's own attribute").isEqualTo("city");
        assertThat(merged.at("/turbidity/value").asDouble()).as("the department's attribute").isEqualTo(4.0);

        // Query (§5.7.2): both brokers' entities, merged, in id order, counted.
        SaolaClient.Response q = api.get("/ngsi-ld/v1/entities?type=" + type + "&count=true&limit=10");
        assertThat(ids(q.json())).containsExactly(both, "urn:ngsi-ld:" + type + ":city", "urn:ngsi-ld:" + type + ":department");
        assertThat(q.header("NGSILD-Results-Count")).isEqualTo("3");
        assertThat(q.json().get(0).at("/turbidity/value").asDouble()).isEqualTo(4.0);
        SaolaClient.Response page = api.get("/ngsi-ld/v1/entities?type=" + type + "&limit=1&offset=2");
        assertThat(ids(page.json())).containsExactly("urn:ngsi-ld:" + type + ":department");
        SaolaClient.Response filtered = api.get("/ngsi-ld/v1/entities?type=" + type + "&q=flow%3E2.7");
        assertThat(ids(filtered.json())).as("q is the source's to apply too").containsExactly("urn:ngsi-ld:" + type + ":department");

        // local=true: this broker's entities only.
        assertThat(ids(api.get("/ngsi-ld/v1/entities?type=" + type + "&local=true").json()))
                .containsExactly(both, "urn:ngsi-ld:" + type + ":city");
        // csf chooses the sources by their registration's properties.
        assertThat(ids(api.get("/ngsi-ld/v1/entities?type=" + type + "&csf=operator==%22other%22").json()))
                .containsExactly(both, "urn:ngsi-ld:" + type + ":city");
        // §5.7.7 and §5.7.10 with §5.7.11's forwarding: the sources' counts are added and their attributes joined.
        JsonNode typeInfo = api.get("/ngsi-ld/v1/types/" + type).json();
        assertThat(typeInfo.get("entityCount").asLong()).as("2 here, 2 there (one of them the same)").isEqualTo(4);
        List<String> attributeNames = new ArrayList<>();
        typeInfo.get("attributeDetails").forEach(a -> attributeNames.add(a.get("attributeName").asString()));
        assertThat(attributeNames).contains("flow", "gauge", "turbidity");
        assertThat(api.get("/ngsi-ld/v1/types/" + type + "?local=true").json().get("entityCount").asLong()).isEqualTo(2);
        SaolaClient.Response localTurbidity = api.get("/ngsi-ld/v1/attributes/turbidity?local=true");
        long here = localTurbidity.status() == 404 ? 0 : localTurbidity.json().get("attributeCount").asLong();
        long there = departmentApi.get("/ngsi-ld/v1/attributes/turbidity?local=true").json().get("attributeCount").asLong();
        JsonNode turbidity = api.get("/ngsi-ld/v1/attributes/turbidity").json();
        assertThat(turbidity.get("attributeCount").asLong()).isEqualTo(here + there);
        assertThat(turbidity.get("typeNames").toString()).contains(type);

        // A query by POST goes the same way.
        SaolaClient.Response posted = api.post("/ngsi-ld/v1/entityOperations/query",
                "{\"type\": \"Query\", \"entities\": [{\"type\": \"" + type + "\"}]}");
        assertThat(ids(posted.json())).hasSize(3);
    }

    @Test
    void writesGoToTheSourcesRegisteredForThemByModeAndReadsTakeTheirValues() {
        String id = "urn:ngsi-ld:" + type + ":gauge";
        create(api, """
                {"id": "%s", "type": "%s", "flow": 1.0}""".formatted(id, type));
        create(departmentApi, """
                {"id": "%s", "type": "%s", "turbidity": 3.0, "flow": 9.0}""".formatted(id, type));
        // The department's broker holds the gauges' turbidity (exclusive): it takes its writes, Saola does not.
        SaolaClient.Response r = api.post("/ngsi-ld/v1/csourceRegistrations", """
                {"type": "ContextSourceRegistration", "endpoint": "%s", "mode": "exclusive",
                 "operations": ["redirectionOps"],
                 "information": [{"entities": [{"type": "%s"}], "propertyNames": ["turbidity"]}],
                 "contextSourceInfo": [{"key": "Authorization", "value": "Bearer %s"}]}"""
                .formatted(departmentUrl, type, departmentKey));
        assertThat(r.status()).as(r.body()).isEqualTo(201);

        SaolaClient.Response patched = api.send("PATCH", "/ngsi-ld/v1/entities/" + id + "/attrs",
                "{\"flow\": 2.0, \"turbidity\": 4.0}");
        assertThat(patched.status()).as(patched.body()).isEqualTo(204);
        JsonNode theirs = departmentApi.get("/ngsi-ld/v1/entities/" + id).json();
        assertThat(theirs.at("/turbidity/value").asDouble()).as("sent to the source").isEqualTo(4.0);
        assertThat(theirs.at("/flow/value").asDouble()).as("not registered there: not sent").isEqualTo(9.0);
        JsonNode ours = api.get("/ngsi-ld/v1/entities/" + id + "?local=true").json();
        assertThat(ours.at("/flow/value").asDouble()).isEqualTo(2.0);
        assertThat(ours.has("turbidity")).as("the source holds it, not Saola").isFalse();
        JsonNode merged = api.get("/ngsi-ld/v1/entities/" + id).json();
        assertThat(merged.at("/turbidity/value").asDouble()).as("the exclusive source's value").isEqualTo(4.0);
        assertThat(merged.at("/flow/value").asDouble()).as("Saola's own, for what the source is not registered for")
                .isEqualTo(2.0);

        // An append goes the same way.
        assertThat(api.post("/ngsi-ld/v1/entities/" + id + "/attrs", "{\"turbidity\": 5.5}").status()).isEqualTo(204);
        assertThat(departmentApi.get("/ngsi-ld/v1/entities/" + id).json().at("/turbidity/value").asDouble()).isEqualTo(5.5);

        // A source that cannot take a write it holds: 207 naming the attribute and the registration.
        SaolaClient.Response dead = api.post("/ngsi-ld/v1/csourceRegistrations", """
                {"type": "ContextSourceRegistration", "endpoint": "http://127.0.0.1:9", "mode": "exclusive",
                 "operations": ["updateOps"], "information": [{"entities": [{"type": "%s"}], "propertyNames": ["colour"]}]}"""
                .formatted(type));
        String deadId = dead.header("Location").substring("/ngsi-ld/v1/csourceRegistrations/".length());
        SaolaClient.Response partly = api.send("PATCH", "/ngsi-ld/v1/entities/" + id + "/attrs",
                "{\"flow\": 2.5, \"colour\": 7}");
        assertThat(partly.status()).as(partly.body()).isEqualTo(207);
        assertThat(partly.json().at("/notUpdated/0/attributeName").asString()).isEqualTo("colour");
        assertThat(partly.json().at("/notUpdated/0/reason").asString()).contains(deadId);
        assertThat(partly.json().get("updated").toString()).contains("flow");

        // One attribute at a time, and a merge, go the same way.
        SaolaClient.Response one = api.send("PATCH", "/ngsi-ld/v1/entities/" + id + "/attrs/turbidity", "{\"value\": 6.0}");
        assertThat(one.status()).as(one.body()).isEqualTo(204);
        assertThat(departmentApi.get("/ngsi-ld/v1/entities/" + id).json().at("/turbidity/value").asDouble()).isEqualTo(6.0);
        SaolaClient.Response merged2 = api.send("PATCH", "/ngsi-ld/v1/entities/" + id, "{\"turbidity\": 7.0, \"flow\": 3.0}");
        assertThat(merged2.status()).as(merged2.body()).isEqualTo(204);
        assertThat(departmentApi.get("/ngsi-ld/v1/entities/" + id).json().at("/turbidity/value").asDouble()).isEqualTo(7.0);
        assertThat(api.get("/ngsi-ld/v1/entities/" + id + "?local=true").json().at("/flow/value").asDouble()).isEqualTo(3.0);
        assertThat(api.delete("/ngsi-ld/v1/entities/" + id + "/attrs/turbidity").status()).isEqualTo(204);
        assertThat(departmentApi.get("/ngsi-ld/v1/entities/" + id).json().has("turbidity")).isFalse();
        SaolaClient.Response deadAttr = api.send("PATCH", "/ngsi-ld/v1/entities/" + id + "/attrs/colour", "{\"value\": 8}");
        assertThat(deadAttr.status()).as(deadAttr.body()).isEqualTo(207);
        assertThat(deadAttr.json().at("/notUpdated/0/reason").asString()).contains(deadId);

        // Discovery (§5.7.5, §5.7.7) names what the sources are registered for, unless local=true.
        assertThat(api.get("/ngsi-ld/v1/attributes").json().get("attributeList").toString()).contains("\"colour\"");
        assertThat(api.get("/ngsi-ld/v1/attributes?local=true").json().get("attributeList").toString())
                .doesNotContain("\"colour\"");
        JsonNode colour = null;
        for (JsonNode a : api.get("/ngsi-ld/v1/attributes?details=true").json()) {
            if (a.get("attributeName").asString().equals("colour")) {
                colour = a;
            }
        }
        assertThat(colour).isNotNull();
        assertThat(colour.get("typeNames").toString()).contains(type);
        JsonNode typesDetails = api.get("/ngsi-ld/v1/types?details=true").json();
        JsonNode mine = null;
        for (JsonNode t : typesDetails) {
            if (t.get("typeName").asString().equals(type)) {
                mine = t;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.get("attributeNames").toString()).contains("turbidity", "colour", "flow");

        // Deleting the entity deletes it at the source that takes deletions too.
        assertThat(api.delete("/ngsi-ld/v1/entities/" + id).status()).isEqualTo(204);
        assertThat(departmentApi.get("/ngsi-ld/v1/entities/" + id).status()).isEqualTo(404);
        assertThat(api.get("/ngsi-ld/v1/entities/" + id + "?local=true").status()).isEqualTo(404);
    }

    @Test
    void clause5_6_1_creationAndReplacementGiveTheSourcesTheirAttributesAndSaolaTheRest() {
        String id = "urn:ngsi-ld:" + type + ":created";
        String exclusive = api.post("/ngsi-ld/v1/csourceRegistrations", """
                {"type": "ContextSourceRegistration", "endpoint": "%s", "mode": "exclusive", "operations": ["redirectionOps"],
                 "information": [{"entities": [{"type": "%s"}], "propertyNames": ["turbidity"]}],
                 "contextSourceInfo": [{"key": "Authorization", "value": "Bearer %s"}]}"""
                .formatted(departmentUrl, type, departmentKey)).header("Location");
        assertThat(exclusive).isNotNull();

        // §5.6.1.4: the source gets the entity with its attribute, Saola creates it with the rest.
        SaolaClient.Response created = api.post("/ngsi-ld/v1/entities", """
                {"id": "%s", "type": "%s", "flow": 1.0, "turbidity": 3.0}""".formatted(id, type));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode theirs = departmentApi.get("/ngsi-ld/v1/entities/" + id).json();
        assertThat(theirs.at("/turbidity/value").asDouble()).isEqualTo(3.0);
        assertThat(theirs.has("flow")).as("not registered there: not sent").isFalse();
        JsonNode ours = api.get("/ngsi-ld/v1/entities/" + id + "?local=true").json();
        assertThat(ours.at("/flow/value").asDouble()).isEqualTo(1.0);
        assertThat(ours.has("turbidity")).as("the exclusive source holds it").isFalse();

        // §5.6.18.4 replace and §5.6.19.4 replace attribute go the same way.
        SaolaClient.Response replaced = api.send("PUT", "/ngsi-ld/v1/entities/" + id, """
                {"type": "%s", "flow": 2.0, "turbidity": 4.0}""".formatted(type));
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(204);
        assertThat(departmentApi.get("/ngsi-ld/v1/entities/" + id).json().at("/turbidity/value").asDouble()).isEqualTo(4.0);
        ours = api.get("/ngsi-ld/v1/entities/" + id + "?local=true").json();
        assertThat(ours.at("/flow/value").asDouble()).isEqualTo(2.0);
        assertThat(ours.has("turbidity")).isFalse();
        SaolaClient.Response attribute = api.send("PUT", "/ngsi-ld/v1/entities/" + id + "/attrs/turbidity",
                "{\"type\": \"Property\", \"value\": 5.0}");
        assertThat(attribute.status()).as(attribute.body()).isEqualTo(204);
        assertThat(departmentApi.get("/ngsi-ld/v1/entities/" + id).json().at("/turbidity/value").asDouble()).isEqualTo(5.0);
        assertThat(api.get("/ngsi-ld/v1/entities/" + id).json().at("/turbidity/value").asDouble())
                .as("read back through the source").isEqualTo(5.0);

        // A source that cannot take its part: 207 with a BatchOperationResult naming its registration; Saola's part
        // is created all the same.
        String deadId = deadColourSource();
        String other = "urn:ngsi-ld:" + type + ":other";
        SaolaClient.Response partly = api.post("/ngsi-ld/v1/entities", """
                {"id": "%s", "type": "%s", "flow": 7.0, "colour": 2}""".formatted(other, type));
        assertThat(partly.status()).as(partly.body()).isEqualTo(207);
        assertThat(partly.header("Location")).isEqualTo("/ngsi-ld/v1/entities/" + other);
        assertThat(partly.json().get("success").toString()).contains(other);
        assertThat(partly.json().at("/errors/0/registrationId").asString()).isEqualTo(deadId);
        assertThat(partly.json().at("/errors/0/error/detail").asString()).contains("colour");
        JsonNode kept = api.get("/ngsi-ld/v1/entities/" + other + "?local=true").json();
        assertThat(kept.at("/flow/value").asDouble()).isEqualTo(7.0);
        assertThat(kept.has("colour")).isFalse();
        assertThat(api.post("/ngsi-ld/v1/entities", """
                {"id": "%s", "type": "%s", "flow": 1.0}""".formatted(id, type)).status())
                .as("nothing forwarded and the entity exists here").isEqualTo(409);
    }

    @Test
    void clause5_6_7_batchOperationsGiveEachSourceItsPartOneByOneOrAsABatch() {
        String a = "urn:ngsi-ld:" + type + ":a";
        String b = "urn:ngsi-ld:" + type + ":b";
        // The department holds the gauges' turbidity and offers only one-entity operations (redirectionOps).
        assertThat(api.post("/ngsi-ld/v1/csourceRegistrations", """
                {"type": "ContextSourceRegistration", "endpoint": "%s", "mode": "exclusive", "operations": ["redirectionOps"],
                 "information": [{"entities": [{"type": "%s"}], "propertyNames": ["turbidity"]}],
                 "contextSourceInfo": [{"key": "Authorization", "value": "Bearer %s"}]}"""
                .formatted(departmentUrl, type, departmentKey)).status()).isEqualTo(201);

        SaolaClient.Response created = api.post("/ngsi-ld/v1/entityOperations/create", """
                [{"id": "%1$s", "type": "%3$s", "flow": 1.0, "turbidity": 3.0},
                 {"id": "%2$s", "type": "%3$s", "flow": 2.0, "turbidity": 4.0}]""".formatted(a, b, type));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        for (String id : List.of(a, b)) {
            JsonNode theirs = departmentApi.get("/ngsi-ld/v1/entities/" + id).json();
            assertThat(theirs.has("turbidity") && !theirs.has("flow")).as(theirs.toString()).isTrue();
            JsonNode ours = api.get("/ngsi-ld/v1/entities/" + id + "?local=true").json();
            assertThat(ours.has("flow") && !ours.has("turbidity")).as(ours.toString()).isTrue();
        }
        // An upsert: created there first, then replaced where it exists (§5.6.8's fallback).
        SaolaClient.Response upserted = api.post("/ngsi-ld/v1/entityOperations/upsert", """
                [{"id": "%s", "type": "%s", "flow": 1.5, "turbidity": 3.5}]""".formatted(a, type));
        assertThat(upserted.status()).as(upserted.body()).isEqualTo(204);
        assertThat(departmentApi.get("/ngsi-ld/v1/entities/" + a).json().at("/turbidity/value").asDouble()).isEqualTo(3.5);
        assertThat(api.get("/ngsi-ld/v1/entities/" + a + "?local=true").json().at("/flow/value").asDouble()).isEqualTo(1.5);
        SaolaClient.Response updated = api.post("/ngsi-ld/v1/entityOperations/update", """
                [{"id": "%s", "type": "%s", "turbidity": 9.0}]""".formatted(b, type));
        assertThat(updated.status()).as(updated.body()).isEqualTo(204);
        assertThat(departmentApi.get("/ngsi-ld/v1/entities/" + b).json().at("/turbidity/value").asDouble()).isEqualTo(9.0);
        assertThat(api.get("/ngsi-ld/v1/entities/" + b + "?local=true").json().has("turbidity")).isFalse();

        // A source registered with the batch operation by name gets one batch request.
        String other = "Tank" + type;
        String c = "urn:ngsi-ld:" + other + ":c";
        assertThat(api.post("/ngsi-ld/v1/csourceRegistrations", """
                {"type": "ContextSourceRegistration", "endpoint": "%s", "operations": ["createBatch", "deleteBatch"],
                 "information": [{"entities": [{"type": "%s"}]}],
                 "contextSourceInfo": [{"key": "Authorization", "value": "Bearer %s"}]}"""
                .formatted(departmentUrl, other, departmentKey)).status()).isEqualTo(201);
        assertThat(api.post("/ngsi-ld/v1/entityOperations/create", """
                [{"id": "%s", "type": "%s", "level": 0.7}]""".formatted(c, other)).status()).isEqualTo(201);
        assertThat(departmentApi.get("/ngsi-ld/v1/entities/" + c).json().at("/level/value").asDouble())
                .as("inclusive: at the source").isEqualTo(0.7);
        assertThat(api.get("/ngsi-ld/v1/entities/" + c + "?local=true").status()).as("and here").isEqualTo(200);

        // Deleting: each source registered for the entity deletes it too (§5.6.10).
        SaolaClient.Response deleted = api.post("/ngsi-ld/v1/entityOperations/delete", """
                ["%s", "%s"]""".formatted(a, c));
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
        assertThat(departmentApi.get("/ngsi-ld/v1/entities/" + a).status()).isEqualTo(404);
        assertThat(departmentApi.get("/ngsi-ld/v1/entities/" + c).status()).isEqualTo(404);
        assertThat(api.get("/ngsi-ld/v1/entities/" + a + "?local=true").status()).isEqualTo(404);

        // A source that cannot take its part: 207, the entity a success for Saola's part and an error naming
        // the registration for the source's.
        String deadId = deadColourSource();
        String d = "urn:ngsi-ld:" + type + ":d";
        SaolaClient.Response partly = api.post("/ngsi-ld/v1/entityOperations/create", """
                [{"id": "%s", "type": "%s", "flow": 5.0, "colour": 1}]""".formatted(d, type));
        assertThat(partly.status()).as(partly.body()).isEqualTo(207);
        assertThat(partly.json().get("success").toString()).contains(d);
        assertThat(partly.json().at("/errors/0/entityId").asString()).isEqualTo(d);
        assertThat(partly.json().at("/errors/0/registrationId").asString()).isEqualTo(deadId);

    }

    @Test
    void clause5_10_2_aQueryGoesOnlyToSourcesWhoseAreaMayHoldItsMatches() {
        // The department's gauges are on the Perfume River in Huế, ~85 km from Đà Nẵng.
        create(departmentApi, """
                {"id": "urn:ngsi-ld:%1$s:hue", "type": "%1$s", "flow": 3.0,
                 "location": {"type": "GeoProperty", "value": {"type": "Point", "coordinates": [107.58, 16.46]}}}"""
                .formatted(type));
        create(api, """
                {"id": "urn:ngsi-ld:%1$s:danang", "type": "%1$s", "flow": 1.0,
                 "location": {"type": "GeoProperty", "value": {"type": "Point", "coordinates": [108.22, 16.06]}}}"""
                .formatted(type));
        register(api, departmentUrl, departmentKey, """
                "location": {"type": "Polygon", "coordinates": [[[107.5, 16.4], [107.7, 16.4], [107.7, 16.5], [107.5, 16.5],
                             [107.5, 16.4]]]},""");
        // A second source in Huế that cannot be reached: asked, it would be a warning.
        SaolaClient.Response dead = api.post("/ngsi-ld/v1/csourceRegistrations", """
                {"type": "ContextSourceRegistration", "endpoint": "http://127.0.0.1:9",
                 "information": [{"entities": [{"type": "%s"}]}], "operations": ["retrieveOps"],
                 "location": {"type": "Point", "coordinates": [107.6, 16.45]}}""".formatted(type));
        assertThat(dead.status()).as(dead.body()).isEqualTo(201);
        String deadId = dead.header("Location").substring("/ngsi-ld/v1/csourceRegistrations/".length());
        String nearDaNang = "&georel=" + java.net.URLEncoder.encode("near;maxDistance==20000", java.nio.charset.StandardCharsets.UTF_8)
                + "&geometry=Point&coordinates=%5B108.22,16.06%5D";
        SaolaClient.Response here = api.get("/ngsi-ld/v1/entities?type=" + type + nearDaNang);
        assertThat(ids(here.json())).containsExactly("urn:ngsi-ld:" + type + ":danang");
        assertThat(here.header("NGSILD-Warning")).as("the source was not asked at all").isNull();
        String nearHue = "&georel=" + java.net.URLEncoder.encode("near;maxDistance==20000", java.nio.charset.StandardCharsets.UTF_8)
                + "&geometry=Point&coordinates=%5B107.59,16.46%5D";
        SaolaClient.Response there = api.get("/ngsi-ld/v1/entities?type=" + type + nearHue);
        assertThat(ids(there.json())).containsExactly("urn:ngsi-ld:" + type + ":hue");
        assertThat(there.headers().get("NGSILD-Warning")).as("both sources in Huế were asked")
                .anyMatch(w -> w.contains(deadId));
    }

    @Test
    void temporalRetrievalsAndQueriesJoinEachBrokersHistory() {
        String both = "urn:ngsi-ld:" + type + ":both";
        String theirsOnly = "urn:ngsi-ld:" + type + ":department";
        assertThat(api.send("POST", "/ngsi-ld/v1/temporal/entities", """
                {"id": "%s", "type": "%s", "flow": [
                  {"type": "Property", "value": 1.0, "observedAt": "2026-11-30T08:00:00Z"},
                  {"type": "Property", "value": 3.0, "observedAt": "2026-11-30T10:00:00Z"}]}""".formatted(both, type))
                .status()).isEqualTo(201);
        for (String id : List.of(both, theirsOnly)) {
            assertThat(departmentApi.send("POST", "/ngsi-ld/v1/temporal/entities", """
                    {"id": "%s", "type": "%s", "flow": [
                      {"type": "Property", "value": 2.0, "observedAt": "2026-11-30T09:00:00Z"},
                      {"type": "Property", "value": 3.0, "observedAt": "2026-11-30T10:00:00Z"}]}""".formatted(id, type))
                    .status()).isEqualTo(201);
        }
        register(api, departmentUrl, departmentKey, "");

        // §5.7.3: one history from both brokers, in time order, the instance both hold once.
        JsonNode history = api.get("/ngsi-ld/v1/temporal/entities/" + both).json();
        List<Double> flows = new ArrayList<>();
        history.get("flow").forEach(i -> flows.add(i.get("value").asDouble()));
        assertThat(flows).containsExactly(1.0, 2.0, 3.0);
        assertThat(api.get("/ngsi-ld/v1/temporal/entities/" + theirsOnly).json().get("flow")).hasSize(2);
        JsonNode pairs = api.get("/ngsi-ld/v1/temporal/entities/" + both + "?format=temporalValues").json();
        assertThat(pairs.at("/flow/values")).hasSize(3);
        assertThat(api.get("/ngsi-ld/v1/temporal/entities/" + theirsOnly + "?local=true").status()).isEqualTo(404);

        // §5.7.4: a temporal query answers with both brokers' entities.
        SaolaClient.Response q = api.get("/ngsi-ld/v1/temporal/entities?type=" + type + "&count=true&timerel=after&timeAt="
                + "2026-11-30T00:00:00Z");
        assertThat(q.status()).as(q.body()).isEqualTo(200);
        assertThat(ids(q.json())).containsExactly(both, theirsOnly);
        assertThat(q.header("NGSILD-Results-Count")).isEqualTo("2");
        assertThat(q.json().get(0).get("flow")).hasSize(3);
    }

    @Test
    void aLoopOfRegistrationsEndsAndAnUnreachableSourceIsAWarning() {
        create(api, """
                {"id": "urn:ngsi-ld:%1$s:city", "type": "%1$s", "flow": 1.0}""".formatted(type));
        create(departmentApi, """
                {"id": "urn:ngsi-ld:%1$s:department", "type": "%1$s", "flow": 3.0}""".formatted(type));
        register(api, departmentUrl, departmentKey, "");
        // The department registers the city back: a loop, broken by the Via header each broker adds.
        register(departmentApi, "http://127.0.0.1:" + port, apiKey, "");
        SaolaClient.Response looped = api.get("/ngsi-ld/v1/entities?type=" + type);
        assertThat(looped.status()).as(looped.body()).isEqualTo(200);
        assertThat(ids(looped.json())).containsExactly("urn:ngsi-ld:" + type + ":city", "urn:ngsi-ld:" + type + ":department");
        assertThat(ids(departmentApi.get("/ngsi-ld/v1/entities?type=" + type).json()))
                .containsExactly("urn:ngsi-ld:" + type + ":city", "urn:ngsi-ld:" + type + ":department");

        // A source that does not answer: the others' entities and a warning naming its registration. The
        // credentials in its endpoint and its contextSourceInfo are in neither the warning nor the registration.
        String dead = register(api, "http://gauge:s3cr3t-pw@127.0.0.1:9", "nothing", "");
        SaolaClient.Response partial = api.get("/ngsi-ld/v1/entities?type=" + type);
        assertThat(partial.status()).isEqualTo(200);
        assertThat(ids(partial.json())).hasSize(2);
        assertThat(partial.headers().get("NGSILD-Warning")).anyMatch(w -> w.contains(dead));
        assertThat(String.join(" ", partial.headers().get("NGSILD-Warning"))).doesNotContain("s3cr3t-pw");
        String shown = api.get("/ngsi-ld/v1/csourceRegistrations/" + dead).body();
        assertThat(shown).doesNotContain("s3cr3t-pw").contains("gauge:****@");
        SaolaClient.Response keyed = api.post("/ngsi-ld/v1/csourceRegistrations", """
                {"type": "ContextSourceRegistration", "information": [{"entities": [{"type": "%s"}]}],
                 "endpoint": "http://127.0.0.1:9", "contextSourceInfo": [{"key": "Ocp-Apim-Subscription-Key",
                 "value": "k-7781"}, {"key": "X-Auth", "value": "a-9912"}, {"key": "Accept-Language", "value": "vi"}]}"""
                .formatted(type + "x"));
        assertThat(keyed.status()).as(keyed.body()).isEqualTo(201);
        assertThat(api.get(keyed.header("Location")).body()).doesNotContain("k-7781", "a-9912").contains("\"vi\"");

        // A distributed query pages so deep only: past it, 403 TooManyResults, not an empty page.
        SaolaClient.Response deep = api.get("/ngsi-ld/v1/entities?type=" + type + "&offset=9999&limit=10");
        assertThat(deep.status()).as(deep.body()).isEqualTo(403);
        assertThat(deep.json().get("detail").asString()).contains("local=true");
    }

    private static List<String> ids(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.get("id").asString()));
        return out;
    }
}
