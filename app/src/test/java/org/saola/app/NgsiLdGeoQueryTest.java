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

/** Geo-queries over places of Đà Nẵng, with distances checked against a map. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NgsiLdGeoQueryTest extends PlatformTest {

    private static final String HAI_CHAU = "[[[108.20,16.03],[108.235,16.03],[108.235,16.08],[108.20,16.08],[108.20,16.03]]]";
    private SaolaClient api;
    private String poi;
    private String district;

    @BeforeAll
    void places() {
        api = client().withApiKey(client().issueApiKey("geo test"));
        String run = UUID.randomUUID().toString().substring(0, 8);
        poi = "PointOfInterest" + run;
        district = "District" + run;
        String body = "[" + place("dragon-bridge", 108.2272, 16.0614) + "," + place("han-market", 108.2246, 16.0683)
                + "," + place("my-khe", 108.2478, 16.0620) + "," + place("marble-mountains", 108.2630, 16.0040)
                + "," + place("ba-na", 107.9875, 15.9950) + ","
                + "{\"id\": \"urn:ngsi-ld:" + district + ":hai-chau\", \"type\": \"" + district + "\", \"location\": "
                + "{\"type\": \"GeoProperty\", \"value\": {\"type\": \"Polygon\", \"coordinates\": " + HAI_CHAU + "}}}]";
        SaolaClient.Response r = api.send("POST", "/ngsi-ld/v1/entityOperations/create", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private String place(String name, double lon, double lat) {
        return "{\"id\": \"urn:ngsi-ld:" + poi + ":" + name + "\", \"type\": \"" + poi + "\", \"location\": "
                + "{\"type\": \"GeoProperty\", \"value\": {\"type\": \"Point\", \"coordinates\": [" + lon + "," + lat + "]}}}";
    }

    private List<String> ids(String type, String georel, String geometry, String coordinates) {
        SaolaClient.Response r = api.get("/ngsi-ld/v1/entities?type=" + type + "&georel="
                + URLEncoder.encode(georel, StandardCharsets.UTF_8) + "&geometry=" + geometry + "&coordinates="
                + URLEncoder.encode(coordinates, StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        r.json().forEach(e -> ids.add(e.get("id").asString().replaceAll(".*:", "")));
        return ids;
    }

    @Test
    void nearFindsPlacesWithinOrBeyondADistance() {
        // Hàn Market is about 820 m from the Dragon Bridge, Mỹ Khê beach about 2.2 km.
        assertThat(ids(poi, "near;maxDistance==1000", "Point", "[108.2272,16.0614]"))
                .containsExactly("dragon-bridge", "han-market");
        assertThat(ids(poi, "near;maxDistance==2500", "Point", "[108.2272,16.0614]"))
                .containsExactly("dragon-bridge", "han-market", "my-khe");
        assertThat(ids(poi, "near;minDistance==10000", "Point", "[108.2272,16.0614]")).containsExactly("ba-na");
        // A district polygon is near a point inside it (distance 0).
        assertThat(ids(district, "near;maxDistance==10", "Point", "[108.2272,16.0614]")).containsExactly("hai-chau");
    }

    @Test
    void topologicalRelationsCompareWithTheReferenceGeometry() {
        assertThat(ids(poi, "within", "Polygon", HAI_CHAU)).containsExactly("dragon-bridge", "han-market");
        assertThat(ids(poi, "disjoint", "Polygon", HAI_CHAU)).containsExactly("ba-na", "marble-mountains", "my-khe");
        assertThat(ids(district, "contains", "Point", "[108.2272,16.0614]")).containsExactly("hai-chau");
        assertThat(ids(district, "intersects", "LineString", "[[108.19,16.05],[108.30,16.05]]")).containsExactly("hai-chau");
        assertThat(ids(district, "intersects", "LineString", "[[108.24,16.05],[108.30,16.05]]")).isEmpty();
        assertThat(ids(poi, "equals", "Point", "[108.2478,16.0620]")).containsExactly("my-khe");
    }

    @Test
    void geoQueriesCountAndPage() {
        SaolaClient.Response r = api.get("/ngsi-ld/v1/entities?type=" + poi + "&georel=disjoint&geometry=Polygon&coordinates="
                + URLEncoder.encode(HAI_CHAU, StandardCharsets.UTF_8) + "&limit=2&offset=1&count=true");
        assertThat(r.header("NGSILD-Results-Count")).isEqualTo("3");
        assertThat(r.json()).hasSize(2);
        assertThat(r.json().get(0).get("id").asString()).endsWith("marble-mountains");
    }

    @Test
    void malformedGeoQueriesSayWhatToFix() {
        String base = "/ngsi-ld/v1/entities?type=" + poi;
        SaolaClient.Response noDistance = api.get(base + "&georel=near&geometry=Point&coordinates="
                + URLEncoder.encode("[108.2,16.0]", StandardCharsets.UTF_8));
        assertThat(noDistance.status()).isEqualTo(400);
        assertThat(noDistance.json().get("detail").asString()).contains("maxDistance");
        assertThat(api.get(base + "&georel=within&geometry=Point&coordinates=oops").json().get("detail").asString())
                .contains("JSON array");
        assertThat(api.get(base + "&georel=within&geometry=Circle&coordinates="
                + URLEncoder.encode("[108.2,16.0]", StandardCharsets.UTF_8)).status()).isEqualTo(400);
        assertThat(api.get(base + "&georel=within").json().get("detail").asString()).contains("together");
        assertThat(api.get(base + "&georel=crosses&geometry=Point&coordinates="
                + URLEncoder.encode("[108.2,16.0]", StandardCharsets.UTF_8)).json().get("detail").asString())
                .contains("not one of");
    }
}
