package org.saola.alerts.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.saola.alerts.warnings.WarningDraft;

/**
 * The public warning a rule issues when it raises an alert: the CAP fields an operator would write, with
 * headline and description as templates over the entity's attributes ({@code {{waterLevel}}}), the area as the
 * chosen wards and/or a circle of {@code radiusKm} around the entity's location, and how long it lasts. Its
 * severity is the rule's.
 */
public record RuleWarning(List<String> categories, WarningDraft.Text event, List<String> responseTypes, String urgency,
        String certainty, WarningDraft.Text headline, WarningDraft.Text description, WarningDraft.Text instruction,
        List<String> wards, Optional<Double> radiusKm, Duration expiresAfter) {

    public static final Duration LONGEST = Duration.ofDays(7);

    public RuleWarning {
        if (java.util.stream.Stream.of(categories, responseTypes, wards).filter(java.util.Objects::nonNull)
                .anyMatch(l -> l.stream().anyMatch(java.util.Objects::isNull))) {
            throw new org.saola.platform.InvalidInputException("warning", "a rule's warning lists no null values");
        }
        categories = categories == null ? List.of() : List.copyOf(categories);
        responseTypes = responseTypes == null ? List.of() : List.copyOf(responseTypes);
        wards = wards == null ? List.of() : List.copyOf(wards);
        radiusKm = radiusKm == null ? Optional.empty() : radiusKm;
        if (expiresAfter == null || expiresAfter.compareTo(Duration.ofMinutes(10)) < 0 || expiresAfter.compareTo(LONGEST) > 0) {
            throw new org.saola.platform.InvalidInputException("warning.expiresAfter",
                    "warning.expiresAfter is an ISO 8601 duration between PT10M and P7D; got " + expiresAfter);
        }
        if (wards.isEmpty() && radiusKm.isEmpty()) {
            throw new org.saola.platform.InvalidInputException("warning.wards", "a rule's warning covers chosen wards, a "
                    + "circle of radiusKm around the entity, or both");
        }
    }

    /**
     * The warning for an alert: templates filled with the entity's values ({@code shown}), the circle around its
     * location ({@code [longitude, latitude]}, if it has one), expiring {@code expiresAfter} from {@code now}.
     */
    public WarningDraft draft(Severity severity, Map<String, Object> shown, Optional<double[]> location, Instant now) {
        List<WarningDraft.AreaDraft> areas = new ArrayList<>();
        if (!wards.isEmpty()) {
            areas.add(new WarningDraft.AreaDraft(null, null, null, wards));
        }
        if (radiusKm.isPresent() && location.isPresent()) {
            double[] p = location.get();
            // Around the entity's name if it has one ("Trạm mực nước Thanh Khê 1"), else its id.
            String around = shown.get("name") instanceof String name && !name.isBlank() ? name
                    : MessageTemplate.render("{{id}}", shown);
            String km = MessageTemplate.render("{{r}}", Map.of("r", radiusKm.get())).replace('.', ',');
            String kmEn = MessageTemplate.render("{{r}}", Map.of("r", radiusKm.get()));
            areas.add(new WarningDraft.AreaDraft(new WarningDraft.Text(
                    "Trong bán kính " + km + " km quanh " + around, "Within " + kmEn + " km of " + around), null,
                    new WarningDraft.CircleDraft(p[1], p[0], radiusKm.get()), List.of()));
        }
        return new WarningDraft("Actual", categories, event, null, responseTypes, urgency, cap(severity), certainty, null,
                now.plus(expiresAfter).atOffset(java.time.ZoneOffset.UTC).toString(), render(headline, shown),
                render(description, shown), instruction, areas);
    }

    private static WarningDraft.Text render(WarningDraft.Text t, Map<String, Object> shown) {
        return t == null ? null : new WarningDraft.Text(t.vi() == null ? null : MessageTemplate.render(t.vi(), shown),
                t.en() == null ? null : MessageTemplate.render(t.en(), shown));
    }

    /** A rule's severity as CAP writes it. */
    public static String cap(Severity s) {
        String n = s.name();
        return n.charAt(0) + n.substring(1).toLowerCase(java.util.Locale.ROOT);
    }
}
