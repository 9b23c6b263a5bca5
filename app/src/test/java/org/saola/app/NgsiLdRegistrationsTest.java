package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Context source registrations and their discovery (NGSI-LD 1.8.1 §5.9, §5.10), over HTTP. */
class NgsiLdRegistrationsTest extends PlatformTest {

    private static final String CSR = "/ngsi-ld/v1/csourceRegistrations";
    private SaolaClient api;
    private String s;

    @BeforeEach
    void apiKey() {
        api = client().withApiKey(client().issueApiKey("registrations test"));
        s = UUID.randomUUID().toString().substring(0, 8);
    }

    /** This test's registrations (others' may match too). */
    private final List<String> known = new java.util.ArrayList<>();

    private String register(String body) {
        SaolaClient.Response r = api.post(CSR, body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String id = r.header("Location").substring(CSR.length() + 1);
        known.add(id);
        return id;
    }

    private List<String> discover(String query) {
        SaolaClient.Response r = api.get(CSR + "?" + query);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> ids = new java.util.ArrayList<>();
        r.json().forEach(registration -> ids.add(registration.get("id").asString()));
        return ids.stream().filter(known::contains).sorted().toList();
    }

    private static String enc(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8);
    }

    @Test
    void registrationsAreCreatedReadUpdatedDiscoveredAndDeleted() {
        String parking = register("""
                {"id": "urn:ngsi-ld:ContextSourceRegistration:parking-%1$s", "type": "ContextSourceRegistration",
                 "registrationName": "Đà Nẵng parking operator",
                 "information": [{"entities": [{"type": "ParkingSpot%1$s"}], "propertyNames": ["status"],
                                  "relationshipNames": ["refParkingSite"]}],
                 "endpoint": "https://parking.example.vn/ngsi-ld", "mode": "inclusive", "operations": ["retrieveOps"],
                 "operator": "DaNangParking"}""".formatted(s));
        String water = register("""
                {"type": "ContextSourceRegistration",
                 "information": [{"entities": [{"type": "WaterObserved%1$s", "idPattern": "urn:ngsi-ld:WaterObserved:han-.*"},
                                               {"type": "ParkingSpot%1$s", "id": "urn:ngsi-ld:ParkingSpot:river-%1$s"}]}],
                 "endpoint": "http://water.example.vn/%1$s", "operator": "DAWACO"}""".formatted(s));
        assertThat(water).startsWith("urn:ngsi-ld:ContextSourceRegistration:");

        JsonNode read = api.get(CSR + "/" + parking).json();
        assertThat(read.get("registrationName").asString()).isEqualTo("Đà Nẵng parking operator");
        assertThat(read.has("createdAt")).as("§4.8: system times only with options=sysAttrs").isFalse();
        assertThat(api.get(CSR + "/" + parking + "?options=sysAttrs").json().get("createdAt").asString()).isNotBlank();

        assertThat(discover("type=ParkingSpot" + s)).hasSize(2);
        assertThat(discover("type=WaterObserved" + s)).hasSize(1);
        assertThat(discover("type=ParkingSpot" + s + "&attrs=status")).containsExactlyInAnyOrder(parking, water)
                .as("the water utility names no attributes: it may hold any");
        assertThat(discover("type=ParkingSpot" + s + "&id=urn:ngsi-ld:ParkingSpot:river-" + s)).hasSize(2);
        assertThat(discover("type=ParkingSpot" + s + "&id=urn:ngsi-ld:ParkingSpot:elsewhere")).containsExactly(parking);
        assertThat(discover("type=WaterObserved" + s + "&id=urn:ngsi-ld:WaterObserved:han-1")).containsExactly(water);
        assertThat(discover("type=WaterObserved" + s + "&id=urn:ngsi-ld:WaterObserved:hue-1")).isEmpty();
        // An id alone: the parking operator registers ParkingSpots of any id, so it may hold this one too.
        assertThat(discover("id=urn:ngsi-ld:WaterObserved:han-1")).containsExactlyInAnyOrder(parking, water);
        assertThat(discover("csf=" + enc("operator==\"DAWACO\""))).containsExactly(water);
        assertThat(discover("type=ParkingSpot" + s + "&q=" + enc("mode==\"inclusive\""))).containsExactly(parking);
        assertThat(api.get(CSR + "?type=ParkingSpot" + s + "&attrs=refParkingSite&count=true&limit=1").header("NGSILD-Results-Count"))
                .isEqualTo("2");

        assertThat(api.send("PATCH", CSR + "/" + parking, "{\"endpoint\": \"https://parking2.example.vn\"}").status())
                .isEqualTo(204);
        assertThat(api.get(CSR + "/" + parking).json().get("endpoint").asString()).isEqualTo("https://parking2.example.vn");

        // Past its expiresAt, a registration is no longer discovered.
        assertThat(api.send("PATCH", CSR + "/" + water, "{\"expiresAt\": \"2020-01-01T00:00:00Z\"}").status())
                .isEqualTo(204);
        assertThat(discover("type=WaterObserved" + s)).isEmpty();
        assertThat(api.send("PATCH", CSR + "/" + water, "{\"expiresAt\": \"2099-01-01T00:00:00Z\"}").status())
                .isEqualTo(204);

        assertThat(api.delete(CSR + "/" + parking).status()).isEqualTo(204);
        assertThat(api.get(CSR + "/" + parking).status()).isEqualTo(404);
        assertThat(discover("type=ParkingSpot" + s)).containsExactly(water);
    }

    @Test
    void clause5_10_2_geoScopeAndTemporalQueriesAreMatchedAgainstTheRegistrationsExtent() {
        // Hải Châu district's sensors (a box around 108.20-108.23, 16.03-16.08) and the Sơn Trà peninsula's.
        String haiChau = register("""
                {"type": "ContextSourceRegistration", "information": [{"entities": [{"type": "NoiseLevelObserved%1$s"}]}],
                 "endpoint": "http://haichau.example.vn/%1$s", "scope": "/DaNang/HaiChau",
                 "location": {"type": "Polygon", "coordinates": [[[108.20, 16.03], [108.23, 16.03], [108.23, 16.08],
                              [108.20, 16.08], [108.20, 16.03]]]}}""".formatted(s));
        String sonTra = register("""
                {"type": "ContextSourceRegistration", "information": [{"entities": [{"type": "NoiseLevelObserved%1$s"}]}],
                 "endpoint": "http://sontra.example.vn/%1$s", "scope": ["/DaNang/SonTra"],
                 "location": {"type": "Point", "coordinates": [108.27, 16.11]}}""".formatted(s));
        // An archive of last year's readings: found by temporal queries only (§5.10.2).
        String archive = register("""
                {"type": "ContextSourceRegistration", "information": [{"entities": [{"type": "NoiseLevelObserved%1$s"}]}],
                 "endpoint": "http://archive.example.vn/%1$s",
                 "observationInterval": {"startAt": "2025-01-01T00:00:00Z", "endAt": "2026-01-01T00:00:00Z"}}"""
                .formatted(s));
        String type = "type=NoiseLevelObserved" + s;

        assertThat(discover(type)).as("no temporal query: sources of latest information only")
                .containsExactlyInAnyOrder(haiChau, sonTra);
        // Near the Dragon Bridge (108.227, 16.061): inside Hải Châu's box; Sơn Trà is ~6.6 km away.
        String near = "&georel=" + enc("near;maxDistance==2000") + "&geometry=Point&coordinates=" + enc("[108.227,16.061]");
        assertThat(discover(type + near)).containsExactly(haiChau);
        assertThat(discover(type + "&georel=" + enc("near;maxDistance==8000") + "&geometry=Point&coordinates="
                + enc("[108.227,16.061]"))).containsExactlyInAnyOrder(haiChau, sonTra);
        String within = "&georel=within&geometry=Polygon&coordinates="
                + enc("[[[108.25,16.09],[108.30,16.09],[108.30,16.13],[108.25,16.13],[108.25,16.09]]]");
        assertThat(discover(type + within)).containsExactly(sonTra);
        assertThat(discover(type + "&scopeQ=" + enc("/DaNang/#"))).containsExactlyInAnyOrder(haiChau, sonTra);
        assertThat(discover(type + "&scopeQ=" + enc("/DaNang/SonTra"))).containsExactly(sonTra);
        assertThat(discover(type + "&timerel=before&timeAt=" + enc("2025-06-01T00:00:00Z"))).containsExactly(archive);
        assertThat(discover(type + "&timerel=between&timeAt=" + enc("2025-12-01T00:00:00Z") + "&endTimeAt="
                + enc("2026-02-01T00:00:00Z"))).containsExactly(archive);
        assertThat(discover(type + "&timerel=after&timeAt=" + enc("2026-06-01T00:00:00Z"))).isEmpty();
        assertThat(discover(type + "&timerel=after&timeAt=" + enc("2025-06-01T00:00:00Z")
                + "&timeproperty=modifiedAt")).as("modifiedAt is matched against a managementInterval it lacks").isEmpty();

        assertThat(api.post(CSR, """
                {"type": "ContextSourceRegistration", "information": [{"entities": [{"type": "T"}]}],
                 "endpoint": "http://x.example.vn", "location": {"type": "Point", "coordinates": [200, 16]}}""").status())
                .isEqualTo(400);
        SaolaClient.Response backwards = api.post(CSR, """
                {"type": "ContextSourceRegistration", "information": [{"entities": [{"type": "T"}]}],
                 "endpoint": "http://x.example.vn",
                 "observationInterval": {"startAt": "2026-01-01T00:00:00Z", "endAt": "2025-01-01T00:00:00Z"}}""");
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.json().get("detail").asString()).contains("observationInterval");
    }

    @Test
    void clause5_10_1_namesComeBackCompactedWithTheReadersContext() {
        String id = "urn:ngsi-ld:ContextSourceRegistration:ctx-" + s;
        SaolaClient.Response r = api.send("POST", CSR, """
                {"@context": [{"Gauge%1$s": "https://water.danang.example/Gauge", "level%1$s": "https://water.danang.example/level"},
                              "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld"],
                 "id": "%2$s", "type": "ContextSourceRegistration",
                 "information": [{"entities": [{"type": "Gauge%1$s"}], "propertyNames": ["level%1$s"]}],
                 "endpoint": "http://x.example"}""".formatted(s, id), "Content-Type", "application/ld+json");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        known.add(id);
        // Read without that @context: the full IRIs, as the reader's (core) @context has no terms for them.
        JsonNode plain = api.get(CSR + "/" + id).json();
        assertThat(plain.at("/information/0/entities/0/type").asString()).isEqualTo("https://water.danang.example/Gauge");
        assertThat(plain.at("/information/0/propertyNames/0").asString()).isEqualTo("https://water.danang.example/level");
    }

    @Test
    void badRegistrationsAndQueriesAreRefusedWithWhatToFix() {
        SaolaClient.Response noEndpoint = api.post(CSR, """
                {"type": "ContextSourceRegistration", "information": [{"entities": [{"type": "T"}]}]}""");
        assertThat(noEndpoint.status()).isEqualTo(400);
        assertThat(noEndpoint.json().get("detail").asString()).contains("endpoint");
        SaolaClient.Response emptyInfo = api.post(CSR, """
                {"type": "ContextSourceRegistration", "information": [{}], "endpoint": "http://x.example"}""");
        assertThat(emptyInfo.status()).isEqualTo(400);
        assertThat(emptyInfo.json().get("detail").asString()).contains("names entities, propertyNames");
        SaolaClient.Response badMode = api.post(CSR, """
                {"type": "ContextSourceRegistration", "information": [{"propertyNames": ["p"]}],
                 "endpoint": "http://x.example", "mode": "sometimes"}""");
        assertThat(badMode.json().get("detail").asString()).contains("inclusive");
        String id = register("""
                {"id": "urn:ngsi-ld:ContextSourceRegistration:dup-%s", "type": "ContextSourceRegistration",
                 "information": [{"propertyNames": ["p"]}], "endpoint": "http://x.example"}""".formatted(s));
        SaolaClient.Response twice = api.post(CSR, """
                {"id": "%s", "type": "ContextSourceRegistration", "information": [{"propertyNames": ["p"]}],
                 "endpoint": "http://x.example"}""".formatted(id));
        assertThat(twice.status()).isEqualTo(409);
        SaolaClient.Response nothingAsked = api.get(CSR);
        assertThat(nothingAsked.status()).isEqualTo(400);
        assertThat(nothingAsked.json().get("detail").asString()).contains("type, id, idPattern, attrs, q, csf, a geo-query, scopeQ or a temporal query");
        assertThat(api.get(CSR + "?csf=" + enc("a>>1")).status()).isEqualTo(400);
    }
}
