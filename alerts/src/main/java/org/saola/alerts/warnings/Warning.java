package org.saola.alerts.warnings;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One published message of a public warning, as lists and pages show it (its XML is served as published).
 * {@code warningId} is the warning it belongs to: its first message's id.
 */
public record Warning(UUID id, UUID warningId, String identifier, String msgType, String status, Instant sent,
        Instant expires, String severity, String urgency, WarningDraft.Text event, WarningDraft.Text headline,
        String draftJson, String areasJson, Optional<UUID> alertId, String author) {

    public boolean cancelled() {
        return msgType.equals("Cancel");
    }

    /** Whether this message, the last of its warning, still warns the public at this time. */
    public boolean inEffect(Instant now) {
        return !cancelled() && expires.isAfter(now);
    }
}
