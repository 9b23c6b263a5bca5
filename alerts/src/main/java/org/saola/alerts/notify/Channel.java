package org.saola.alerts.notify;

import java.time.Instant;

/**
 * Where a rule's alerts are sent: an e-mail address, a phone (SMS through the city's gateway) or a webhook whose
 * calls are signed with the channel's secret. Rules name channels, so an exported rule carries no address or
 * secret and a changed address applies to every rule at once.
 */
public record Channel(String name, Kind kind, String target, boolean hasSecret, boolean enabled, Instant createdAt,
        Instant updatedAt) {

    public enum Kind {
        EMAIL, SMS, WEBHOOK
    }

    /** A channel as a client writes it; {@code secret} only for a webhook (at least 16 characters; never returned). */
    public record Draft(String name, String kind, String target, String secret, Boolean enabled) {
    }
}
