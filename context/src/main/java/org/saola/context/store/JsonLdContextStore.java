package org.saola.context.store;

import java.net.URI;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Inline @contexts that must outlive the request that carried them (those of subscriptions). */
@Repository
public class JsonLdContextStore implements org.saola.context.jsonld.JsonLdContexts.InlineStore {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public JsonLdContextStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public java.util.Optional<JsonNode> find(URI id) {
        return jdbc.sql("SELECT body::text FROM context_jsonld_context WHERE id = ?").params(id.toString())
                .query((rs, n) -> json.readTree(rs.getString(1))).optional();
    }

    @Override
    public void save(URI id, JsonNode context) {
        jdbc.sql("INSERT INTO context_jsonld_context (id, body) VALUES (?, ?::jsonb) ON CONFLICT (id) DO NOTHING")
                .params(id.toString(), json.writeValueAsString(context)).update();
    }
}
