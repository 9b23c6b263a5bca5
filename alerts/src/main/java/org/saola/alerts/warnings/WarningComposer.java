package org.saola.alerts.warnings;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.saola.alerts.cap.CapMessage;
import org.saola.alerts.cap.CapXml;
import org.saola.platform.InvalidInputException;

/**
 * Checks a {@link WarningDraft} field by field and composes its CAP 1.2 message: one {@code info} per language
 * ({@code vi-VN}, {@code en-US}) sharing categories and event code, each area with its polygons, circles and ward
 * geocodes. Every mistake is a 400 naming the field ({@code areas[1].polygon}); what reaches the schema and the
 * aggregators' rules is already right.
 */
public final class WarningComposer {

    static final Set<String> STATUSES = Set.of("Actual", "Exercise", "Test");
    static final Set<String> CATEGORIES = Set.of("Geo", "Met", "Safety", "Security", "Rescue", "Fire", "Health", "Env",
            "Transport", "Infra", "CBRNE", "Other");
    static final Set<String> RESPONSES = Set.of("Shelter", "Evacuate", "Prepare", "Execute", "Avoid", "Monitor", "Assess",
            "AllClear", "None");
    static final List<String> URGENCIES = List.of("Immediate", "Expected", "Future", "Past", "Unknown");
    static final List<String> SEVERITIES = List.of("Extreme", "Severe", "Moderate", "Minor", "Unknown");
    static final List<String> CERTAINTIES = List.of("Observed", "Likely", "Possible", "Unlikely", "Unknown");
    static final Duration LONGEST = Duration.ofDays(30);

    /** A composed warning: what the message says, in both languages, and what it covers. */
    public record Composed(String status, List<CapMessage.Info> infos, Instant expires, String severity, String urgency,
            WarningDraft.Text headline, WarningDraft.Text event, List<Area> areas) {
    }

    /** An area as the public map draws it. */
    public record Area(WarningDraft.Text description, List<List<CapMessage.Point>> polygons, List<CapMessage.Circle> circles,
            List<String> wards) {
    }

    private WarningComposer() {
    }

    /**
     * The draft checked and composed. {@code wards}: the wards the city knows (empty: any name is taken);
     * {@code now}: when it is sent.
     */
    public static Composed compose(WarningDraft d, UUID warning, WarningSettings settings, Set<String> wards, Instant now) {
        if (d == null) {
            throw new InvalidInputException("body", "a warning is a JSON object with categories, event, urgency, severity, "
                    + "certainty, expires, headline, description and areas");
        }
        String status = d.status() == null || d.status().isBlank() ? "Actual" : d.status().strip();
        if (!STATUSES.contains(status)) {
            throw new InvalidInputException("status", "status is Actual, Exercise (a drill) or Test; got '" + status + "'");
        }
        List<String> categories = d.categories() == null ? List.of() : d.categories();
        if (categories.isEmpty()) {
            throw new InvalidInputException("categories", "categories names at least one of " + new java.util.TreeSet<>(CATEGORIES));
        }
        for (String c : categories) {
            if (c == null || !CATEGORIES.contains(c)) {
                throw new InvalidInputException("categories", "a category is one of " + new java.util.TreeSet<>(CATEGORIES)
                        + "; got '" + c + "'");
            }
        }
        List<String> responses = d.responseTypes() == null ? List.of() : d.responseTypes();
        for (String r : responses) {
            if (r == null || !RESPONSES.contains(r)) {
                throw new InvalidInputException("responseTypes", "a response type is one of " + new java.util.TreeSet<>(RESPONSES)
                        + "; got '" + r + "'");
            }
        }
        WarningDraft.Text event = text("event", d.event(), 100, true);
        String urgency = oneOf("urgency", d.urgency(), URGENCIES);
        String severity = oneOf("severity", d.severity(), SEVERITIES);
        String certainty = oneOf("certainty", d.certainty(), CERTAINTIES);
        Optional<Instant> onset = Optional.ofNullable(d.onset()).filter(s -> !s.isBlank()).map(s -> instant("onset", s));
        if (d.expires() == null || d.expires().isBlank()) {
            throw new InvalidInputException("expires", "expires is required: when the warning no longer applies, "
                    + "an ISO 8601 time with its offset such as 2026-12-01T18:00:00+07:00");
        }
        Instant expires = instant("expires", d.expires());
        if (!expires.isAfter(now)) {
            throw new InvalidInputException("expires", "expires is in the future; got " + d.expires());
        }
        if (expires.isAfter(now.plus(LONGEST))) {
            throw new InvalidInputException("expires", "a warning lasts at most 30 days; update it to extend it");
        }
        if (onset.isPresent() && !onset.get().isBefore(expires)) {
            throw new InvalidInputException("onset", "onset is before expires");
        }
        WarningDraft.Text headline = text("headline", d.headline(), 139, true);
        WarningDraft.Text description = text("description", d.description(), 4000, true);
        WarningDraft.Text instruction = text("instruction", d.instruction(), 2000, false);
        List<CapMessage.NamedValue> codes = new ArrayList<>();
        if (d.eventCode() != null) {
            String name = d.eventCode().valueName() == null ? "" : d.eventCode().valueName().strip();
            String value = d.eventCode().value() == null ? "" : d.eventCode().value().strip();
            if (name.isEmpty() || value.isEmpty() || name.length() > 100 || value.length() > 100) {
                throw new InvalidInputException("eventCode", "eventCode has a valueName and a value (each at most 100 characters)");
            }
            codes.add(new CapMessage.NamedValue(name, value));
        }
        List<Area> areas = areas(d.areas(), wards);
        List<CapMessage.Info> infos = new ArrayList<>();
        for (boolean vi : new boolean[] {true, false}) {
            List<CapMessage.Area> capAreas = new ArrayList<>();
            for (Area a : areas) {
                capAreas.add(new CapMessage.Area(pick(a.description(), vi), a.polygons(), a.circles(),
                        a.wards().stream().map(w -> new CapMessage.NamedValue("ward", w)).toList()));
            }
            infos.add(new CapMessage.Info(vi ? "vi-VN" : "en-US", categories, pick(event, vi), responses, urgency, severity,
                    certainty, codes, onset, Optional.of(expires), vi ? settings.senderNameVi() : settings.senderNameEn(),
                    pick(headline, vi), pick(description, vi), Optional.ofNullable(instruction).map(t -> pick(t, vi)),
                    settings.page(warning), Optional.ofNullable(settings.contact()).filter(s -> !s.isBlank()), capAreas));
        }
        return new Composed(status, infos, expires, severity, urgency, headline, event, areas);
    }

    private static String pick(WarningDraft.Text t, boolean vi) {
        return vi ? t.vi() : t.en();
    }

    private static List<Area> areas(List<WarningDraft.AreaDraft> drafts, Set<String> known) {
        if (drafts == null || drafts.isEmpty()) {
            throw new InvalidInputException("areas", "a warning covers at least one area: a polygon drawn on the map, a "
                    + "circle or chosen wards");
        }
        if (drafts.size() > 50) {
            throw new InvalidInputException("areas", "a warning has at most 50 areas");
        }
        List<Area> areas = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            String at = "areas[" + i + "]";
            WarningDraft.AreaDraft a = drafts.get(i);
            if (a == null) {
                throw new InvalidInputException(at, at + " is an object");
            }
            List<String> wards = a.wards() == null ? List.of() : a.wards().stream().map(w -> w == null ? "" : w.strip()).toList();
            for (String w : wards) {
                if (w.isEmpty() || (!known.isEmpty() && !known.contains(w))) {
                    throw new InvalidInputException(at + ".wards", "'" + w + "' is not a ward of the city"
                            + (known.isEmpty() ? "" : "; there are " + new java.util.TreeSet<>(known)));
                }
            }
            List<List<CapMessage.Point>> polygons = a.polygon() == null ? List.of() : List.of(ring(at + ".polygon", a.polygon()));
            List<CapMessage.Circle> circles = a.circle() == null ? List.of() : List.of(circle(at + ".circle", a.circle()));
            if (polygons.isEmpty() && circles.isEmpty() && wards.isEmpty()) {
                throw new InvalidInputException(at, at + " has a polygon, a circle or wards");
            }
            WarningDraft.Text description = a.description() == null && !wards.isEmpty()
                    ? new WarningDraft.Text(String.join(", ", wards), String.join(", ", wards))
                    : text(at + ".description", a.description(), 500, true);
            areas.add(new Area(description, polygons, circles, wards));
        }
        return areas;
    }

    /** The outer ring of a GeoJSON polygon as CAP points, closed, checked not to cross itself. */
    static List<CapMessage.Point> ring(String field, WarningDraft.Geometry g) {
        if (!"Polygon".equals(g.type()) || g.coordinates() == null || g.coordinates().isEmpty()) {
            throw new InvalidInputException(field, field + " is a GeoJSON Polygon: {\"type\":\"Polygon\",\"coordinates\":"
                    + "[[[longitude, latitude], …]]}");
        }
        if (g.coordinates().size() > 1) {
            throw new InvalidInputException(field, field + " has one ring (CAP polygons have no holes)");
        }
        List<List<Double>> ring = g.coordinates().get(0);
        if (ring == null || ring.size() > 1000) {
            throw new InvalidInputException(field, field + " has at most 1000 points");
        }
        List<CapMessage.Point> points = new ArrayList<>();
        for (List<Double> p : ring) {
            if (p == null || p.size() < 2 || p.get(0) == null || p.get(1) == null
                    || Math.abs(p.get(0)) > 180 || Math.abs(p.get(1)) > 90) {
                throw new InvalidInputException(field, field + " holds [longitude, latitude] positions; got " + p);
            }
            points.add(new CapMessage.Point(round(p.get(1)), round(p.get(0))));
        }
        if (!points.isEmpty() && !points.get(0).equals(points.get(points.size() - 1))) {
            points.add(points.get(0));             // closed for the author: CAP wants the first point last too
        }
        if (points.size() < 4) {
            throw new InvalidInputException(field, field + " has at least three distinct points");
        }
        org.saola.alerts.cap.CapProfile.polygonProblem(CapXml.polygon(points))
                .ifPresent(p -> {
                    throw new InvalidInputException(field, field + " " + p);
                });
        return points;
    }

    private static CapMessage.Circle circle(String field, WarningDraft.CircleDraft c) {
        if (c.latitude() == null || c.longitude() == null || c.radiusKm() == null || Math.abs(c.latitude()) > 90
                || Math.abs(c.longitude()) > 180) {
            throw new InvalidInputException(field, field + " has a latitude, a longitude and a radiusKm");
        }
        if (!(c.radiusKm() > 0) || c.radiusKm() > 500) {
            throw new InvalidInputException(field + ".radiusKm", "radiusKm is more than 0 and at most 500; got " + c.radiusKm());
        }
        return new CapMessage.Circle(new CapMessage.Point(round(c.latitude()), round(c.longitude())), round(c.radiusKm()));
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    private static String oneOf(String field, String value, List<String> allowed) {
        if (value == null || !allowed.contains(value.strip())) {
            throw new InvalidInputException(field, field + " is one of " + allowed + "; got '" + value + "'");
        }
        return value.strip();
    }

    private static Instant instant(String field, String value) {
        try {
            return OffsetDateTime.parse(value.strip()).toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, field + " is an ISO 8601 time with its offset, such as "
                    + "2026-12-01T18:00:00+07:00; got '" + value + "'");
        }
    }

    private static WarningDraft.Text text(String field, WarningDraft.Text t, int max, boolean required) {
        if (t == null || ((t.vi() == null || t.vi().isBlank()) && (t.en() == null || t.en().isBlank()))) {
            if (required) {
                throw new InvalidInputException(field, field + " is required in Vietnamese and English: {\"vi\": …, \"en\": …}");
            }
            return null;
        }
        for (String lang : List.of("vi", "en")) {
            String v = lang.equals("vi") ? t.vi() : t.en();
            if (v == null || v.isBlank()) {
                throw new InvalidInputException(field + "." + lang, field + " is written in both Vietnamese and English; "
                        + lang + " is missing");
            }
            if (v.strip().length() > max) {
                throw new InvalidInputException(field + "." + lang, field + " is at most " + max + " characters");
            }
        }
        return new WarningDraft.Text(t.vi().strip(), t.en().strip());
    }
}
