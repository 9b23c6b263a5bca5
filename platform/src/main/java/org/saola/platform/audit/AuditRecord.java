package org.saola.platform.audit;

import java.time.Instant;

/** One entry of the audit log: who did what to what, when, why; {@code details} is a JSON object. */
public record AuditRecord(long n, Instant at, String actor, String action, String target, String reason,
        String details, String hash) {
}
