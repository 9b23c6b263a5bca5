package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.saola.indicators.domain.Period;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The city-service and device indicators, each equal to its value recomputed by hand from what a client reads of the
 * entities and devices it rests on (NGSI-LD, the devices and waste APIs): bins reporting, street lights managed,
 * days of poor air in a ward, stations per 100 km², kilometres of the rounds planned.
 */
class IndicatorMeasuresTest extends PlatformTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    @Autowired
    TestClock clock;

    private JsonNode compute(String code, String period) {
        SaolaClient.Response r = client().post("/api/v1/indicators/" + code + "/compute", "{\"period\": \"" + period + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        for (JsonNode p : r.json().get("periods")) {
            if (p.get("period").asString().equals(period)) {
                return p;
            }
        }
        throw new AssertionError("no period " + period);
    }

    private JsonNode entities(String type) {
        SaolaClient.Response r = client().get("/ngsi-ld/v1/entities?type=" + type + "&limit=1000", "Accept", "application/json");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private void upsert(String json) {
        SaolaClient.Response r = client().send("POST", "/ngsi-ld/v1/entityOperations/upsert", json, "Content-Type", "application/json");
        assertThat(r.status()).as(r.body()).isIn(201, 204);
    }

    @Test
    void binsReportingAndStreetLightsManaged() {
        String run = UUID.randomUUID().toString().substring(0, 6);
        Instant now = clock.instant();
        upsert("""
                [{"id": "urn:ngsi-ld:WasteContainer:ind-%s-a", "type": "WasteContainer",
                  "fillingLevel": {"type": "Property", "value": 0.4, "observedAt": "%s"}},
                 {"id": "urn:ngsi-ld:WasteContainer:ind-%s-b", "type": "WasteContainer",
                  "fillingLevel": {"type": "Property", "value": 0.7, "observedAt": "%s"}},
                 {"id": "urn:ngsi-ld:Streetlight:ind-%s", "type": "Streetlight",
                  "powerState": {"type": "Property", "value": "on"}}]""".formatted(run, now.minus(Duration.ofHours(1)), run,
                now.minus(Duration.ofDays(3)), run));
        client().registerDevice("ind-light-" + run, "street-light", 16.05, 108.2);
        String month = Period.containing(Period.Frequency.MONTHLY, clock.instant(), ZONE).label();

        JsonNode bins = compute("waste-containers-telemetry", month);
        Instant since = clock.instant().minus(Duration.ofHours(24));
        long all = 0;
        long reporting = 0;
        for (JsonNode e : entities("WasteContainer")) {
            all++;
            JsonNode at = e.path("fillingLevel").path("observedAt");
            if (at.isString() && !Instant.parse(at.asString()).isBefore(since.minus(Duration.ofSeconds(5)))) {
                reporting++;
            }
        }
        assertThat(bins.get("inputs").get("waste.containers").asLong()).isEqualTo(all);
        assertThat(bins.get("inputs").get("waste.containers_reporting").asLong()).isEqualTo(reporting);
        assertThat(bins.get("value").asDouble()).isCloseTo(100.0 * reporting / all, within(1e-9));

        JsonNode lights = compute("street-lights-remote", month);
        long streetlights = entities("Streetlight").size();
        Set<String> managed = new HashSet<>();
        for (JsonNode d : client().get("/api/v1/devices").json()) {
            if (d.get("profile").asString().equals("street-light")) {
                managed.add(d.get("entityId").asString());
            }
        }
        assertThat(managed).isNotEmpty();
        assertThat(lights.get("inputs").get("lighting.street_lights").asLong()).isEqualTo(streetlights);
        assertThat(lights.get("value").asDouble()).isCloseTo(100.0 * managed.size() / streetlights, within(1e-9));
    }

    @Test
    void daysOfPoorAirInAWardAndStationsPerArea() {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String ward = "Phường thử " + run;
        Period last = Period.containing(Period.Frequency.MONTHLY, clock.instant(), ZONE).previous();
        // A ward far from the others' stations, and a station in it with three daily levels of last month, two poor or worse.
        upsert("""
                [{"id": "urn:ngsi-ld:District:ind-%s", "type": "District", "name": {"type": "Property", "value": "%s"},
                  "location": {"type": "GeoProperty", "value": {"type": "Polygon",
                    "coordinates": [[[100.0, 10.0], [100.1, 10.0], [100.1, 10.1], [100.0, 10.1], [100.0, 10.0]]]}}},
                 {"id": "urn:ngsi-ld:AirQualityObserved:ind-%s", "type": "AirQualityObserved",
                  "location": {"type": "GeoProperty", "value": {"type": "Point", "coordinates": [100.05, 10.05]}}}]"""
                .formatted(run, ward, run));
        String[] levels = {"poor", "good", "bad"};
        StringBuilder body = new StringBuilder("{\"airQualityLevelDaily\": [");
        for (int d = 0; d < levels.length; d++) {
            Instant dayEnd = last.start().plusDays(d + 3).atStartOfDay(ZONE).toInstant();
            body.append(d == 0 ? "" : ",").append("{\"type\": \"Property\", \"value\": \"").append(levels[d]).append("\", \"observedAt\": \"")
                    .append(dayEnd).append("\"}");
        }
        SaolaClient.Response appended = client().send("POST", "/ngsi-ld/v1/temporal/entities/urn:ngsi-ld:AirQualityObserved:ind-" + run
                + "/attrs", body.append("]}").toString(), "Content-Type", "application/json");
        assertThat(appended.status()).as(appended.body()).isEqualTo(204);
        JsonNode days = compute("air-poor-days", last.label());
        JsonNode mine = null;
        for (JsonNode g : days.get("groups").get("ward")) {
            if (g.get("group").asString().equals(ward)) {
                mine = g;
            }
        }
        // By hand: the days whose level was poor or worse (the first and the third).
        assertThat(mine).isNotNull();
        assertThat(mine.get("value").asLong()).isEqualTo(2);
        assertThat(days.get("value").asLong()).isGreaterThanOrEqualTo(2);

        assertThat(client().send("PUT", "/api/v1/indicators/city-figures", """
                {"figures": [{"figure": "population", "ward": "", "value": 1245000, "source": "Niên giám thống kê 2025"},
                             {"figure": "area_km2", "ward": "", "value": 1285.4, "source": "Niên giám thống kê 2025"}]}""").status())
                .isEqualTo(200);
        client().registerStation("ind-station-" + run, 16.06, 108.21);
        JsonNode density = compute("air-stations-density", Period.containing(Period.Frequency.MONTHLY, clock.instant(), ZONE).label());
        long stations = 0;
        for (JsonNode d : client().get("/api/v1/devices").json()) {
            // A device whose profile feeds an AirQualityObserved entity is a station.
            for (JsonNode id : d.get("entityIds")) {
                if (id.asString().startsWith("urn:ngsi-ld:AirQualityObserved:")) {
                    stations++;
                    break;
                }
            }
        }
        assertThat(stations).isPositive();
        assertThat(density.get("value").asDouble()).isCloseTo(100.0 * stations / 1285.4, within(1e-9));
    }

    @Test
    void kilometresOfTheRoundsPlanned() {
        Period month = Period.containing(Period.Frequency.MONTHLY, clock.instant(), ZONE);
        JsonNode km = compute("waste-truck-km", month.label());
        double metres = 0;
        for (JsonNode p : client().get("/api/v1/waste/plans?limit=100").json()) {
            Instant roundAt = Instant.parse(p.get("roundAt").asString());
            if (p.get("status").asString().equals("READY") && !roundAt.isBefore(month.from(ZONE)) && roundAt.isBefore(month.to(ZONE))) {
                metres += p.get("body").get("metres").asDouble();
            }
        }
        assertThat(km.get("value").asDouble()).isCloseTo(metres / 1000, within(1e-9));
    }

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void residentsTakingPartByChannelAndSensorsAvailability() {
        // Residents who took part this month, by hand: every act's resident (an answer without one counts on its own),
        // its channel, its day or time within the month; then distinct residents in all and per channel.
        Period month = Period.containing(Period.Frequency.MONTHLY, clock.instant(), ZONE);
        JsonNode computed = compute("participation-channels", month.label());
        Instant to = clock.instant();
        java.time.LocalDate first = month.start();
        java.time.LocalDate last = to.atZone(ZONE).toLocalDate();
        java.util.Map<String, Set<String>> byChannel = new java.util.TreeMap<>();
        Set<String> everyone = new HashSet<>();
        java.util.function.BiConsumer<String, String> act = (who, channel) -> {
            everyone.add(who);
            byChannel.computeIfAbsent(channel, k -> new HashSet<>()).add(who);
        };
        jdbc.sql("SELECT resident_id::text, channel, voted_on FROM participation_voter WHERE tenant_id = 'default'").query((rs, i) -> {
            java.time.LocalDate d = rs.getDate(3).toLocalDate();
            if (!d.isBefore(first) && !d.isAfter(last)) {
                act.accept(rs.getString(1), rs.getString(2));
            }
            return null;
        }).list();
        jdbc.sql("SELECT coalesce(resident::text, id::text), channel, answered_on FROM participation_consultation_answer WHERE tenant_id = 'default'")
                .query((rs, i) -> {
                    java.time.LocalDate d = rs.getDate(3).toLocalDate();
                    if (!d.isBefore(first) && !d.isAfter(last)) {
                        act.accept(rs.getString(1), rs.getString(2));
                    }
                    return null;
                }).list();
        Instant from = month.from(ZONE);
        jdbc.sql("SELECT author::text, channel, created_at FROM participation_proposal WHERE tenant_id = 'default'").query((rs, i) -> {
            Instant at = rs.getTimestamp(3).toInstant();
            if (!at.isBefore(from) && at.isBefore(to)) {
                act.accept(rs.getString(1), rs.getString(2));
            }
            return null;
        }).list();
        jdbc.sql("""
                SELECT c.author::text, c.created_at FROM participation_comment c JOIN participation_proposal p ON p.id = c.proposal_id
                WHERE p.tenant_id = 'default'""").query((rs, i) -> {
            Instant at = rs.getTimestamp(2).toInstant();
            if (!at.isBefore(from) && at.isBefore(to)) {
                act.accept(rs.getString(1), "ONLINE");
            }
            return null;
        }).list();
        jdbc.sql("SELECT resident::text, registered_at FROM participation_meeting_registration WHERE tenant_id = 'default'").query((rs, i) -> {
            Instant at = rs.getTimestamp(2).toInstant();
            if (!at.isBefore(from) && at.isBefore(to)) {
                act.accept(rs.getString(1), "MEETING");
            }
            return null;
        }).list();
        assertThat(computed.get("value").asLong()).isEqualTo(everyone.size());
        if (computed.get("groups").has("channel")) {
            for (JsonNode g : computed.get("groups").get("channel")) {
                if (!g.get("hidden").asBoolean()) {
                    assertThat(g.get("value").asLong()).as(g.toString()).isEqualTo(byChannel.get(g.get("group").asString()).size());
                }
            }
        }

        // Sensors' availability, by hand: the mean over devices of what each one's health says, in %.
        JsonNode availability = compute("sensor-availability", month.label());
        double sum = 0;
        int n = 0;
        for (JsonNode d : client().get("/api/v1/devices").json()) {
            JsonNode h = client().get("/api/v1/devices/" + d.get("id").asString() + "/health").json();
            if (h.hasNonNull("availability")) {
                sum += Math.min(1.0, h.get("availability").asDouble());
                n++;
            }
        }
        if (n == 0) {
            assertThat(availability.hasNonNull("value")).isFalse();
        } else {
            assertThat(availability.get("value").asDouble()).isCloseTo(100 * sum / n, within(1e-6));
        }
    }
}
