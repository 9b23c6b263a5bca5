package org.saola.alerts;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.saola.alerts.domain.RuleWarning;
import org.saola.alerts.warnings.WarningDraft;
import org.saola.platform.InvalidInputException;

/**
 * A rule as a client writes it (API, file import): {@code holdFor} as an ISO 8601 duration ({@code PT10M}),
 * conditions in CEL, the channels it notifies by name, the public warning it issues. Also the shape of a rule in an
 * exported file, shareable between cities.
 */
public record RuleDraft(String name, String entityType, List<String> entityIds, String condition, String clearCondition,
        String holdFor, String severity, String messageVi, String messageEn, String department, Boolean enabled,
        List<String> channels, Warning warning, String escalateAfter, List<String> escalateTo, Area area) {

    /** The area a rule watches: a GeoJSON polygon. */
    public record Area(String type, List<List<List<Double>>> coordinates) {
    }

    /** A rule that only raises its alert. */
    public RuleDraft(String name, String entityType, List<String> entityIds, String condition, String clearCondition,
            String holdFor, String severity, String messageVi, String messageEn, String department, Boolean enabled) {
        this(name, entityType, entityIds, condition, clearCondition, holdFor, severity, messageVi, messageEn, department,
                enabled, null, null);
    }

    /** A rule that tells channels and may issue a warning. */
    public RuleDraft(String name, String entityType, List<String> entityIds, String condition, String clearCondition,
            String holdFor, String severity, String messageVi, String messageEn, String department, Boolean enabled,
            List<String> channels, Warning warning) {
        this(name, entityType, entityIds, condition, clearCondition, holdFor, severity, messageVi, messageEn, department,
                enabled, channels, warning, null, null, null);
    }

    /** The public warning a rule issues, as written ({@code expiresAfter}: an ISO 8601 duration). */
    public record Warning(List<String> categories, WarningDraft.Text event, List<String> responseTypes, String urgency,
            String certainty, WarningDraft.Text headline, WarningDraft.Text description, WarningDraft.Text instruction,
            List<String> wards, Double radiusKm, String expiresAfter) {

        public RuleWarning checked() {
            Duration expires;
            try {
                expires = Duration.parse(expiresAfter == null ? "PT6H" : expiresAfter.strip());
            } catch (DateTimeParseException e) {
                throw new InvalidInputException("warning.expiresAfter", "warning.expiresAfter is an ISO 8601 duration "
                        + "such as PT6H; got '" + expiresAfter + "'");
            }
            return new RuleWarning(categories, event, responseTypes, urgency, certainty, headline, description,
                    instruction, wards, Optional.ofNullable(radiusKm), expires);
        }

        public static Warning of(RuleWarning w) {
            return new Warning(w.categories(), w.event(), w.responseTypes(), w.urgency(), w.certainty(), w.headline(),
                    w.description(), w.instruction(), w.wards(), w.radiusKm().orElse(null), w.expiresAfter().toString());
        }
    }
}
