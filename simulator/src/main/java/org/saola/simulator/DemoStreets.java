package org.saola.simulator;

import java.util.List;
import org.saola.domains.waste.StreetNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The demo city's street network for the collection rounds: a generated grid of streets about 330 m apart over the
 * six districts, cut north to south by the Hàn river, which three bridges cross (near Tiên Sơn, Rồng and Thuận
 * Phước), written where the demo profile points {@code saola.waste.street-network} unless a file is there (a
 * real extract of Đà Nẵng from OpenStreetMap can be put there instead). Rounds that cross the river go by a bridge.
 */
@Component
@ConditionalOnProperty(name = "saola.simulator.enabled", havingValue = "true")
class DemoStreets {

    private static final Logger log = LoggerFactory.getLogger(DemoStreets.class);

    private final StreetNetwork network;

    DemoStreets(StreetNetwork network) {
        this.network = network;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        try {
            network.generateIfMissing(108.100, 15.960, 108.300, 16.140, 0.003, 108.2335, List.of(16.036, 16.061, 16.091));
            network.source().ifPresent(p -> log.info("Demo street network for the collection rounds: {}", p));
        } catch (java.io.IOException e) {
            log.warn("Demo street network not written; rounds are planned in straight lines: {}", e.toString());
        }
    }
}
