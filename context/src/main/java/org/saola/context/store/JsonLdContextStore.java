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

    /** A context kept in the database, and how it came there. */
    public record Kept(URI id, String kind, java.time.Instant createdAt) {
    }

    /** Hosts a context a client posted (§5.13.2); one kept already for a subscription becomes Hosted too. */
    public void host(URI id, JsonNode context) {
        jdbc.sql("""
                        INSERT INTO context_jsonld_context (id, body, kind) VALUES (?, ?::jsonb, 'Hosted')
                        ON CONFLICT (id) DO UPDATE SET kind = 'Hosted'""")
                .params(id.toString(), json.writeValueAsString(context)).update();
    }

    public java.util.List<Kept> all() {
        return jdbc.sql("SELECT id, kind, created_at FROM context_jsonld_context ORDER BY created_at, id")
                .query((rs, n) -> new Kept(URI.create(rs.getString(1)), rs.getString(2), rs.getTimestamp(3).toInstant()))
                .list();
    }

    public java.util.Optional<Kept> kept(URI id) {
        return jdbc.sql("SELECT id, kind, created_at FROM context_jsonld_context WHERE id = ?").params(id.toString())
                .query((rs, n) -> new Kept(URI.create(rs.getString(1)), rs.getString(2), rs.getTimestamp(3).toInstant()))
                .optional();
    }

    /** A subscription or registration (of any tenant) reads its names with this context. */
    public boolean inUse(URI id) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM context_subscription WHERE ? = ANY (contexts))
                            OR EXISTS (SELECT 1 FROM context_registration WHERE ? = ANY (contexts))""")
                .params(id.toString(), id.toString()).query(Boolean.class).single();
    }

    public boolean delete(URI id) {
        return jdbc.sql("DELETE FROM context_jsonld_context WHERE id = ?").params(id.toString()).update() == 1;
    }
}
