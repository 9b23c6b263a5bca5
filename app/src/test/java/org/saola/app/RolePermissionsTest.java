package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each role against the dangerous operations, over HTTP with an API key of that role, least privilege
 * first: the roles that must be refused get 403 problem details and nothing happens; the others get past
 * the rule (to a 4xx about the made-up target or body, never 401 or 403).
 */
class RolePermissionsTest extends PlatformTest {

    record Operation(String method, String path, String body) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static final Operation RESET_CREDENTIALS = new Operation("POST", "/api/v1/devices/no-such-device/credentials", null);
    static final Operation REGISTER_DEVICE = new Operation("POST", "/api/v1/devices", "{\"id\":\"\"}");
    static final Operation DELETE_ENTITY = new Operation("DELETE", "/ngsi-ld/v1/entities/urn:ngsi-ld:Thing:none", null);
    static final Operation DELETE_ATTRIBUTE = new Operation("DELETE", "/ngsi-ld/v1/entities/urn:ngsi-ld:Thing:none/attrs/a", null);
    static final Operation BATCH_DELETE = new Operation("POST", "/ngsi-ld/v1/entityOperations/delete", "[]");
    static final Operation DELETE_HISTORY = new Operation("DELETE", "/ngsi-ld/v1/temporal/entities/urn:ngsi-ld:Thing:none", null);
    static final Operation CREATE_SUBSCRIPTION = new Operation("POST", "/ngsi-ld/v1/subscriptions", "{}");
    static final Operation DELETE_SUBSCRIPTION = new Operation("DELETE", "/ngsi-ld/v1/subscriptions/urn:ngsi-ld:Subscription:none", null);
    static final Operation WRITE_ENTITY = new Operation("POST", "/ngsi-ld/v1/entities", "{}");
    static final Operation CHANGE_SETTINGS = new Operation("PUT", "/api/v1/context/settings", "{\"schemaValidation\":\"nonsense\"}");
    static final Operation CREATE_DEPARTMENT = new Operation("POST", "/api/v1/departments", "{}");
    static final Operation CREATE_STAFF = new Operation("POST", "/api/v1/staff", "{}");
    static final Operation CHANGE_STAFF = new Operation("PATCH", "/api/v1/staff/no-such-person", "{}");
    static final Operation RESET_PASSWORD = new Operation("POST", "/api/v1/staff/no-such-person/password", "{}");
    static final Operation ISSUE_API_KEY = new Operation("POST", "/api/v1/api-keys", "{}");
    static final Operation READ_ENTITIES = new Operation("GET", "/ngsi-ld/v1/entities?type=Thing", null);

    /** Role → operation → may it (true) or must it be refused (false). */
    static final Map<String, Map<Operation, Boolean>> MATRIX = new LinkedHashMap<>();

    static {
        Operation[] all = {RESET_CREDENTIALS, REGISTER_DEVICE, DELETE_ENTITY, DELETE_ATTRIBUTE, BATCH_DELETE,
                DELETE_HISTORY, CREATE_SUBSCRIPTION, DELETE_SUBSCRIPTION, WRITE_ENTITY, CHANGE_SETTINGS,
                CREATE_DEPARTMENT, CREATE_STAFF, CHANGE_STAFF, RESET_PASSWORD, ISSUE_API_KEY, READ_ENTITIES};
        allow("ANALYST", all, READ_ENTITIES);
        allow("OFFICER", all, READ_ENTITIES);
        allow("OPERATOR", all, READ_ENTITIES, WRITE_ENTITY, CREATE_SUBSCRIPTION, DELETE_SUBSCRIPTION);
        allow("DEVICE_MANAGER", all, READ_ENTITIES, REGISTER_DEVICE, RESET_CREDENTIALS);
        allow("ADMIN", all, all);
    }

    private static void allow(String role, Operation[] all, Operation... allowed) {
        Map<Operation, Boolean> row = new LinkedHashMap<>();
        for (Operation o : all) {
            row.put(o, Stream.of(allowed).anyMatch(o::equals));
        }
        MATRIX.put(role, row);
    }

    static Stream<Arguments> cases() {
        return MATRIX.entrySet().stream().flatMap(role -> role.getValue().entrySet().stream()
                .map(op -> Arguments.of(role.getKey(), op.getKey(), op.getValue())));
    }

    private static final Map<String, String> KEYS = new java.util.concurrent.ConcurrentHashMap<>();

    @ParameterizedTest(name = "{0} {1}: allowed={2}")
    @MethodSource("cases")
    void eachRoleMayDoWhatItsWorkNeedsAndNothingMore(String role, Operation op, boolean allowed) {
        String key = KEYS.computeIfAbsent(role, r -> client().issueApiKey("matrix " + r, r));
        SaolaClient.Response r = client().withApiKey(key).send(op.method(), op.path(), op.body());
        if (allowed) {
            assertThat(r.status()).as(r.body()).isNotIn(401, 403).isLessThan(500);
        } else {
            assertThat(r.status()).as(r.body()).isEqualTo(403);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.json().path("detail").asString()).contains("your role does not grant");
        }
    }
}
