package org.saola.alerts.warnings;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.saola.platform.TenantId;

/** A public warning's message was published (after the commit that kept it): an Alert, an Update or a Cancel. */
public record WarningPublished(TenantId tenant, UUID warningId, UUID messageId, String msgType, String severity,
        List<String> wards, Instant sent) {
}
