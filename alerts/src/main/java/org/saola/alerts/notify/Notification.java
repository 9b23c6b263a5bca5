package org.saola.alerts.notify;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.saola.platform.TenantId;

/**
 * One message about an alert to one channel: queued with the alert's change, sent with retries and back-off;
 * {@code FAILED} after the last attempt, with the error kept on the alert for people to see.
 */
public record Notification(TenantId tenant, UUID id, UUID alertId, String channel, String event, String status,
        int attempts, Instant nextAt, String lastError, Optional<Instant> sentAt, Instant createdAt) {
}
