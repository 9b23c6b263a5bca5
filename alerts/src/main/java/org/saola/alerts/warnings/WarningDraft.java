package org.saola.alerts.warnings;

import java.util.List;

/**
 * A public warning as an operator (or a rule) writes it, in Vietnamese and English at once: it becomes a CAP 1.2
 * message with one {@code info} block per language. {@code expires} and {@code onset} are ISO 8601 instants with an
 * offset; an area is a GeoJSON {@code Polygon} drawn on the map (longitude, latitude), a circle, or chosen wards.
 */
public record WarningDraft(String status, List<String> categories, Text event, CodeValue eventCode,
        List<String> responseTypes, String urgency, String severity, String certainty, String onset, String expires,
        Text headline, Text description, Text instruction, List<AreaDraft> areas) {

    /** The same text in both languages. */
    public record Text(String vi, String en) {
    }

    /** A code for the kind of event ({@code valueName}: the system that defines it). */
    public record CodeValue(String valueName, String value) {
    }

    /** A circle: centre and radius in kilometres. */
    public record CircleDraft(Double latitude, Double longitude, Double radiusKm) {
    }

    /** A GeoJSON Polygon (its outer ring is used). */
    public record Geometry(String type, List<List<List<Double>>> coordinates) {
    }

    /** One area of the warning: described, and drawn (polygon, circle) or chosen (wards); at least one of these. */
    public record AreaDraft(Text description, Geometry polygon, CircleDraft circle, List<String> wards) {
    }
}
