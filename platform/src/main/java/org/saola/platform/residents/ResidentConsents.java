package org.saola.platform.residents;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.saola.platform.InvalidInputException;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.audit.AuditLog;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * Residents' consents, each with its purpose and scope, when it was given and when withdrawn: modules record them
 * as residents agree and stop ({@link #given}, {@link #ended}); a resident withdraws one from their data page
 * ({@link #withdraw}), which has the purpose's module stop what it allowed.
 */
public class ResidentConsents {

    /** A consent: its purpose, scope, and when given and (if so) withdrawn. */
    public record Consent(UUID id, String purpose, String scope, Instant givenAt, Optional<Instant> withdrawnAt) {
    }

    private final JdbcClient jdbc;
    private final ObjectProvider<ConsentPurpose> purposes;
    private final AuditLog audit;
    private final InstantSource clock;

    public ResidentConsents(JdbcClient jdbc, ObjectProvider<ConsentPurpose> purposes, AuditLog audit, InstantSource clock) {
        this.jdbc = jdbc;
        this.purposes = purposes;
        this.audit = audit;
        this.clock = clock;
    }

    /** Records that the resident agreed (nothing new if that consent stands already); in the caller's transaction. */
    public void given(TenantId tenant, UUID resident, String purpose, String scope) {
        jdbc.sql("""
                INSERT INTO resident_consent (tenant_id, id, resident_id, purpose, scope, given_at)
                SELECT ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM resident_consent
                    WHERE tenant_id = ? AND resident_id = ? AND purpose = ? AND scope = ? AND withdrawn_at IS NULL)""")
                .params(tenant.value(), UUID.randomUUID(), resident, purpose, scope, Timestamp.from(clock.instant()),
                        tenant.value(), resident, purpose, scope)
                .update();
    }

    /** Records that the consent ended (the resident stopped it where it was given); in the caller's transaction. */
    public void ended(TenantId tenant, UUID resident, String purpose, String scope) {
        jdbc.sql("""
                UPDATE resident_consent SET withdrawn_at = ? WHERE tenant_id = ? AND resident_id = ? AND purpose = ?
                    AND (scope = ? OR ? = '') AND withdrawn_at IS NULL""")
                .params(Timestamp.from(clock.instant()), tenant.value(), resident, purpose, scope, scope).update();
    }

    /** The resident's consents, standing ones first, newest first. */
    public List<Consent> of(TenantId tenant, UUID resident) {
        return jdbc.sql("""
                SELECT id, purpose, scope, given_at, withdrawn_at FROM resident_consent WHERE tenant_id = ? AND resident_id = ?
                ORDER BY withdrawn_at IS NOT NULL, given_at DESC LIMIT 1000""")
                .params(tenant.value(), resident)
                .query((rs, i) -> new Consent(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), Optional.ofNullable(rs.getTimestamp(5)).map(Timestamp::toInstant)))
                .list();
    }

    /** What a purpose is, for the page ({@code null} description: a purpose no module names any more). */
    public Optional<ConsentPurpose> purpose(String id) {
        return purposes.orderedStream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** The resident withdraws one of their standing consents: its module stops, and the consent is closed. */
    @Transactional
    public void withdraw(TenantId tenant, UUID resident, UUID consent) {
        Consent c = of(tenant, resident).stream().filter(x -> x.id().equals(consent)).findFirst()
                .orElseThrow(() -> new NotFoundException("no consent " + consent + " of yours"));
        if (c.withdrawnAt().isPresent()) {
            throw new InvalidInputException("consent", "this consent was withdrawn already");
        }
        purpose(c.purpose()).ifPresent(p -> p.withdraw(tenant, resident, c.scope()));
        ended(tenant, resident, c.purpose(), c.scope());
        audit.record(tenant, "resident:" + resident, "RESIDENT_CONSENT_WITHDRAWN", "resident:" + resident, "",
                Map.of("purpose", c.purpose(), "scope", c.scope()));
    }
}
