package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** An administrator runs the tenant's staff: departments, accounts, roles, disabling, passwords. */
class StaffAdministrationTest extends PlatformTest {

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    private String department(String code) {
        SaolaClient.Response r = client().post("/api/v1/departments", """
                {"code":"%s","nameVi":"Sở Tài nguyên và Môi trường","nameEn":"Department of Natural Resources and Environment",
                 "contactEmail":"stnmt@danang.gov.vn","contactPhone":"+84 236 3822 384",
                 "wards":["Hải Châu 1","Thạch Thang"],"serviceCategories":["air-quality","litter"]}""".formatted(code));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return code;
    }

    @Test
    void staffGetRolesAndDepartmentsAndActWithThem() {
        String env = department("env-" + suffix);
        SaolaClient.Response created = client().post("/api/v1/staff", """
                {"username":"lan-%s","displayName":"Nguyễn Thị Lan","roles":["OFFICER"],"departments":["%s"]}"""
                .formatted(suffix, env));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String password = created.json().path("password").asString();
        assertThat(password).as("a generated password is answered once").hasSizeGreaterThan(12);
        assertThat(created.json().at("/staff/departments/0").asString()).isEqualTo(env);

        SaolaClient lan = new SaolaClient("http://localhost:" + port, "lan-" + suffix, password);
        assertThat(lan.get("/api/v1/departments").status()).isEqualTo(200);
        assertThat(lan.get("/ngsi-ld/v1/types").status()).isEqualTo(200);
        assertThat(lan.send("POST", "/ngsi-ld/v1/entities", "{}").status()).as("an officer writes no entities").isEqualTo(403);

        // Promoted to operator: the write gets past the rule (and fails on the empty body instead).
        SaolaClient.Response promoted = client().send("PATCH", "/api/v1/staff/lan-" + suffix, "{\"roles\":[\"OFFICER\",\"OPERATOR\"]}");
        assertThat(promoted.json().path("roles").toString()).contains("OFFICER", "OPERATOR");
        assertThat(lan.send("POST", "/ngsi-ld/v1/entities", "{}").status()).isEqualTo(400);

        // Disabled: her credentials stop working; enabled again, they work.
        assertThat(client().send("PATCH", "/api/v1/staff/lan-" + suffix, "{\"disabled\":true}").json().path("disabled").asBoolean()).isTrue();
        assertThat(lan.get("/api/v1/departments").status()).isEqualTo(401);
        client().send("PATCH", "/api/v1/staff/lan-" + suffix, "{\"disabled\":false}");
        assertThat(lan.get("/api/v1/departments").status()).isEqualTo(200);

        // A password reset replaces the old one.
        SaolaClient.Response reset = client().post("/api/v1/staff/lan-" + suffix + "/password", "{}");
        String newPassword = reset.json().path("password").asString();
        assertThat(lan.get("/api/v1/departments").status()).isEqualTo(401);
        assertThat(new SaolaClient("http://localhost:" + port, "lan-" + suffix, newPassword).get("/api/v1/departments").status()).isEqualTo(200);
        assertThat(client().get("/api/v1/staff").body()).contains("lan-" + suffix).doesNotContain(newPassword).doesNotContain("$2a$");
    }

    @Test
    void theLastEnabledAdministratorCanBeNeitherDemotedNorDisabled() {
        SaolaClient admin = client();
        SaolaClient.Response demote = admin.send("PATCH", "/api/v1/staff/admin", "{\"roles\":[\"OPERATOR\"]}");
        assertThat(demote.status()).as(demote.body()).isEqualTo(409);
        assertThat(demote.json().path("detail").asString()).contains("last enabled administrator");
        assertThat(admin.send("PATCH", "/api/v1/staff/admin", "{\"disabled\":true}").status()).isEqualTo(409);
        assertThat(admin.get("/api/v1/staff/admin").json().path("roles").toString()).contains("ADMIN");

        // With a second administrator, the first may step down; the second may not then leave too.
        String second = "admin2-" + suffix;
        String password = admin.post("/api/v1/staff", "{\"username\":\"" + second + "\",\"roles\":[\"ADMIN\"]}").json().path("password").asString();
        SaolaClient other = new SaolaClient("http://localhost:" + port, second, password);
        assertThat(admin.send("PATCH", "/api/v1/staff/" + second, "{\"disabled\":true}").status()).isEqualTo(200);
        assertThat(other.get("/api/v1/staff").status()).isEqualTo(401);
        assertThat(admin.send("PATCH", "/api/v1/staff/" + second, "{\"disabled\":false}").status()).isEqualTo(200);
        assertThat(other.send("PATCH", "/api/v1/staff/" + second, "{\"roles\":[\"ANALYST\"]}").status()).isEqualTo(200);
        assertThat(admin.send("PATCH", "/api/v1/staff/admin", "{\"roles\":[\"OPERATOR\"]}").status()).isEqualTo(409);
    }

    @Test
    void badStaffInputIsNamedField() {
        SaolaClient admin = client();
        JsonNode role = admin.post("/api/v1/staff", "{\"username\":\"x-" + suffix + "\",\"roles\":[\"MAYOR\"]}").json();
        assertThat(role.path("status").asInt()).isEqualTo(400);
        assertThat(role.path("field").asString()).isEqualTo("roles");
        JsonNode dept = admin.post("/api/v1/staff", "{\"username\":\"y-" + suffix + "\",\"roles\":[\"OFFICER\"],\"departments\":[\"nowhere\"]}").json();
        assertThat(dept.path("status").asInt()).isEqualTo(400);
        assertThat(dept.path("detail").asString()).contains("nowhere");
        assertThat(admin.get("/api/v1/staff/y-" + suffix).status()).as("nothing half-created").isEqualTo(404);
        assertThat(admin.post("/api/v1/departments", "{\"code\":\"Bad Code\",\"nameVi\":\"a\",\"nameEn\":\"a\"}").json().path("field").asString())
                .isEqualTo("code");
    }

    @Test
    void apiKeysCarryARoleAndADepartment() {
        String water = department("water-" + suffix);
        SaolaClient.Response issued = client().post("/api/v1/api-keys",
                "{\"name\":\"water dashboard\",\"role\":\"ANALYST\",\"department\":\"" + water + "\"}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        assertThat(issued.json().at("/key/department").asString()).isEqualTo(water);
        assertThat(client().post("/api/v1/api-keys", "{\"name\":\"k\",\"role\":\"ANALYST\",\"department\":\"nowhere\"}").status()).isEqualTo(400);
        assertThat(client().post("/api/v1/api-keys", "{\"name\":\"k\",\"role\":\"KING\"}").json().path("field").asString()).isEqualTo("role");
        assertThat(client().delete("/api/v1/departments/" + water).status()).as("a department with keys stays").isEqualTo(409);
    }

    @Test
    void residentsSeeTheDepartmentsOfTheCityTheyAskWithoutSigningIn() {
        String code = department("public-" + suffix);
        SaolaClient.Response r = client().anonymous().get("/public/v1/departments");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains(code, "stnmt@danang.gov.vn", "Thạch Thang");
        // Another city's host name: that city's departments (none here), never the default one's.
        SaolaClient.Response hue = client().anonymous().get("/public/v1/departments", "Host", "hue.saola.test");
        assertThat(hue.status()).isEqualTo(200);
        assertThat(hue.body()).doesNotContain(code);
    }
}
