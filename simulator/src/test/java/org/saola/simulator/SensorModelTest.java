package org.saola.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.saola.devices.domain.PayloadDecoder;
import org.saola.devices.profile.DeviceProfile;
import org.saola.devices.profile.DeviceProfiles;

/** The demo city's devices send what their shipped profiles accept, at every hour of a day. */
class SensorModelTest {

    @Test
    void everyDemoSensorsReadingsPassItsProfileAllDayLong() {
        Map<String, DeviceProfile> profiles = DeviceProfiles.loadShipped();
        Set<String> used = DemoCity.sensors().stream().map(DemoCity.Sensor::profile).collect(Collectors.toCollection(TreeSet::new));
        used.add("air-quality");
        assertThat(used).as("every shipped profile has devices in the demo city").isEqualTo(profiles.keySet());
        assertThat(DemoCity.sensors().size() + DemoCity.stations().size()).isGreaterThanOrEqualTo(100);

        Instant start = Instant.parse("2026-11-30T00:00:00Z");
        for (DemoCity.Sensor s : DemoCity.sensors()) {
            if (DemoCity.misbehaving().containsKey(s.id())) {
                continue;
            }
            SensorModel model = SensorModel.of(s.profile(), s.id().hashCode());
            PayloadDecoder decoder = new PayloadDecoder(profiles.get(s.profile()));
            for (int minutes = 0; minutes < 24 * 60; minutes += 7) {
                Instant t = start.plus(Duration.ofMinutes(minutes));
                String payload = model.nextPayload(t);
                var decoded = decoder.decode(payload.getBytes(UTF_8), t);
                assertThat(decoded.rejected()).as(s.id() + " at " + t + ": " + payload).isEmpty();
            }
        }
        PayloadDecoder air = new PayloadDecoder(profiles.get("air-quality"));
        AirQualityModel station = new AirQualityModel(38, 1);
        for (int minutes = 0; minutes < 24 * 60; minutes += 7) {
            Instant t = start.plus(Duration.ofMinutes(minutes));
            assertThat(air.decode(station.nextPayload(t).getBytes(UTF_8), t).rejected()).isEmpty();
        }
    }

    @Test
    void theMisbehavingDevicesExistAndMisbehaveAsTheHealthWatchWillSee() {
        Map<String, DeviceProfile> profiles = DeviceProfiles.loadShipped();
        Map<String, String> profileOf = new java.util.HashMap<>();
        DemoCity.sensors().forEach(s -> profileOf.put(s.id(), s.profile()));
        DemoCity.stations().forEach(s -> profileOf.put(s.id(), "air-quality"));
        assertThat(profileOf).containsKeys(DemoCity.misbehaving().keySet().toArray(String[]::new));
        assertThat(DemoCity.misbehaving()).containsValues(SensorModel.Misbehaviour.values());

        Instant t = Instant.parse("2026-11-30T09:00:00Z");
        DemoCity.misbehaving().forEach((id, how) -> {
            if (how == SensorModel.Misbehaviour.SILENT) {
                return;
            }
            String profile = profileOf.get(id);
            SensorModel model = SensorModel.misbehaving(SensorModel.of(profile, id.hashCode()), how);
            PayloadDecoder decoder = new PayloadDecoder(profiles.get(profile));
            java.util.List<PayloadDecoder.Decoded> decoded = new java.util.ArrayList<>();
            for (int i = 0; i < 12; i++) {
                Instant at = t.plusSeconds(5L * i);
                decoded.add(decoder.decode(model.nextPayload(at).getBytes(UTF_8), at));
            }
            switch (how) {
                case STUCK -> assertThat(decoded.stream().map(d -> d.readings().get(0).values().toString()).distinct())
                        .as(id).hasSize(1);
                case OUT_OF_RANGE -> assertThat(decoded.stream().flatMap(d -> d.rejected().stream()))
                        .as(id).hasSize(4).allSatisfy(r -> assertThat(r.reason())
                                .isEqualTo(org.saola.devices.domain.RejectionReason.OUT_OF_RANGE));
                case CLOCK_SKEW -> assertThat(decoded.get(0).readings().get(0).observedAt()).isEqualTo(t.minus(Duration.ofMinutes(10)));
                case NOISY -> assertThat(decoded).as(id + ": jumps, but within the profile's range")
                        .allSatisfy(d -> assertThat(d.rejected()).isEmpty());
                case LOW_BATTERY -> assertThat(decoded.get(0).readings().get(0).values().stream()
                        .filter(v -> v.measurement().attribute().equals(DeviceProfile.BATTERY_ATTRIBUTE))
                        .map(v -> v.value().asDouble())).containsExactly(0.08);
                default -> throw new AssertionError(how);
            }
        });
    }

    @Test
    void aFloodRaisesTheRiversAndAPollutionEpisodeTheDustThenBothPass() {
        Scenarios scenarios = new Scenarios();
        Instant t0 = Instant.parse("2026-10-14T03:00:00Z");
        SensorModel gauge = SensorModel.of("water-level", 7, scenarios);
        SensorModel same = SensorModel.of("water-level", 7);
        AirQualityModel station = new AirQualityModel(38, 1, scenarios);
        AirQualityModel calm = new AirQualityModel(38, 1);
        scenarios.startFlood(t0, java.time.Duration.ofMinutes(30));
        scenarios.startPollution(t0, java.time.Duration.ofMinutes(30));
        for (int minute : new int[] {0, 5, 20, 40, 45, 55}) {
            Instant at = t0.plus(java.time.Duration.ofMinutes(minute));
            double rise = number(gauge.nextPayload(at), "levelCm") - number(same.nextPayload(at), "levelCm");
            double dust = number(station.nextPayload(at), "pm25") / number(calm.nextPayload(at), "pm25");
            double expected = switch (minute) {
                case 0, 55 -> 0;
                case 5, 45 -> 0.5;
                default -> 1;
            };
            org.assertj.core.api.Assertions.assertThat(rise).as("minute %d", minute)
                    .isCloseTo(120 * expected, org.assertj.core.data.Offset.offset(1.0));
            org.assertj.core.api.Assertions.assertThat(dust).as("minute %d", minute)
                    .isCloseTo(1 + 2 * expected, org.assertj.core.data.Offset.offset(0.5));   // the same noise on a higher level
        }
    }

    private static double number(String json, String field) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + field + "\":([0-9.]+)").matcher(json);
        org.assertj.core.api.Assertions.assertThat(m.find()).as(json).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
