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
}
