package org.saola.app;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The platform's clock in the end-to-end tests: the system's time shifted by an offset a test moves, so
 * expiries, back-offs and retention are tested without waiting. Tests that move it put it back.
 */
public final class TestClock implements InstantSource {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);
    private final AtomicReference<Instant> frozen = new AtomicReference<>();

    /** In microseconds, as PostgreSQL keeps time: a time read back equals the one written, to the tick. */
    @Override
    public Instant instant() {
        Instant f = frozen.get();
        return (f != null ? f.plus(offset.get()) : Instant.now().plus(offset.get())).truncatedTo(ChronoUnit.MICROS);
    }

    /** Stops time (rate-limit buckets stop refilling) until {@link #resume}; {@link #advance} still moves it. */
    public void freeze() {
        frozen.set(Instant.now());
    }

    /**
     * Lets time run again. Any offset stays: the platform's time never goes back (rate-limit buckets and
     * caches would stop refilling and expiring until the real time caught up).
     */
    public void resume() {
        Instant f = frozen.getAndSet(null);
        if (f != null) {
            offset.accumulateAndGet(Duration.between(Instant.now(), f), (a, b) -> b.isNegative() ? a : a.plus(b));
        }
    }

    public void advance(Duration by) {
        offset.accumulateAndGet(by, Duration::plus);
    }

    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {
        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }
    }
}
