package org.saola.alerts.domain;

import java.util.List;
import java.util.Optional;

/**
 * What a rule does besides raising its alert: tell the channels it names (by name, or {@code department} for the
 * e-mail of the alert's department) when the alert is raised and when it is resolved, and issue a public warning
 * that is cancelled when the alert is resolved; and tell other channels ({@code escalateTo}) if the alert is still
 * not acknowledged {@code escalateAfter} after it was raised.
 */
public record RuleActions(List<String> channels, Optional<RuleWarning> warning, Optional<java.time.Duration> escalateAfter,
        List<String> escalateTo) {

    public static final RuleActions NONE = new RuleActions(List.of(), Optional.empty(), Optional.empty(), List.of());
    /** The channel name standing for the alert's department's contact e-mail. */
    public static final String DEPARTMENT = "department";

    public RuleActions {
        channels = List.copyOf(channels);
        escalateTo = List.copyOf(escalateTo);
        if (escalateAfter.isPresent() != !escalateTo.isEmpty()) {
            throw new org.saola.platform.InvalidInputException("escalateTo", "escalateAfter and escalateTo go together: "
                    + "how long an alert may stay unacknowledged, and whom to tell then");
        }
        if (escalateAfter.isPresent() && (escalateAfter.get().compareTo(java.time.Duration.ofMinutes(1)) < 0
                || escalateAfter.get().compareTo(java.time.Duration.ofDays(7)) > 0)) {
            throw new org.saola.platform.InvalidInputException("escalateAfter", "escalateAfter is between PT1M and P7D; got "
                    + escalateAfter.get());
        }
        if (channels.size() > 20) {
            throw new org.saola.platform.InvalidInputException("channels", "a rule notifies at most 20 channels");
        }
    }
}
