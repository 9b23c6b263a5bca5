package org.saola.simulator;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo city.
 *
 * @param enabled run the demo city's stations (on for the demo, off for tests and production)
 * @param interval how often each station publishes a reading
 * @param reportEvery how often a demo resident files a report (officers work the queue twice as often)
 */
@ConfigurationProperties("saola.simulator")
@org.springframework.validation.annotation.Validated
public record SimulatorProperties(@DefaultValue("false") boolean enabled,
        @DefaultValue("5s") @org.hibernate.validator.constraints.time.DurationMin(millis = 100) Duration interval,
        @DefaultValue("2m") @org.hibernate.validator.constraints.time.DurationMin(seconds = 2) Duration reportEvery) {
}
