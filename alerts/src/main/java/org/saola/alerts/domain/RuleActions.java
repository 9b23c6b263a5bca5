package org.saola.alerts.domain;

import java.util.List;
import java.util.Optional;

/**
 * What a rule does besides raising its alert: tell the channels it names (by name, or {@code department} for the
 * e-mail of the alert's department) when the alert is raised and when it is resolved, and issue a public warning
 * that is cancelled when the alert is resolved.
 */
public record RuleActions(List<String> channels, Optional<RuleWarning> warning) {

    public static final RuleActions NONE = new RuleActions(List.of(), Optional.empty());
    /** The channel name standing for the alert's department's contact e-mail. */
    public static final String DEPARTMENT = "department";

    public RuleActions {
        channels = List.copyOf(channels);
        if (channels.size() > 20) {
            throw new org.saola.platform.InvalidInputException("channels", "a rule notifies at most 20 channels");
        }
    }
}
