package org.saola.platform.audit;

import java.time.Duration;
import java.time.Instant;
import org.saola.platform.retention.RetentionRule;
import org.springframework.stereotype.Component;

/** Audit records are kept {@code saola.audit.retention} (730 days), then removed with the chain kept verifiable. */
@Component
class AuditRetention implements RetentionRule {

    private final AuditLog audit;

    AuditRetention(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public String category() {
        return "audit-records";
    }

    @Override
    public String description() {
        return "audit records (who did what, who read a resident's contact), the removal itself recorded";
    }

    @Override
    public Duration defaultPeriod() {
        return audit.retention();
    }

    @Override
    public long apply(Instant cutoff) {
        return audit.removeOlderThan(cutoff);
    }
}
