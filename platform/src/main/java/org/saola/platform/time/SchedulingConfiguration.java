package org.saola.platform.time;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Periodic work (retention, health checks, alert timers, change-feed polls, open-data refreshes, …). Each job takes
 * a lease or a PostgreSQL advisory lock first, so with several nodes it runs once, not once per node.
 *
 * <p>The jobs run on a pool of their own ({@code saola.scheduling.threads}): with virtual threads on, Spring's
 * default scheduler runs every fixed-delay job on its one scheduler thread, so one slow run (an hour of retention
 * over years of readings) would hold up alert timers and change-feed polls until it ends. A job still never
 * overlaps itself (fixed delay counts from the end of its run).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class SchedulingConfiguration {

    @Bean
    ThreadPoolTaskScheduler taskScheduler(@Value("${saola.scheduling.threads:8}") int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("saola.scheduling.threads must be 1 or more, not " + threads);
        }
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(threads);
        scheduler.setThreadNamePrefix("saola-scheduled-");
        return scheduler;
    }
}
