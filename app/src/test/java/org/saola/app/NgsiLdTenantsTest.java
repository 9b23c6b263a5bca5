package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.saola.platform.TenantId;
import org.saola.platform.security.ApiKeys;
import org.saola.platform.security.StaffRole;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Two cities on one installation: no entity, query or count of one is visible to the other. */
class NgsiLdTenantsTest extends PlatformTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApiKeys apiKeys;

    private SaolaClient daNang;
    private SaolaClient hue;
    private String id;
    private String type;

    @BeforeEach
    void twoTenants() {
        // Tenants are provisioned by the platform's operators; there is no API for it yet.
        jdbc.sql("INSERT INTO tenant (id, name) VALUES ('hue', 'Thừa Thiên Huế') ON CONFLICT DO NOTHING").update();
        daNang = client().withApiKey(client().issueApiKey("tenant test"));
        hue = client().withApiKey(apiKeys.issue(TenantId.of("hue"), "tenant test", StaffRole.OPERATOR, "test").secret());
        type = "Streetlight" + UUID.randomUUID().toString().substring(0, 8);
        id = "urn:ngsi-ld:Streetlight:" + UUID.randomUUID();
    }

    private String light(double power) {
        return "{\"id\": \"" + id + "\", \"type\": \"" + type + "\", \"powerState\": \"on\", \"power\": " + power + "}";
    }

    @Test
    void entitiesOfOneTenantAreInvisibleToAnother() {
        assertThat(hue.send("POST", "/ngsi-ld/v1/entities", light(60)).status()).isEqualTo(201);

        assertThat(daNang.get("/ngsi-ld/v1/entities/" + id).status()).isEqualTo(404);
        SaolaClient.Response query = daNang.get("/ngsi-ld/v1/entities?type=" + type + "&count=true");
        assertThat(query.header("NGSILD-Results-Count")).isEqualTo("0");
        assertThat(query.json()).isEmpty();
        assertThat(daNang.send("PATCH", "/ngsi-ld/v1/entities/" + id + "/attrs", "{\"power\": 1}").status()).isEqualTo(404);
        assertThat(daNang.delete("/ngsi-ld/v1/entities/" + id).status()).isEqualTo(404);

        // The same id is free in the other tenant, and each keeps its own value.
        assertThat(daNang.send("POST", "/ngsi-ld/v1/entities", light(100)).status()).isEqualTo(201);
        assertThat(hue.get("/ngsi-ld/v1/entities/" + id).json().at("/power/value").asDouble()).isEqualTo(60);
        assertThat(daNang.get("/ngsi-ld/v1/entities/" + id).json().at("/power/value").asDouble()).isEqualTo(100);
        assertThat(hue.get("/ngsi-ld/v1/temporal/entities/" + id + "?attrs=power").json().get("power")).hasSize(1);
    }

    @Test
    void theTenantHeaderNamesTheCallersOwnTenantOnly() {
        hue.send("POST", "/ngsi-ld/v1/entities", light(60));
        SaolaClient.Response own = hue.get("/ngsi-ld/v1/entities/" + id, "NGSILD-Tenant", "hue");
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.header("NGSILD-Tenant")).isEqualTo("hue");

        SaolaClient.Response other = daNang.get("/ngsi-ld/v1/entities/" + id, "NGSILD-Tenant", "hue");
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.json().get("type").asString()).isEqualTo("https://uri.etsi.org/ngsi-ld/errors/NonexistentTenant");
        assertThat(daNang.send("POST", "/ngsi-ld/v1/entities", light(1), "NGSILD-Tenant", "hue").status()).isEqualTo(404);

        SaolaClient.Response bad = daNang.get("/ngsi-ld/v1/entities/" + id, "NGSILD-Tenant", "Hue City");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("detail").asString()).contains("NGSILD-Tenant");
    }
}
