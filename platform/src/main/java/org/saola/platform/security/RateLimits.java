package org.saola.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.time.InstantSource;
import java.util.function.Supplier;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * Abuse limits, as token buckets (Bucket4j) kept per caller in bounded caches, on the injected clock: calls
 * per API key or member of staff, calls per client address on public routes, readings per device, and
 * failed sign-ins per account and per address (after which sign-in is refused until the bucket refills:
 * the back-off). Buckets live in this node's memory, so with several nodes each allows its share.
 */
@Component
@EnableConfigurationProperties(RateLimits.Properties.class)
public class RateLimits {

    /**
     * @param callerPerSecond requests per second of one API key or member of staff (bursts up to the same)
     * @param publicPerSecond requests per second from one client address to public routes
     * @param signInFailures failed sign-ins of one account, or of one device's credentials, per window
     * @param signInFailuresPerAddress failed sign-ins from one client address per window
     * @param signInWindow the window in which those failures are counted, and the longest back-off
     * @param readingsPerSecond MQTT publishes per second of one device (bursts up to ten times that)
     * @param rejectionRecordsPerMinute refused attempts of one device recorded per minute (the rest counted only)
     * @param codesPerAddress residents' sign-in codes asked for from one client address per sign-in window
     * @param reportsPerHour residents' reports filed by one Open311 key, or from one client address, per hour
     * @param residentPostsPerHour proposals and comments one signed-in resident publishes per hour
     */
    @ConfigurationProperties("saola.rate-limits")
    public record Properties(@DefaultValue("20000") int callerPerSecond, @DefaultValue("30") int publicPerSecond,
            @DefaultValue("5") int signInFailures, @DefaultValue("20") int signInFailuresPerAddress,
            @DefaultValue("15m") Duration signInWindow, @DefaultValue("20") int readingsPerSecond,
            @DefaultValue("10") int rejectionRecordsPerMinute, @DefaultValue("10") int codesPerAddress,
            @DefaultValue("60") int reportsPerHour, @DefaultValue("30") int residentPostsPerHour) {
        public Properties {
            positive("caller-per-second", callerPerSecond);
            positive("public-per-second", publicPerSecond);
            positive("sign-in-failures", signInFailures);
            positive("sign-in-failures-per-address", signInFailuresPerAddress);
            positive("readings-per-second", readingsPerSecond);
            positive("rejection-records-per-minute", rejectionRecordsPerMinute);
            positive("codes-per-address", codesPerAddress);
            positive("reports-per-hour", reportsPerHour);
            positive("resident-posts-per-hour", residentPostsPerHour);
            if (signInWindow.toSeconds() < 1) {
                throw new IllegalArgumentException("saola.rate-limits.sign-in-window must be at least 1s; got " + signInWindow);
            }
        }

        private static void positive(String key, int value) {
            if (value < 1) {
                throw new IllegalArgumentException("saola.rate-limits." + key + " must be at least 1; got " + value);
            }
        }
    }

    /** Whether the call may go ahead; if not, how long until it may. */
    public record Verdict(boolean allowed, Duration retryAfter) {
        static final Verdict ALLOWED = new Verdict(true, Duration.ZERO);

        /** Whole seconds, at least 1, for a {@code Retry-After} header. */
        public long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }
    }

    private final Properties properties;
    private final TimeMeter time;
    private final Cache<String, Bucket> callers;
    private final Cache<String, Bucket> addresses;
    private final Cache<String, Bucket> failures;
    private final Cache<String, Bucket> devices;
    private final Cache<String, Bucket> rejections;
    private final Cache<String, Bucket> codes;
    private final Cache<String, Bucket> filings;

    public RateLimits(Properties properties, InstantSource clock) {
        this.properties = properties;
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                java.time.Instant now = clock.instant();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
        this.callers = cache(Duration.ofMinutes(10));
        this.addresses = cache(Duration.ofMinutes(10));
        this.failures = cache(properties.signInWindow().multipliedBy(2));
        this.devices = cache(Duration.ofMinutes(10));
        this.rejections = cache(Duration.ofMinutes(10));
        this.codes = cache(properties.signInWindow().multipliedBy(2));
        this.filings = cache(Duration.ofHours(2));
    }

    private static Cache<String, Bucket> cache(Duration idle) {
        return Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(idle).build();
    }

    /** One call of an API key or member of staff. */
    public Verdict call(String caller) {
        return consume(callers, caller, () -> perSecond(properties.callerPerSecond(), properties.callerPerSecond()));
    }

    /** One call to a public route from this client address. */
    public Verdict publicCall(String address) {
        return consume(addresses, address, () -> perSecond(properties.publicPerSecond(), properties.publicPerSecond() * 2L));
    }

    /**
     * One call of a signed-in resident to a public route: the same allowance as {@code public-per-second}, but the
     * resident's own, not shared with everyone behind the same address.
     */
    public Verdict residentCall(String resident) {
        return consume(addresses, "resident:" + resident, () -> perSecond(properties.publicPerSecond(), properties.publicPerSecond() * 2L));
    }

    /** One resident's report filed by this client (an Open311 key, or a client address): {@code reports-per-hour}. */
    public Verdict reportFiling(String client) {
        return consume(filings, client, () -> bucket(properties.reportsPerHour(), Duration.ofHours(1)));
    }

    /** One proposal or comment a signed-in resident publishes ({@code resident-posts-per-hour}): no one floods a debate. */
    public Verdict residentPost(String resident) {
        return consume(filings, "resident:" + resident, () -> bucket(properties.residentPostsPerHour(), Duration.ofHours(1)));
    }

    /** One publish of a device. */
    public Verdict reading(String device) {
        return consume(devices, device, () -> perSecond(properties.readingsPerSecond(), properties.readingsPerSecond() * 10L));
    }

    /** One sign-in code asked for from this client address, whatever the contacts ({@code codes-per-address}). */
    public Verdict codeRequestFromAddress(String address) {
        return consume(codes, "address:" + address, () -> bucket(properties.codesPerAddress(), properties.signInWindow()));
    }

    /** One sign-in code sent to a resident's contact (keyed by its lookup hash): three per sign-in window. */
    public Verdict codeRequest(String contact) {
        return consume(codes, contact, () -> bucket(3, properties.signInWindow()));
    }

    /** Whether a refused attempt of this device is recorded, or only counted, to bound what an attacker writes. */
    public boolean recordRejection(String device) {
        return consume(rejections, device, () -> bucket(properties.rejectionRecordsPerMinute(), Duration.ofMinutes(1))).allowed();
    }

    /**
     * A password sign-in about to be checked: it takes one attempt from the account's bucket and one from the
     * address's before the password is checked (so parallel guesses cannot all get through), and is refused
     * while either is empty. A sign-in that succeeds gives its attempts back ({@link #signInSucceeded}), so
     * only failures count; one attempt comes back every window / failures.
     */
    public Verdict signInAttempt(String account, String address) {
        Verdict a = consume(failures, "account:" + account, () -> bucket(properties.signInFailures(), properties.signInWindow()));
        if (!a.allowed()) {
            return a;
        }
        Verdict b = consume(failures, "address:" + address,
                () -> bucket(properties.signInFailuresPerAddress(), properties.signInWindow()));
        if (!b.allowed()) {
            refund(failures, "account:" + account);
        }
        return b;
    }

    public void signInSucceeded(String account, String address) {
        refund(failures, "account:" + account);
        refund(failures, "address:" + address);
    }

    /** {@link #signInAttempt} for credentials that come with no client address (a device's). */
    public Verdict accountSignInAttempt(String account) {
        return consume(failures, "account:" + account, () -> bucket(properties.signInFailures() * 2L, properties.signInWindow()));
    }

    public void accountSignInSucceeded(String account) {
        refund(failures, "account:" + account);
    }

    /**
     * Whether an address may still have credentials looked up that are found almost always (a FIWARE device's API
     * key and id, sent with every message): refused once {@link #lookupFailed} has spent its budget (twice
     * {@code sign-in-failures} per window). Nothing is taken here. Taking an attempt before each look-up and giving it
     * back after, as {@link #accountSignInAttempt} does, let the many good messages in flight at once from one
     * address (an IoT gateway, a NAT) spend the budget between them and be refused: most of 64 devices' messages
     * were, in the bench. Guesses sent in parallel get past a spent budget by at most the requests in flight.
     */
    public Verdict lookupAllowed(String address) {
        io.github.bucket4j.EstimationProbe probe = lookups(address).estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? Verdict.ALLOWED
                : new Verdict(false, Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** Credentials from this address that were not found: one of its look-ups' budget spent. */
    public void lookupFailed(String address) {
        lookups(address).tryConsume(1);
    }

    private Bucket lookups(String address) {
        return failures.get("lookup:" + address, k -> bucket(properties.signInFailures() * 2L, properties.signInWindow()));
    }

    private static void refund(Cache<String, Bucket> cache, String key) {
        Bucket b = cache.getIfPresent(key);
        if (b != null) {
            b.addTokens(1);
        }
    }

    private Bucket perSecond(long rate, long burst) {
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(burst).refillGreedy(rate, Duration.ofSeconds(1)).build())
                .withCustomTimePrecision(time).build();
    }

    private Bucket bucket(long capacity, Duration window) {
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, window).build())
                .withCustomTimePrecision(time).build();
    }

    private static Verdict consume(Cache<String, Bucket> cache, String key, Supplier<Bucket> create) {
        ConsumptionProbe probe = cache.get(key, k -> create.get()).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Verdict.ALLOWED
                : new Verdict(false, Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

}
