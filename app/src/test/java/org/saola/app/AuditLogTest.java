package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.saola.platform.TenantId;
import org.saola.platform.audit.AuditLog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The audit log records security-relevant actions with who, when, what; it refuses changes; and its
 * verification finds a record altered or removed directly in the database.
 */
class AuditLogTest extends PlatformTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    AuditLog audit;
    @Autowired
    TestClock clock;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void roleChangesCredentialResetsSettingsAndFailedSignInsAreRecorded() {
        SaolaClient admin = client();
        admin.post("/api/v1/staff", "{\"username\":\"minh-" + suffix + "\",\"roles\":[\"ANALYST\"]}");
        admin.send("PATCH", "/api/v1/staff/minh-" + suffix, "{\"roles\":[\"OPERATOR\"]}");
        admin.post("/api/v1/staff/minh-" + suffix + "/password", "{}");
        admin.registerStation("audit-" + suffix, 16.0, 108.2);
        admin.post("/api/v1/devices/audit-" + suffix + "/credentials", "");
        admin.send("PUT", "/api/v1/context/settings", "{\"schemaValidation\":\"warn\"}");
        admin.send("PUT", "/api/v1/context/settings", "{\"schemaValidation\":\"off\"}");
        assertThat(new SaolaClient("http://localhost:" + port, "minh-" + suffix, "wrong password 123").get("/api/v1/departments").status())
                .isEqualTo(401);

        JsonNode roles = admin.get("/api/v1/audit?action=STAFF_ROLES_CHANGED&actor=admin").json();
        JsonNode change = find(roles, "minh-" + suffix);
        assertThat(change.path("details").asString()).contains("\"rolesBefore\":\"ANALYST\"", "\"roles\":\"OPERATOR\"");
        assertThat(change.path("actor").asString()).isEqualTo("admin");
        assertThat(find(admin.get("/api/v1/audit?action=STAFF_PASSWORD_RESET").json(), "minh-" + suffix)).isNotNull();
        assertThat(find(admin.get("/api/v1/audit?action=DEVICE_CREDENTIALS_RESET").json(), "audit-" + suffix)).isNotNull();
        assertThat(admin.get("/api/v1/audit?action=SETTINGS_CHANGED").body()).contains("\\\"after\\\":\\\"warn\\\"");
        JsonNode failed = find(admin.get("/api/v1/audit?action=SIGN_IN_FAILED").json(), "minh-" + suffix);
        assertThat(failed.path("details").asString()).doesNotContain("wrong password");

        // Only administrators read it.
        SaolaClient operator = client().withApiKey(client().issueApiKey("audit reader", "OPERATOR"));
        assertThat(operator.get("/api/v1/audit").status()).isEqualTo(403);
        assertThat(admin.post("/api/v1/audit/verification", "").json().path("intact").asBoolean()).isTrue();
        assertThat(admin.get("/api/v1/audit?from=yesterday").json().path("field").asString()).isEqualTo("from");
    }

    private static JsonNode find(JsonNode records, String target) {
        for (JsonNode r : records) {
            if (r.path("target").asString().equals(target)) {
                return r;
            }
        }
        throw new AssertionError("no audit record for " + target + " in " + records);
    }

    @Test
    void theLogRefusesUpdatesAndDeletions() {
        TenantId tenant = TenantId.of("audit-" + suffix);
        jdbc.sql("INSERT INTO tenant (id, name) VALUES (?, 'audit test')").param(tenant.value()).update();
        audit.record(tenant, "tester", "TEST", "x", "", java.util.Map.of());
        assertThatThrownBy(() -> jdbc.sql("UPDATE audit_record SET actor = 'someone else' WHERE tenant_id = ?")
                .param(tenant.value()).update()).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_record WHERE tenant_id = ?")
                .param(tenant.value()).update()).hasMessageContaining("append-only");
    }

    @Test
    void verificationFindsARecordAlteredOrRemovedBehindThePlatformsBack() {
        TenantId tenant = TenantId.of("tamper-" + suffix);
        jdbc.sql("INSERT INTO tenant (id, name) VALUES (?, 'tamper test')").param(tenant.value()).update();
        for (int i = 1; i <= 5; i++) {
            audit.record(tenant, "officer-" + i, "RESIDENT_CONTACT_READ", "resident-" + i, "call back about report " + i,
                    java.util.Map.of("field", "phone"));
        }
        assertThat(audit.verify(tenant).intact()).isTrue();

        // A database administrator rewrites who read resident 3's phone number, bypassing the trigger.
        tamper("UPDATE audit_record SET actor = 'nobody' WHERE tenant_id = '" + tenant.value() + "' AND n = 3");
        var altered = audit.verify(tenant);
        assertThat(altered.intact()).isFalse();
        assertThat(altered.firstBrokenRecord()).contains(3L);
        assertThat(altered.detail()).contains("altered");
        tamper("UPDATE audit_record SET actor = 'officer-3' WHERE tenant_id = '" + tenant.value() + "' AND n = 3");
        assertThat(audit.verify(tenant).intact()).isTrue();

        tamper("DELETE FROM audit_record WHERE tenant_id = '" + tenant.value() + "' AND n = 2");
        var removed = audit.verify(tenant);
        assertThat(removed.intact()).isFalse();
        assertThat(removed.firstBrokenRecord()).contains(2L);
        assertThat(removed.detail()).contains("missing");

        TenantId other = TenantId.of("tamper2-" + suffix);
        jdbc.sql("INSERT INTO tenant (id, name) VALUES (?, 'tamper test')").param(other.value()).update();
        audit.record(other, "a", "TEST", "x", "", java.util.Map.of());
        audit.record(other, "a", "TEST", "y", "", java.util.Map.of());
        tamper("DELETE FROM audit_record WHERE tenant_id = '" + other.value() + "' AND n = 2");
        assertThat(audit.verify(other).detail()).contains("ends before its head");
    }

    @Test
    void retentionRemovesOldRecordsAndTheChainStaysVerifiable() {
        TenantId tenant = TenantId.of("retain-" + suffix);
        jdbc.sql("INSERT INTO tenant (id, name) VALUES (?, 'retention test')").param(tenant.value()).update();
        audit.record(tenant, "a", "OLD", "x", "", java.util.Map.of());
        audit.record(tenant, "a", "OLD", "y", "", java.util.Map.of());
        clock.advance(Duration.ofDays(800));             // time only moves forward (see TestClock)
        audit.record(tenant, "a", "NEW", "z", "", java.util.Map.of());
        audit.applyRetention();
        var kept = audit.search(tenant, java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), 100);
        assertThat(kept).extracting(r -> r.action()).containsExactly("AUDIT_RETENTION", "NEW");
        assertThat(audit.verify(tenant).intact()).isTrue();
    }

    private void tamper(String sql) {
        jdbc.sql("ALTER TABLE audit_record DISABLE TRIGGER audit_record_append_only").update();
        try {
            jdbc.sql(sql).update();
        } finally {
            jdbc.sql("ALTER TABLE audit_record ENABLE TRIGGER audit_record_append_only").update();
        }
    }
}
