package org.saola.devices.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.saola.devices.Stewardship;
import org.saola.devices.profile.DeviceProfile;
import org.saola.devices.profile.DeviceProfiles;

/** The health rules with a clock moved by hand: every problem, and what is not one. */
class HealthRulesTest {

    private static final Map<String, DeviceProfile> SHIPPED = DeviceProfiles.loadShipped();
    /** Reports each minute, silent after 3, stuck after 12 identical readings. */
    private static final DeviceProfile AIR = SHIPPED.get("air-quality");
    /** Reports each hour, has a battery, a steady status is normal. */
    private static final DeviceProfile PARKING = SHIPPED.get("parking-spot");
    private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");

    private final HealthRules rules = new HealthRules(Duration.ofMinutes(2));

    private static Activity heard(Instant at) {
        return new Activity(Optional.of(at), Optional.of(at), Duration.ZERO, 42, 1, Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    private HealthRules.Assessment assess(DeviceProfile p, Activity a, Instant now) {
        return rules.assess(p, Stewardship.Status.ACTIVE, T0, a, now);
    }

    @Test
    void aDeviceReportingOnTimeIsHealthy() {
        assertThat(assess(AIR, heard(T0.plusSeconds(60)), T0.plusSeconds(90)))
                .isEqualTo(new HealthRules.Assessment(HealthRules.Status.OK, java.util.Set.of()));
    }

    @Test
    void silentAfterTheProfilesNumberOfMissedIntervalsAndNotBefore() {
        Activity a = heard(T0);
        assertThat(assess(AIR, a, T0.plus(Duration.ofMinutes(3))).status()).isEqualTo(HealthRules.Status.OK);
        assertThat(assess(AIR, a, T0.plus(Duration.ofMinutes(3)).plusSeconds(1)).problems())
                .containsExactly(HealthProblem.SILENT);
        assertThat(assess(PARKING, a, T0.plus(Duration.ofHours(2))).status()).as("hourly: 3 hours of grace")
                .isEqualTo(HealthRules.Status.OK);
    }

    @Test
    void aNewDeviceWaitsThenIsSilentIfItNeverReports() {
        assertThat(assess(AIR, Activity.NONE, T0.plusSeconds(100)).status()).isEqualTo(HealthRules.Status.WAITING);
        assertThat(assess(AIR, Activity.NONE, T0.plus(Duration.ofMinutes(4))).problems()).containsExactly(HealthProblem.SILENT);
    }

    @Test
    void stuckOnlyWhereTheProfileSaysASteadyValueIsWrong() {
        Activity same = new Activity(Optional.of(T0), Optional.of(T0), Duration.ZERO, 42, 12, Optional.empty(),
                Optional.empty(), Optional.empty());
        assertThat(assess(AIR, same, T0.plusSeconds(10)).problems()).containsExactly(HealthProblem.STUCK);
        Activity eleven = new Activity(Optional.of(T0), Optional.of(T0), Duration.ZERO, 42, 11, Optional.empty(),
                Optional.empty(), Optional.empty());
        assertThat(assess(AIR, eleven, T0.plusSeconds(10)).status()).isEqualTo(HealthRules.Status.OK);
        Activity parked = new Activity(Optional.of(T0), Optional.of(T0), Duration.ZERO, 42, 500, Optional.empty(),
                Optional.empty(), Optional.empty());
        assertThat(assess(PARKING, parked, T0.plusSeconds(10)).status()).as("a car parked all week").isEqualTo(HealthRules.Status.OK);
    }

    @Test
    void outOfRangeWhileRecentThenForgotten() {
        Activity a = new Activity(Optional.of(T0), Optional.of(T0), Duration.ZERO, 42, 1, Optional.empty(),
                Optional.of(T0), Optional.empty());
        assertThat(assess(AIR, a, T0.plusSeconds(30)).problems()).containsExactly(HealthProblem.OUT_OF_RANGE);
        Activity later = new Activity(Optional.of(T0.plus(Duration.ofMinutes(5))), Optional.empty(), Duration.ZERO, 42, 1,
                Optional.empty(), Optional.of(T0), Optional.empty());
        assertThat(assess(AIR, later, T0.plus(Duration.ofMinutes(5))).status()).isEqualTo(HealthRules.Status.OK);
    }

    @Test
    void aLowBatteryBelowTheProfilesThreshold() {
        Activity low = new Activity(Optional.of(T0), Optional.of(T0), Duration.ZERO, 42, 1, Optional.of(0.12),
                Optional.empty(), Optional.empty());
        assertThat(assess(PARKING, low, T0.plusSeconds(10)).problems()).containsExactly(HealthProblem.LOW_BATTERY);
        Activity fine = new Activity(Optional.of(T0), Optional.of(T0), Duration.ZERO, 42, 1, Optional.of(0.15),
                Optional.empty(), Optional.empty());
        assertThat(assess(PARKING, fine, T0.plusSeconds(10)).status()).isEqualTo(HealthRules.Status.OK);
    }

    @Test
    void clockSkewEitherWayBeyondTheToleranceOrReadingsRefusedAsFuture() {
        Activity behind = new Activity(Optional.of(T0), Optional.of(T0.minus(Duration.ofMinutes(10))),
                Duration.ofMinutes(-10), 42, 1, Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(assess(AIR, behind, T0.plusSeconds(10)).problems()).containsExactly(HealthProblem.CLOCK_SKEW);
        Activity slightlyAhead = new Activity(Optional.of(T0), Optional.of(T0.plusSeconds(90)), Duration.ofSeconds(90),
                42, 1, Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(assess(AIR, slightlyAhead, T0.plusSeconds(10)).status()).isEqualTo(HealthRules.Status.OK);
        Activity refused = new Activity(Optional.empty(), Optional.empty(), Duration.ZERO, 0, 0, Optional.empty(),
                Optional.empty(), Optional.of(T0.plusSeconds(5)));
        assertThat(assess(AIR, refused, T0.plusSeconds(10)).problems()).containsExactly(HealthProblem.CLOCK_SKEW);
    }

    @Test
    void problemsAddUpAndASilentDeviceIsNotAlsoCalledStuckOrSkewed() {
        Activity a = new Activity(Optional.of(T0), Optional.of(T0), Duration.ofMinutes(-30), 42, 50, Optional.of(0.05),
                Optional.empty(), Optional.empty());
        assertThat(assess(AIR, a, T0.plus(Duration.ofHours(1))).problems())
                .containsExactlyInAnyOrder(HealthProblem.SILENT, HealthProblem.LOW_BATTERY);
    }

    @Test
    void plannedMaintainedAndRetiredDevicesAreNotWatched() {
        for (Stewardship.Status s : new Stewardship.Status[] {Stewardship.Status.PLANNED, Stewardship.Status.MAINTENANCE,
                Stewardship.Status.RETIRED}) {
            assertThat(rules.assess(AIR, s, T0, Activity.NONE, T0.plus(Duration.ofDays(3))).status())
                    .isEqualTo(HealthRules.Status.NOT_WATCHED);
        }
    }

    @Test
    void availabilityIsReadingsReceivedOverThoseExpectedCappedAtAll() {
        assertThat(HealthWatch.availability(AIR, 54, T0, T0.plus(Duration.ofMinutes(60)))).contains(0.9);
        assertThat(HealthWatch.availability(AIR, 90, T0, T0.plus(Duration.ofMinutes(60)))).contains(1.0);
        assertThat(HealthWatch.availability(PARKING, 0, T0, T0.plus(Duration.ofMinutes(30)))).as("nothing expected yet").isEmpty();
    }
}
