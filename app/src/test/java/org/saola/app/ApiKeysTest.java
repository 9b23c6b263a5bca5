package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** API keys as an administrator and a machine client use them: issued, listed without secret, revoked. */
class ApiKeysTest extends PlatformTest {

    @Test
    void aRevokedKeyIsRefusedAtOnceEvenRightAfterUse() {
        SaolaClient admin = client();
        SaolaClient.Response issued = admin.post("/api/v1/api-keys", "{\"name\": \"dashboard\", \"role\": \"OPERATOR\"}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        String secret = issued.json().get("secret").asString();
        String id = issued.json().path("key").path("id").asString();
        SaolaClient dashboard = admin.withApiKey(secret);

        // Used twice: the second time the look-up is reused.
        assertThat(dashboard.get("/ngsi-ld/v1/types").status()).isEqualTo(200);
        assertThat(dashboard.get("/ngsi-ld/v1/types").status()).isEqualTo(200);

        SaolaClient.Response listed = admin.get("/api/v1/api-keys");
        assertThat(listed.body()).contains("dashboard").doesNotContain(secret);

        assertThat(admin.delete("/api/v1/api-keys/" + id).status()).isEqualTo(204);
        SaolaClient.Response refused = dashboard.get("/ngsi-ld/v1/types");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.body()).contains("unknown or revoked");
    }

    @Test
    void aWrongKeyIsRefusedNotTreatedAsAnonymous() {
        SaolaClient.Response r = client().withApiKey("saola_not-a-key").get("/ngsi-ld/v1/types");
        assertThat(r.status()).isEqualTo(401);
        JsonNode problem = r.json();
        assertThat(problem.path("detail").asString()).contains("API key");
    }
}
