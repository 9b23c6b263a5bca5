package org.saola.alerts.domain;

import java.util.Map;
import java.util.UUID;
import org.saola.platform.TenantId;

/**
 * What follows an alert's raising and resolution, in the same transaction (so it is neither lost nor done for an
 * alert that was rolled back): notifications queued for the rule's channels, a public warning issued or cancelled.
 */
public interface AlertFollowUp {

    AlertFollowUp NONE = new AlertFollowUp() {
        @Override
        public void raised(Rule rule, Alert alert, Map<String, Object> shown) {
        }

        @Override
        public void resolved(TenantId tenant, UUID alert, String why) {
        }
    };

    /** A rule raised this alert; {@code shown}: the entity's values, as its message showed them. */
    void raised(Rule rule, Alert alert, Map<String, Object> shown);

    /** The alert was resolved (by its rule or by a person). */
    void resolved(TenantId tenant, UUID alert, String why);
}
