package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The writers keep entities' latest state in memory; another node writing the same database meanwhile is
 * noticed by the entity's version, and nothing it wrote is lost: the group is applied again from the database.
 */
class SharedDatabaseWritesTest extends PlatformTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aWriteByAnotherNodeIsNeitherLostNorOverwritten() {
        String id = "urn:ngsi-ld:Streetlight:shared-" + UUID.randomUUID().toString().substring(0, 8);
        SaolaClient api = client();
        assertThat(api.post("/ngsi-ld/v1/entities", "{\"id\": \"" + id + "\", \"type\": \"Streetlight\","
                + " \"powerState\": {\"type\": \"Property\", \"value\": \"off\"}}").status()).isEqualTo(201);
        // Two writes through this node: the second one finds the entity in memory.
        assertThat(patch(api, id, "{\"powerState\": {\"type\": \"Property\", \"value\": \"on\"}}")).isEqualTo(204);
        assertThat(api.send("POST", "/ngsi-ld/v1/entities/" + id + "/attrs", "{\"illuminanceLevel\": {\"type\": \"Property\","
                + " \"value\": 0.5}}", "Content-Type", "application/json").status()).isEqualTo(204);

        // Another node on the same database writes the entity, as its writer would: new state, new version.
        long theirs = jdbc.sql("""
                UPDATE context_entity SET attrs = jsonb_set(attrs, '{https://uri.etsi.org/ngsi-ld/default-context/powerState,value}',
                    '"low"'), version = nextval('context_entity_version') WHERE tenant_id = 'default' AND id = ?
                RETURNING version""").param(id).query(Long.class).single();

        assertThat(patch(api, id, "{\"illuminanceLevel\": {\"type\": \"Property\", \"value\": 0.7}}")).isEqualTo(204);
        JsonNode e = api.get("/ngsi-ld/v1/entities/" + id).json();
        assertThat(e.at("/powerState/value").asString()).as("the other node's write is kept").isEqualTo("low");
        assertThat(e.at("/illuminanceLevel/value").asDouble()).isEqualTo(0.7);
        assertThat(jdbc.sql("SELECT version FROM context_entity WHERE tenant_id = 'default' AND id = ?").param(id)
                .query(Long.class).single()).as("a new version, after theirs").isGreaterThan(theirs);
    }

    private static int patch(SaolaClient api, String id, String body) {
        return api.send("PATCH", "/ngsi-ld/v1/entities/" + id + "/attrs", body, "Content-Type", "application/json").status();
    }
}
