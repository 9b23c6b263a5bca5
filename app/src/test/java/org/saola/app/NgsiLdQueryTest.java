package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/** Querying entities: type expressions, ids, id patterns, attrs, the q language, projections. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NgsiLdQueryTest extends PlatformTest {

    private SaolaClient api;
    private String run;
    private String sensor;
    private String bin;

    @BeforeAll
    void cityData() {
        api = client().withApiKey(client().issueApiKey("query test"));
        run = UUID.randomUUID().toString().substring(0, 8);
        sensor = "NoiseLevelObserved" + run;
        bin = "WasteContainer" + run;
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 10; i++) {
            batch.append("""
                    {"id": "urn:ngsi-ld:%s:n%d", "type": "%s",
                     "LAeq": {"type": "Property", "value": %d, "unitCode": "2N", "observedAt": "2026-11-23T0%d:00:00Z"},
                     "district": {"type": "Property", "value": "%s"},
                     "address": {"type": "Property", "value": {"streetAddress": "%d Bạch Đằng", "addressLocality": "Đà Nẵng"}},
                     "refDevice": {"type": "Relationship", "object": "urn:ngsi-ld:Device:d%d"}},
                    """.formatted(sensor, i, sensor, 50 + 3 * i, i, i % 2 == 0 ? "Hải Châu" : "Sơn Trà", i, i % 3));
        }
        for (int i = 0; i < 5; i++) {
            batch.append("""
                    {"id": "urn:ngsi-ld:%s:b%d", "type": "%s", "fillingLevel": %s, "status": "%s"},
                    """.formatted(bin, i, bin, i / 4.0, i == 4 ? "full" : "ok"));
        }
        batch.setLength(batch.lastIndexOf(","));
        batch.append("]");
        SaolaClient.Response r = api.send("POST", "/ngsi-ld/v1/entityOperations/create", batch.toString());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private List<String> ids(String query) {
        SaolaClient.Response r = api.get("/ngsi-ld/v1/entities?limit=1000&" + query);
        assertThat(r.status()).as(query + " → " + r.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        r.json().forEach(e -> ids.add(e.get("id").asString().replaceAll(".*:", "")));
        return ids;
    }

    private static String q(String q) {
        return "q=" + URLEncoder.encode(q, StandardCharsets.UTF_8);
    }

    private SaolaClient.Response error(String query) {
        return api.get("/ngsi-ld/v1/entities?" + query);
    }

    @Test
    void typeExpressionsSelectAnyOrAllOfTypes() {
        assertThat(ids("type=" + sensor)).hasSize(10);
        assertThat(ids("type=" + sensor + "," + bin)).hasSize(15);
        assertThat(ids("type=" + URLEncoder.encode("(" + sensor + "|" + bin + ")", StandardCharsets.UTF_8))).hasSize(15);
        assertThat(ids("type=" + sensor + ";" + bin)).isEmpty();
    }

    @Test
    void idsAndIdPatternsSelectEntities() {
        assertThat(ids("id=urn:ngsi-ld:" + sensor + ":n1,urn:ngsi-ld:" + bin + ":b2")).containsExactly("n1", "b2");
        assertThat(ids("type=" + sensor + "&idPattern=" + URLEncoder.encode(":n[0-2]$", StandardCharsets.UTF_8)))
                .containsExactly("n0", "n1", "n2");
        assertThat(error("idPattern=" + URLEncoder.encode("n[0-", StandardCharsets.UTF_8)).status()).isEqualTo(400);
    }

    @Test
    void attrsSelectsEntitiesHavingOneOfThemAndKeepsOnlyThose() {
        assertThat(ids("type=" + sensor + "," + bin + "&attrs=fillingLevel")).hasSize(5);
        JsonNode e = api.get("/ngsi-ld/v1/entities?type=" + sensor + "&attrs=LAeq,district&limit=1").json().get(0);
        assertThat(e.has("LAeq")).isTrue();
        assertThat(e.has("district")).isTrue();
        assertThat(e.has("address")).isFalse();
        assertThat(e.has("id")).isTrue();
    }

    @Test
    void qComparesNumbersStringsRangesAndLists() {
        String t = "type=" + sensor + "&";
        assertThat(ids(t + q("LAeq>70"))).containsExactly("n7", "n8", "n9");
        assertThat(ids(t + q("LAeq>=71;LAeq<=74"))).containsExactly("n7", "n8");
        assertThat(ids(t + q("LAeq==53..59"))).containsExactly("n1", "n2", "n3");
        assertThat(ids(t + q("LAeq==50,77"))).containsExactly("n0", "n9");
        assertThat(ids(t + q("LAeq!=50,77"))).hasSize(8);
        assertThat(ids(t + q("district==\"Sơn Trà\";LAeq<60"))).containsExactly("n1", "n3");
        assertThat(ids(t + q("district==\"Sơn Trà\"|LAeq<53"))).containsExactly("n0", "n1", "n3", "n5", "n7", "n9");
        assertThat(ids(t + q("(district==\"Hải Châu\"|LAeq>75);LAeq>60"))).containsExactly("n4", "n6", "n8", "n9");
        assertThat(ids("type=" + bin + "&" + q("status==\"full\""))).containsExactly("b4");
        assertThat(ids("type=" + bin + "&" + q("fillingLevel>=0.5"))).containsExactly("b2", "b3", "b4");
    }

    @Test
    void qReachesIntoRelationshipsCompoundValuesAndObservationTimes() {
        String t = "type=" + sensor + "&";
        assertThat(ids(t + q("refDevice==\"urn:ngsi-ld:Device:d2\""))).containsExactly("n2", "n5", "n8");
        assertThat(ids(t + q("refDevice==urn:ngsi-ld:Device:d2"))).containsExactly("n2", "n5", "n8");
        assertThat(ids(t + q("address[streetAddress]==\"3 Bạch Đằng\""))).containsExactly("n3");
        assertThat(ids(t + q("address[streetAddress]~=Bạch"))).hasSize(10);
        assertThat(ids(t + q("district~=^Sơn"))).hasSize(5);
        assertThat(ids(t + q("district!~=^Sơn"))).hasSize(5);
        assertThat(ids(t + q("LAeq.observedAt>=2026-11-23T08:00:00Z"))).containsExactly("n8", "n9");
        assertThat(ids(t + q("LAeq.unitCode==\"2N\""))).hasSize(10);
        assertThat(ids(t + q("fillingLevel"))).isEmpty();
        assertThat(ids("type=" + bin + "&" + q("fillingLevel"))).hasSize(5);
    }

    @Test
    void countsAndPagesFollowTheQuery() {
        SaolaClient.Response r = api.get("/ngsi-ld/v1/entities?type=" + sensor + "&" + q("LAeq>55") + "&limit=3&count=true");
        assertThat(r.header("NGSILD-Results-Count")).isEqualTo("8");
        assertThat(r.json()).hasSize(3);
        assertThat(r.header("Link")).contains("rel=\"next\"");
    }

    @Test
    void pickAndOmitShapeTheAnswer() {
        JsonNode picked = api.get("/ngsi-ld/v1/entities/urn:ngsi-ld:" + sensor + ":n1?pick=id,LAeq").json();
        assertThat(picked.propertyNames()).containsExactlyInAnyOrder("id", "LAeq");
        JsonNode omitted = api.get("/ngsi-ld/v1/entities/urn:ngsi-ld:" + sensor + ":n1?omit=address,refDevice").json();
        assertThat(omitted.has("address")).isFalse();
        assertThat(omitted.has("LAeq")).isTrue();
        JsonNode simplified = api.get("/ngsi-ld/v1/entities/urn:ngsi-ld:" + sensor + ":n1?format=simplified").json();
        assertThat(simplified.get("LAeq").asInt()).isEqualTo(53);
    }

    @Test
    void malformedQueriesSayWhatIsWrong() {
        SaolaClient.Response r = error("type=" + sensor + "&" + q("LAeq>>3"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("type").asString()).endsWith("/BadRequestData");
        assertThat(error(q("(LAeq>3")).json().get("detail").asString()).contains("missing ')'");
        assertThat(error(q("LAeq>tall")).json().get("detail").asString()).contains("'tall'");
        assertThat(error(q("LAeq>3..5")).json().get("detail").asString()).contains("ranges go with == or !=");
        assertThat(error("type=" + URLEncoder.encode("(A|B", StandardCharsets.UTF_8)).status()).isEqualTo(400);
        assertThat(error("type=" + sensor + "&csf=" + URLEncoder.encode("a>>1", StandardCharsets.UTF_8)).status())
                .as("a malformed context source filter").isEqualTo(400);
        assertThat(error("limit=5").json().get("detail").asString()).contains("at least one of type");
    }
}
