package org.saola.alerts.cap;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One OASIS CAP 1.2 message as Saola publishes it: an {@code Alert}, or an {@code Update} or {@code Cancel} that
 * references the earlier messages of the same warning. Only the elements Saola writes are modelled; the names are
 * the standard's.
 */
public record CapMessage(String identifier, String sender, Instant sent, String status, String msgType,
        Optional<String> note, List<Reference> references, List<Info> infos) {

    public CapMessage {
        note = note == null ? Optional.empty() : note;
        references = List.copyOf(references);
        infos = List.copyOf(infos);
    }

    /** An earlier message: {@code sender,identifier,sent}. */
    public record Reference(String sender, String identifier, Instant sent) {
    }

    /** A named value ({@code eventCode}, {@code geocode}, {@code parameter}). */
    public record NamedValue(String valueName, String value) {
    }

    /** A point, WGS 84. */
    public record Point(double latitude, double longitude) {
    }

    /** A circle: its centre and radius in kilometres. */
    public record Circle(Point centre, double radiusKm) {
    }

    /**
     * An area: described in words, and located by polygons (closed rings of points), circles or geocodes (Saola
     * writes a chosen ward as the geocode {@code ward}).
     */
    public record Area(String areaDesc, List<List<Point>> polygons, List<Circle> circles, List<NamedValue> geocodes) {
        public Area {
            polygons = polygons.stream().map(List::copyOf).toList();
            circles = List.copyOf(circles);
            geocodes = List.copyOf(geocodes);
        }
    }

    /** The message in one language ({@code vi-VN}, {@code en-US}). */
    public record Info(String language, List<String> categories, String event, List<String> responseTypes,
            String urgency, String severity, String certainty, List<NamedValue> eventCodes, Optional<Instant> onset,
            Optional<Instant> expires, String senderName, String headline, String description, Optional<String> instruction,
            String web, Optional<String> contact, List<Area> areas) {
        public Info {
            categories = List.copyOf(categories);
            responseTypes = List.copyOf(responseTypes);
            eventCodes = List.copyOf(eventCodes);
            areas = List.copyOf(areas);
        }
    }
}
