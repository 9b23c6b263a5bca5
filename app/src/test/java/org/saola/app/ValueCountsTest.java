package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code count=true} of a numeric comparison is answered from counts by bucket (issue #17): it must always equal the
 * number of entities the query lists, through creates, updates moving values between buckets, type changes,
 * deletions and attributes holding several numbers (when the counts step aside). Checked as a client sees it: the
 * {@code NGSILD-Results-Count} header against the entities listed.
 */
class ValueCountsTest extends PlatformTest {

    private static final String ENTITIES = "/ngsi-ld/v1/entities/";
    private static final String DEFAULT = "https://uri.etsi.org/ngsi-ld/default-context/";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.saola.context.store.EntityStore store;

    private SaolaClient api;

    private static final String[] LEVELS = {"-1000.5", "-3", "-0.0", "0", "0.001", "1e-300", "1", "1.5", "2", "63.99",
            "64", "64.03", "64.0625", "64.0626", "99.99999", "100", "100", "100.0", "100.00001", "1000000",
            "123456789.123", "-1e300", "1e300", "7", "7", "7", "42.5"};

    private static final List<String> QUERIES = List.of("level>=100", "level>100", "level<0", "level<=0", "level==0",
            "level==100", "level==64.0625", "level==-3", "level>=1.5", "level==0..64", "level==64..64.0625",
            "level==100..1", "level>1e9", "level<-1e9", "level<=-1000.5", "level>64.03", "level<64.03", "level>=-0.0",
            "level==7", "level!=7", "level==7,100");

    @Test
    void countsOfNumericComparisonsEqualTheEntitiesListed() {
        // With an API key: a password is checked slowly on purpose, on every request.
        api = client().withApiKey(client().issueApiKey("value counts", "ADMIN"));
        List<String> created = new ArrayList<>();
        for (int i = 0; i < LEVELS.length; i++) {
            created.add(entity("QCount", "c" + i, LEVELS[i]));
        }
        // Entities of another type with the same attribute, and one of both types: the bounds' buckets must then be
        // checked for the type.
        created.add(entity("QCountOther", "o1", "100"));
        created.add(entity("QCountOther", "o2", "5"));
        created.add("{\"id\": \"urn:ngsi-ld:QCount:both\", \"type\": [\"QCount\", \"QCountOther\"], "
                + "\"level\": {\"type\": \"Property\", \"value\": 64.05}}");
        SaolaClient.Response r = api.send("POST", "/ngsi-ld/v1/entityOperations/create", "[" + String.join(",", created) + "]");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(several("QCount")).isZero();
        assertThat(api.get("/ngsi-ld/v1/entities?type=QCount&count=true&limit=0&q=level%3E%3D100").header("NGSILD-Results-Count"))
                .isEqualTo("7");
        agree("created");

        // Values move between buckets, one entity gains a type, two are deleted.
        patch("c0", "100.5");
        patch("c15", "-7");
        patch("c23", "8");
        patch("c5", "\"not a number\"");
        assertThat(api.send("POST", "/ngsi-ld/v1/entityOperations/upsert?options=update",
                "[{\"id\": \"urn:ngsi-ld:QCount:c10\", \"type\": \"QCountOther\"}]").status()).isIn(201, 204);
        assertThat(api.send("GET", ENTITIES + "urn:ngsi-ld:QCount:c10", null).body()).contains("QCountOther");
        assertThat(api.send("DELETE", ENTITIES + "urn:ngsi-ld:QCount:c16", null).status()).isEqualTo(204);
        assertThat(api.send("DELETE", ENTITIES + "urn:ngsi-ld:QCount:c3", null).status()).isEqualTo(204);
        agree("after updates");

        // Several numbers in one attribute: counted entity by entity until they are gone.
        assertThat(api.send("POST", ENTITIES + "urn:ngsi-ld:QCount:c1/attrs", "{\"level\": {\"type\": \"Property\","
                + " \"value\": 100, \"datasetId\": \"urn:ngsi-ld:Dataset:b\"}}").status()).isEqualTo(204);
        patch("c2", "[1, 100]");
        assertThat(several("QCount")).isEqualTo(2);
        agree("with several numbers");
        assertThat(api.send("DELETE", ENTITIES + "urn:ngsi-ld:QCount:c1/attrs/level?datasetId=urn:ngsi-ld:Dataset:b", null)
                .status()).isEqualTo(204);
        patch("c2", "100");
        assertThat(several("QCount")).isZero();
        agree("with one number each again");
        assertThat(api.send("DELETE", ENTITIES + "urn:ngsi-ld:QCount:c7/attrs/level", null).status()).isEqualTo(204);
        agree("after an attribute's deletion");
    }

    /**
     * While one type alone holds an attribute, a count reads the rows of the bounds' buckets without checking their
     * entities' type; once an entity of another type (or of two types) holds a number in the same bucket, the count
     * must check it, and must stop when that entity is gone.
     */
    @Test
    void aCountNoticesAnotherTypeInTheBoundsBucket() {
        api = client().withApiKey(client().issueApiKey("value counts by type", "ADMIN"));
        List<String> solo = new ArrayList<>();
        for (String depth : List.of("9.99", "10", "10.001", "10.5", "11", "250")) {
            solo.add("{\"id\": \"urn:ngsi-ld:QSolo:d" + solo.size() + "\", \"type\": \"QSolo\", "
                    + "\"depth\": {\"type\": \"Property\", \"value\": " + depth + "}}");
        }
        SaolaClient.Response r = api.send("POST", "/ngsi-ld/v1/entityOperations/create", "[" + String.join(",", solo) + "]");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(soloCount("depth>=10.001")).isEqualTo(4);
        assertThat(soloCount("depth==10..10.5")).isEqualTo(3);

        String other = "urn:ngsi-ld:QSolo:other";
        assertThat(api.send("POST", ENTITIES, "{\"id\": \"" + other + "\", \"type\": \"QSoloOther\", "
                + "\"depth\": {\"type\": \"Property\", \"value\": 10.002}}").status()).isEqualTo(201);
        assertThat(soloCount("depth>=10.001")).as("an entity of another type in the lower bound's bucket").isEqualTo(4);
        assertThat(soloCount("depth==10..10.5")).isEqualTo(3);
        assertThat(api.send("DELETE", ENTITIES + other, null).status()).isEqualTo(204);

        String both = "urn:ngsi-ld:QSolo:both";
        assertThat(api.send("POST", ENTITIES, "{\"id\": \"" + both + "\", \"type\": [\"QSolo\", \"QSoloOther\"], "
                + "\"depth\": {\"type\": \"Property\", \"value\": 10.002}}").status()).isEqualTo(201);
        assertThat(soloCount("depth>=10.001")).as("an entity of both types counts").isEqualTo(5);
        assertThat(api.send("DELETE", ENTITIES + both, null).status()).isEqualTo(204);
        assertThat(soloCount("depth>=10.001")).isEqualTo(4);
        assertThat(soloCount("depth<10.001")).isEqualTo(2);
    }

    private long soloCount(String q) {
        SaolaClient.Response r = api.get("/ngsi-ld/v1/entities?type=QSolo&count=true&limit=1000&q="
                + URLEncoder.encode(q, StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        long count = Long.parseLong(r.header("NGSILD-Results-Count"));
        assertThat(count).as("type=QSolo&q=%s counts what it lists", q).isEqualTo(r.json().size());
        return count;
    }

    /**
     * The value index's rows of an attribute are rewritten in place, by number, when its value changes (issue #13):
     * a value with fewer candidates than before must leave none of the old ones behind for q to find, one with more
     * must add them, and a deleted attribute or entity must leave no row.
     */
    @Test
    void qFindsTheCurrentValueAfterItShrinksGrowsAndGoes() {
        api = client().withApiKey(client().issueApiKey("value rows", "ADMIN"));
        String id = "urn:ngsi-ld:QRows:r1";
        SaolaClient.Response r = api.send("POST", "/ngsi-ld/v1/entities", "{\"id\": \"" + id + "\", \"type\": \"QRows\","
                + " \"readings\": {\"type\": \"Property\", \"value\": [1, 5, 9],"
                + " \"accuracy\": {\"type\": \"Property\", \"value\": 0.5}}}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(selects("readings==9")).isTrue();
        assertThat(selects("readings.accuracy==0.5")).isTrue();
        assertThat(rows(id)).isEqualTo(4);

        patchReadings(id, "{\"type\": \"Property\", \"value\": [2]}");
        assertThat(selects("readings==2")).isTrue();
        assertThat(selects("readings==9")).as("an old element left behind").isFalse();
        assertThat(selects("readings==5")).as("an old element left behind").isFalse();
        assertThat(selects("readings.accuracy==0.5")).as("a sub-attribute that is gone").isFalse();
        assertThat(rows(id)).isEqualTo(1);

        patchReadings(id, "{\"type\": \"Property\", \"value\": [3, 4, 6, 7], \"accuracy\": {\"type\": \"Property\", \"value\": 1}}");
        assertThat(selects("readings==7")).isTrue();
        assertThat(selects("readings==2")).isFalse();
        assertThat(selects("readings.accuracy==1")).isTrue();
        assertThat(rows(id)).isEqualTo(5);

        patchReadings(id, "{\"type\": \"Property\", \"value\": \"offline\"}");
        assertThat(selects("readings==\"offline\"")).isTrue();
        assertThat(selects("readings==7")).isFalse();
        assertThat(rows(id)).isEqualTo(1);

        assertThat(api.send("DELETE", ENTITIES + id + "/attrs/readings", null).status()).isEqualTo(204);
        assertThat(selects("readings==\"offline\"")).isFalse();
        assertThat(rows(id)).isZero();
        assertThat(api.send("DELETE", ENTITIES + id, null).status()).isEqualTo(204);
        assertThat(rows(id)).isZero();
    }

    /**
     * A group commit of more entities than one statement takes (EntityStore.STATEMENT_ROWS) writes them in several,
     * in one transaction: every entity's new value is stored and indexed, none of the old ones is left.
     */
    @Test
    void aBatchLargerThanOneStatementIsWrittenWhole() {
        api = client().withApiKey(client().issueApiKey("value rows batch", "ADMIN"));
        int n = 3 * 64 + 5;
        List<String> entities = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            entities.add("{\"id\": \"urn:ngsi-ld:QBatch:b" + i + "\", \"type\": \"QBatch\", \"level\": {\"type\": \"Property\", \"value\": 1}}");
        }
        SaolaClient.Response r = api.send("POST", "/ngsi-ld/v1/entityOperations/create", "[" + String.join(",", entities) + "]");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        List<String> updates = entities.stream().map(e -> e.replace("\"value\": 1}", "\"value\": 2}")).toList();
        r = api.send("POST", "/ngsi-ld/v1/entityOperations/upsert?options=update", "[" + String.join(",", updates) + "]");
        assertThat(r.status()).as(r.body()).isIn(201, 204);
        assertThat(api.get("/ngsi-ld/v1/entities?type=QBatch&count=true&limit=0&q=level==2").header("NGSILD-Results-Count"))
                .isEqualTo(Integer.toString(n));
        assertThat(api.get("/ngsi-ld/v1/entities?type=QBatch&count=true&limit=0&q=level==1").header("NGSILD-Results-Count"))
                .isEqualTo("0");
        assertThat(jdbc.sql("SELECT count(*) FROM context_entity_value WHERE tenant_id = 'default' AND entity_id LIKE"
                + " 'urn:ngsi-ld:QBatch:%' AND num = 1").query(Long.class).single()).isZero();
        assertThat(api.get(ENTITIES + "urn:ngsi-ld:QBatch:b" + (n - 1)).json().get("level").get("value").asInt()).isEqualTo(2);
    }

    private void patchReadings(String id, String attribute) {
        SaolaClient.Response r = api.send("PATCH", ENTITIES + id + "/attrs", "{\"readings\": " + attribute + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(204);
    }

    private boolean selects(String q) {
        SaolaClient.Response r = api.get("/ngsi-ld/v1/entities?type=QRows&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().size() == 1;
    }

    private long rows(String id) {
        return jdbc.sql("SELECT count(*) FROM context_entity_value WHERE tenant_id = 'default' AND entity_id = ?")
                .param(id).query(Long.class).single();
    }

    private static String entity(String type, String name, String level) {
        return "{\"id\": \"urn:ngsi-ld:QCount:" + name + "\", \"type\": \"" + type + "\", "
                + "\"level\": {\"type\": \"Property\", \"value\": " + level + "}}";
    }

    private void patch(String name, String value) {
        SaolaClient.Response r = api.send("PATCH", ENTITIES + "urn:ngsi-ld:QCount:" + name + "/attrs",
                "{\"level\": {\"type\": \"Property\", \"value\": " + value + "}}");
        assertThat(r.status()).as(r.body()).isEqualTo(204);
    }

    private long several(String type) {
        return jdbc.sql("SELECT coalesce(sum(entities), 0) FROM context_value_count WHERE tenant_id = 'default'"
                        + " AND type = ? AND attr = ? AND bucket = ?")
                .params(DEFAULT + type, DEFAULT + "level", Long.MIN_VALUE).query(Long.class).single();
    }

    private void agree(String when) {
        for (String type : List.of("QCount", "QCountOther")) {
            for (String q : QUERIES) {
                SaolaClient.Response r = api.get("/ngsi-ld/v1/entities?type=" + type + "&count=true&limit=1000&q="
                        + URLEncoder.encode(q, StandardCharsets.UTF_8));
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                assertThat(Long.parseLong(r.header("NGSILD-Results-Count")))
                        .as("%s: type=%s&q=%s counts what it lists", when, type, q).isEqualTo(r.json().size());
            }
        }
    }

    /**
     * The group commit's probes of the entities and of the value index are plain index scans whatever the table's
     * statistics say (here, costs standing for them). At a thousand entities written a few times a second the
     * planner chose a sequential scan while the table was small and a bitmap scan once it had grown, and a bitmap
     * never marks the dead rows it finds: every probe visited hundreds of them until the next vacuum
     * (docs/PERFORMANCE.md, session 34).
     */
    @Test
    void groupCommitsProbeTheKeyWithPlainIndexScansWhateverTheStatistics() {
        for (Map<String, String> costs : List.of(
                Map.of("seq_page_cost", "0.001", "cpu_tuple_cost", "0.00001"),          // a table read whole is cheap
                Map.of("random_page_cost", "1000", "cpu_tuple_cost", "10"))) {     // a key's rows are far apart
            for (List<String> plan : store.groupCommitPlans(costs)) {
                String text = String.join("\n", plan);
                assertThat(text).as(costs + "\n" + text).doesNotContain("Bitmap").doesNotContain("Seq Scan")
                        .contains("Index Scan using");
            }
        }
    }
}
