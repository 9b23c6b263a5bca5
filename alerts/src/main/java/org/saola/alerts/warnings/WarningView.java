package org.saola.alerts.warnings;

import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A warning's message as the APIs show it: which warning it belongs to ({@code id}), what it says in both languages,
 * the areas it covers, when it stops applying, and where its CAP message and public page are.
 */
public record WarningView(String id, String messageId, String identifier, String msgType, String status, Instant sent,
        Instant expires, boolean inEffect, String severity, String urgency, WarningDraft.Text event,
        WarningDraft.Text headline, JsonNode areas, String alertId, String cap, String page) {

    public static WarningView of(Warning w, WarningSettings settings, JsonMapper json, Instant now) {
        return new WarningView(w.warningId().toString(), w.id().toString(), w.identifier(), w.msgType(), w.status(),
                w.sent(), w.expires(), w.inEffect(now), w.severity(), w.urgency(), w.event(), w.headline(),
                json.readTree(w.areasJson()), w.alertId().map(Object::toString).orElse(null), capUrl(settings, w),
                settings.page(w.warningId()));
    }

    /** The view for anyone: without the internal alert a rule raised it for. */
    public WarningView forPublic() {
        return new WarningView(id, messageId, identifier, msgType, status, sent, expires, inEffect, severity, urgency, event,
                headline, areas, null, cap, page);
    }

    /** Where a message's CAP XML is served, on this site. */
    public static String capPath(Warning w) {
        return "/public/v1/cap/" + w.id() + ".xml";
    }

    /** Where a message's CAP XML is served, in full (for feeds and clients elsewhere). */
    public static String capUrl(WarningSettings settings, Warning w) {
        return settings.publicUrl() + capPath(w);
    }
}
