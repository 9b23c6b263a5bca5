package org.saola.platform.time;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Periodic work (audit retention, and later health checks and compaction). Each job takes a PostgreSQL
 * advisory lock first, so with several nodes it runs once, not once per node.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class SchedulingConfiguration {
}
