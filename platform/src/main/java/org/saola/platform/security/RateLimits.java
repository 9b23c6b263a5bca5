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
     */
    @ConfigurationProperties("saola.rate-limits")
    public record Properties(@DefaultValue("10000") int callerPerSecond, @DefaultValue("30") int publicPerSecond,
            @DefaultValue("5") int signInFailures, @DefaultValue("20") int signInFailuresPerAddress,
            @DefaultValue("15m") Duration signInWindow, @DefaultValue("20") int readingsPerSecond,
            @DefaultValue("10") int rejectionRecordsPerMinute) {
        public Properties {
            positive("caller-per-second", callerPerSecond);
            positive("public-per-second", publicPerSecond);
            positive("sign-in-failures", signInFailures);
            positive("sign-in-failures-per-address", signInFailuresPerAddress);
            positive("readings-per-second", readingsPerSecond);
            positive("rejection-records-per-minute", rejectionRecordsPerMinute);
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

    /** One publish of a device. */
    public Verdict reading(String device) {
        return consume(devices, device, () -> perSecond(properties.readingsPerSecond(), properties.readingsPerSecond() * 10L));
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
     * Whether sign-in with these credentials may be tried now: refused while the account (a username, or a
     * device's) or the address has used up its failures; it frees one attempt every window / failures.
     */
    public Verdict signInAllowed(String account, String address) {
        Verdict a = peek(failures, "account:" + account);
        Verdict b = peek(failures, "address:" + address);
        return !a.allowed() ? a : b;
    }

    /** Whether this account (e.g. a device's credentials, which have no client address) may try to sign in now. */
    public Verdict accountSignInAllowed(String account) {
        return peek(failures, "account:" + account);
    }

    public void accountSignInFailed(String account) {
        consume(failures, "account:" + account, () -> bucket(properties.signInFailures() * 2L, properties.signInWindow()));
    }

    public void signInFailed(String account, String address) {
        consume(failures, "account:" + account, () -> bucket(properties.signInFailures(), properties.signInWindow()));
        consume(failures, "address:" + address, () -> bucket(properties.signInFailuresPerAddress(), properties.signInWindow()));
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

    private static Verdict peek(Cache<String, Bucket> cache, String key) {
        Bucket b = cache.getIfPresent(key);
        if (b == null || b.getAvailableTokens() > 0) {
            return Verdict.ALLOWED;
        }
        return new Verdict(false, Duration.ofNanos(b.estimateAbilityToConsume(1).getNanosToWaitForRefill()));
    }
}
