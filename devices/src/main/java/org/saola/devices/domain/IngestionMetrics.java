package org.saola.devices.domain;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Prometheus metrics of ingestion: readings received, stored and rejected (by reason), and ingest latency. */
@Component
public class IngestionMetrics {

    private final Counter received;
    private final Counter stored;
    private final Map<RejectionReason, Counter> rejected = new EnumMap<>(RejectionReason.class);
    private final Timer latency;

    public IngestionMetrics(MeterRegistry registry) {
        received = Counter.builder("saola.readings.received").description("Readings received from devices")
                .register(registry);
        stored = Counter.builder("saola.readings.stored").description("Readings committed to the context store")
                .register(registry);
        for (RejectionReason r : RejectionReason.values()) {
            rejected.put(r, Counter.builder("saola.readings.rejected").tag("reason", r.name())
                    .description("Readings or connections refused, by reason").register(registry));
        }
        latency = Timer.builder("saola.ingest.latency")
                .description("From message arrival to its readings committed").publishPercentileHistogram()
                .register(registry);
    }

    void received(int n) {
        received.increment(n);
    }

    void stored(int n) {
        stored.increment(n);
    }

    public void rejected(RejectionReason reason) {
        rejected.get(reason).increment();
    }

    void latency(Duration d) {
        latency.record(d);
    }
}
