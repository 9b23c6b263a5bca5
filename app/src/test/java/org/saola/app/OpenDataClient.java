package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

/** Tests' way to the open data a module offers: published (or refreshed, if another test published it), then queried as a CKAN client. */
final class OpenDataClient {

    private final SaolaClient admin;

    OpenDataClient(SaolaClient admin) {
        this.admin = admin;
    }

    /** The name of the dataset publishing {@code source}, its rows read now. */
    String publishedNow(String source) {
        for (JsonNode d : admin.get("/api/v1/opendata/datasets").json()) {
            if (d.get("source").asString().equals(source)) {
                String name = d.get("name").asString();
                SaolaClient.Response r = admin.post("/api/v1/opendata/datasets/" + name + "/refresh", "");
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                return name;
            }
        }
        SaolaClient.Response r = admin.post("/api/v1/opendata/datasets", "{\"source\":\"" + source + "\"}");
        if (r.status() == 409) {                      // published meanwhile by a test running beside
            return publishedNow(source);
        }
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("name").asString();
    }

    /** datastore_search over the dataset publishing {@code source}, with these filters (JSON), up to 32 000 rows. */
    JsonNode search(String source, String filters) {
        String name = publishedNow(source);
        SaolaClient anyone = admin.anonymous();
        String resource = anyone.get("/api/3/action/package_show?id=" + name).json().get("result").get("resources").get(0).get("id").asString();
        SaolaClient.Response r = anyone.get("/api/3/action/datastore_search?limit=32000&resource_id=" + resource
                + (filters == null ? "" : "&filters=" + URLEncoder.encode(filters, StandardCharsets.UTF_8)));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("result");
    }
}
