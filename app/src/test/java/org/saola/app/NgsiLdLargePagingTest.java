package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Paging stays exact deep into a large set (peers fail past offset 50 000): 55 000 entities created through
 * the batch API, read back at offsets past 50 000 with neither gaps nor repeats.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NgsiLdLargePagingTest extends PlatformTest {

    private static final int ENTITIES = 55_000;
    private SaolaClient api;
    private String type;

    @BeforeAll
    void manyStreetlights() {
        api = client().withApiKey(client().issueApiKey("paging test"));
        type = "Streetlight" + UUID.randomUUID().toString().substring(0, 8);
        long start = System.nanoTime();
        for (int batch = 0; batch < ENTITIES / 1000; batch++) {
            StringBuilder body = new StringBuilder("[");
            for (int i = 0; i < 1000; i++) {
                int n = batch * 1000 + i;
                body.append(i == 0 ? "" : ",").append("{\"id\": \"urn:ngsi-ld:").append(type).append(':')
                        .append(String.format("%06d", n)).append("\", \"type\": \"").append(type)
                        .append("\", \"n\": ").append(n).append('}');
            }
            body.append(']');
            SaolaClient.Response r = api.send("POST", "/ngsi-ld/v1/entityOperations/create", body.toString());
            assertThat(r.status()).as(r.body()).isEqualTo(201);
        }
        System.out.printf("created %d entities through the batch API in %d ms%n", ENTITIES,
                (System.nanoTime() - start) / 1_000_000);
    }

    private List<Integer> page(int offset, int limit) {
        SaolaClient.Response r = api.get("/ngsi-ld/v1/entities?type=" + type + "&options=keyValues&attrs=n&offset="
                + offset + "&limit=" + limit + "&count=true");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("NGSILD-Results-Count")).isEqualTo(Integer.toString(ENTITIES));
        List<Integer> ns = new ArrayList<>();
        for (JsonNode e : r.json()) {
            ns.add(e.get("n").asInt());
        }
        return ns;
    }

    @Test
    void pagesPastOffsetFiftyThousandAreExact() {
        assertThat(page(50_000, 1000)).hasSize(1000).startsWith(50_000).endsWith(50_999);
        assertThat(page(54_990, 1000)).containsExactly(54_990, 54_991, 54_992, 54_993, 54_994, 54_995, 54_996,
                54_997, 54_998, 54_999);
        assertThat(page(55_000, 10)).isEmpty();
    }

    @Test
    void walkingTheLastPagesByLinksNeitherSkipsNorRepeats() {
        Set<Integer> seen = new HashSet<>();
        String next = "/ngsi-ld/v1/entities?type=" + type + "&options=keyValues&attrs=n&offset=51000&limit=1000";
        int pages = 0;
        while (next != null) {
            SaolaClient.Response r = api.get(next);
            for (JsonNode e : r.json()) {
                assertThat(seen.add(e.get("n").asInt())).isTrue();
            }
            String link = r.headers().entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase("Link"))
                    .flatMap(h -> h.getValue().stream()).filter(l -> l.contains("rel=\"next\"")).findFirst().orElse(null);
            next = link == null ? null : link.substring(link.indexOf('<') + 1, link.indexOf('>')).replaceFirst("^https?://[^/]+", "");
            pages++;
        }
        assertThat(pages).isEqualTo(4);
        assertThat(seen).hasSize(4000);
        assertThat(seen.stream().mapToInt(Integer::intValue).min().getAsInt()).isEqualTo(51_000);
        assertThat(seen.stream().mapToInt(Integer::intValue).max().getAsInt()).isEqualTo(54_999);
    }
}
