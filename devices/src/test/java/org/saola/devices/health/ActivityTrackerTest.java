package org.saola.devices.health;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.saola.devices.domain.PayloadDecoder;
import org.saola.devices.domain.Reading;
import org.saola.devices.domain.RejectionReason;
import org.saola.devices.profile.DeviceProfiles;
import org.saola.platform.TenantId;

/** What the tracker makes of messages: identical readings counted, battery read, skew measured, hours counted. */
class ActivityTrackerTest {

    private static final TenantId TENANT = TenantId.of("default");
    private static final Instant T0 = Instant.parse("2026-11-30T08:10:00Z");
    private final ActivityTracker tracker = new ActivityTracker();
    private final PayloadDecoder parking = new PayloadDecoder(DeviceProfiles.loadShipped().get("parking-spot"));

    private List<Reading> readings(String json, Instant at) {
        return parking.decode(json.getBytes(UTF_8), at).readings();
    }

    @Test
    void identicalReadingsAreCountedInARowAndTheBatteryIsNotPartOfTheValue() {
        tracker.stored(TENANT, "p1", T0, readings("{\"status\": \"free\", \"battery\": 80}", T0));
        tracker.stored(TENANT, "p1", T0.plusSeconds(60), readings("[{\"status\": \"free\", \"battery\": 79}, {\"status\": \"free\"}]", T0.plusSeconds(60)));
        Activity a = tracker.changes().get(0).activity();
        assertThat(a.repeats()).isEqualTo(3);
        assertThat(a.battery()).contains(0.79);
        tracker.stored(TENANT, "p1", T0.plusSeconds(120), readings("{\"status\": \"occupied\"}", T0.plusSeconds(120)));
        assertThat(tracker.changes().get(0).activity().repeats()).isEqualTo(1);
    }

    @Test
    void skewIsTheNewestObservationAgainstArrivalAndHoursCountReadings() {
        Instant observed = T0.minus(Duration.ofMinutes(7));
        tracker.stored(TENANT, "p2", T0, readings("[{\"status\": \"free\", \"dateObserved\": \"" + observed.minusSeconds(60)
                + "\"}, {\"status\": \"free\", \"dateObserved\": \"" + observed + "\"}]", T0));
        ActivityTracker.Change c = tracker.changes().get(0);
        assertThat(c.activity().clockSkew()).isEqualTo(Duration.ofMinutes(-7));
        assertThat(c.activity().lastReceivedAt()).contains(T0);
        assertThat(c.readingsByHour()).containsExactly(java.util.Map.entry(Instant.parse("2026-11-30T08:00:00Z"), 2));
        assertThat(tracker.changes()).as("nothing new since").isEmpty();
    }

    @Test
    void onlyOutOfRangeAndFutureRefusalsTellOfHealthAndFailedWritesComeBack() {
        tracker.refused(TENANT, "p3", T0, RejectionReason.MALFORMED_PAYLOAD);
        assertThat(tracker.changes()).isEmpty();
        tracker.refused(TENANT, "p3", T0, RejectionReason.OUT_OF_RANGE);
        tracker.refused(TENANT, "p3", T0.plusSeconds(1), RejectionReason.FAR_FUTURE);
        tracker.stored(TENANT, "p3", T0, readings("{\"status\": \"free\"}", T0));
        List<ActivityTracker.Change> changes = tracker.changes();
        assertThat(changes.get(0).activity().lastOutOfRangeAt()).contains(T0);
        assertThat(changes.get(0).activity().lastFarFutureAt()).contains(T0.plusSeconds(1));
        tracker.retry(changes);
        assertThat(tracker.changes()).singleElement().satisfies(c -> assertThat(c.readingsByHour()).containsValue(1));
    }
}
