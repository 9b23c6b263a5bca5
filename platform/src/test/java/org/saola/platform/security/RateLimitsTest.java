package org.saola.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The abuse limits as plain Java, on a clock the test moves. */
class RateLimitsTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-29T08:00:00Z"));
    private final RateLimits limits = new RateLimits(new RateLimits.Properties(10, 5, 3, 6, Duration.ofMinutes(15), 2, 4, 2, 3, 4),
            () -> now.get());

    private void advance(Duration d) {
        now.set(now.get().plus(d));
    }

    @Test
    void aCallerGetsItsRateAndIsToldWhenToComeBack() {
        for (int i = 0; i < 10; i++) {
            assertThat(limits.call("default/dashboard").allowed()).isTrue();
        }
        RateLimits.Verdict refused = limits.call("default/dashboard");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
        assertThat(limits.call("default/other").allowed()).as("each caller has its own bucket").isTrue();
        advance(Duration.ofMillis(200));
        assertThat(limits.call("default/dashboard").allowed()).as("refilled 2 of 10 in 200 ms").isTrue();
    }

    @Test
    void aResidentPublishesAtMostTheirHourlyShareAndThenWaits() {
        for (int i = 0; i < 4; i++) {
            assertThat(limits.residentPost("resident-a").allowed()).isTrue();
        }
        RateLimits.Verdict refused = limits.residentPost("resident-a");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isBetween(60L, 15 * 60L);          // a quarter hour for the next of four
        assertThat(limits.residentPost("resident-b").allowed()).as("each resident has their own share").isTrue();
        assertThat(limits.reportFiling("resident-a").allowed()).as("apart from reports filed by a client").isTrue();
        advance(Duration.ofMinutes(15));
        assertThat(limits.residentPost("resident-a").allowed()).isTrue();
    }

    @Test
    void publicCallersMayBurstToTwiceTheirRate() {
        int allowed = 0;
        for (int i = 0; i < 20; i++) {
            allowed += limits.publicCall("203.0.113.7").allowed() ? 1 : 0;
        }
        assertThat(allowed).isEqualTo(10);
    }

    @Test
    void aSignedInResidentHasTheirOwnAllowanceNotTheirAddresses() {
        for (int i = 0; i < 10; i++) {
            assertThat(limits.publicCall("203.0.113.9").allowed()).isTrue();
        }
        assertThat(limits.publicCall("203.0.113.9").allowed()).as("the address's anonymous allowance is spent").isFalse();
        // Residents behind that address (one mobile network's NAT) each keep the same allowance of their own.
        for (int i = 0; i < 10; i++) {
            assertThat(limits.residentCall("default/resident-a").allowed()).isTrue();
            assertThat(limits.residentCall("default/resident-b").allowed()).isTrue();
        }
        assertThat(limits.residentCall("default/resident-a").allowed()).isFalse();
    }

    @Test
    void lookupsFromOneAddressAreRefusedOnlyOnceTheUnknownOnesHaveSpentItsBudget() {
        // Any number of look-ups that find their device, whether one after another or all in flight together.
        for (int i = 0; i < 1000; i++) {
            assertThat(limits.lookupAllowed("iota-address:10.0.0.9").allowed()).isTrue();
        }
        // Unknown keys: twice sign-in-failures (3 here) per window, then refused, found ones as well, until a refill.
        for (int i = 0; i < 6; i++) {
            assertThat(limits.lookupAllowed("iota-address:10.0.0.9").allowed()).isTrue();
            limits.lookupFailed("iota-address:10.0.0.9");
        }
        RateLimits.Verdict refused = limits.lookupAllowed("iota-address:10.0.0.9");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isBetween(60L, 15 * 60L);
        assertThat(limits.lookupAllowed("iota-address:10.0.0.10").allowed()).as("each address its own budget").isTrue();
        advance(Duration.ofMinutes(3));                 // one of six back every 2.5 minutes
        assertThat(limits.lookupAllowed("iota-address:10.0.0.9").allowed()).isTrue();
    }

    @Test
    void failedSignInsBackOffPerAccountAndPerAddress() {
        for (int i = 0; i < 3; i++) {
            assertThat(limits.signInAttempt("lan", "203.0.113.7").allowed()).isTrue();     // and fails
        }
        RateLimits.Verdict blocked = limits.signInAttempt("lan", "198.51.100.1");
        assertThat(blocked.allowed()).as("the account, from any address").isFalse();
        assertThat(blocked.retryAfter()).isEqualTo(Duration.ofMinutes(5));
        assertThat(limits.signInAttempt("minh", "198.51.100.1").allowed()).isTrue();

        for (int i = 0; i < 6; i++) {
            limits.signInAttempt("user" + i, "198.51.100.9");
        }
        assertThat(limits.signInAttempt("someone-new", "198.51.100.9").allowed()).as("the address, any account").isFalse();

        advance(Duration.ofMinutes(5));
        assertThat(limits.signInAttempt("lan", "203.0.113.7").allowed()).as("one attempt back after 5 min").isTrue();
    }

    @Test
    void oneAddressAsksForAFewCodesAndEachContactGetsThree() {
        assertThat(limits.codeRequestFromAddress("203.0.113.9").allowed()).isTrue();
        assertThat(limits.codeRequestFromAddress("203.0.113.9").allowed()).isTrue();
        assertThat(limits.codeRequestFromAddress("203.0.113.9").allowed()).isFalse();
        for (int i = 0; i < 3; i++) {
            assertThat(limits.codeRequest("lookup-1").allowed()).isTrue();
        }
        assertThat(limits.codeRequest("lookup-1").allowed()).isFalse();
    }

    @Test
    void successfulSignInsCostNothingAndParallelGuessesCannotAllPass() {
        for (int i = 0; i < 50; i++) {
            assertThat(limits.signInAttempt("hoa", "203.0.113.8").allowed()).isTrue();
            limits.signInSucceeded("hoa", "203.0.113.8");
        }
        int let = 0;
        for (int i = 0; i < 100; i++) {          // a burst of guesses, none of them checked yet
            let += limits.signInAttempt("hoa", "203.0.113." + (100 + i)).allowed() ? 1 : 0;
        }
        assertThat(let).isEqualTo(3);
    }

    @Test
    void devicesAreLimitedAndTheirRefusalsRecordedOnlySoOften() {
        int allowed = 0;
        for (int i = 0; i < 30; i++) {
            allowed += limits.reading("default/station-1").allowed() ? 1 : 0;
        }
        assertThat(allowed).as("burst of ten times the rate").isEqualTo(20);
        int recorded = 0;
        for (int i = 0; i < 100; i++) {
            recorded += limits.recordRejection("default/station-1") ? 1 : 0;
        }
        assertThat(recorded).isEqualTo(4);
        advance(Duration.ofMinutes(1));
        assertThat(limits.recordRejection("default/station-1")).isTrue();
    }
}
