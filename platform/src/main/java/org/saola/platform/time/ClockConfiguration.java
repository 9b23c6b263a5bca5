package org.saola.platform.time;

import java.time.InstantSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one source of the current time. Feature code reads time from the injected {@link InstantSource},
 * never from {@code Instant.now()}, so tests move a settable clock instead of sleeping.
 */
@Configuration(proxyBeanMethods = false)
public class ClockConfiguration {

    @Bean
    InstantSource instantSource() {
        return InstantSource.system();
    }
}
