package org.saola.context.store;

import java.net.URI;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Inline @contexts that must outlive the request that carried them (those of subscriptions). */
@Repository
public class JsonLdContextStore {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public JsonLdContextStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void save(URI id, JsonNode context) {
        jdbc.sql("INSERT INTO context_jsonld_context (id, body) VALUES (?, ?::jsonb) ON CONFLICT (id) DO NOTHING")
                .params(id.toString(), json.writeValueAsString(context)).update();
    }

    public Map<URI, JsonNode> all() {
        Map<URI, JsonNode> out = new java.util.LinkedHashMap<>();
        jdbc.sql("SELECT id, body::text FROM context_jsonld_context ORDER BY created_at")
                .query((rs, n) -> Map.entry(URI.create(rs.getString(1)), json.readTree(rs.getString(2))))
                .list().forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
