package org.saola.domains;

import java.time.Duration;
import java.time.InstantSource;
import org.saola.context.ContextService;
import org.saola.domains.waste.WastePlanner;
import org.saola.domains.waste.store.WasteStore;
import org.saola.domains.water.LeakDetector;
import org.saola.domains.store.SettingsStore;
import org.saola.domains.water.WaterSettings;
import org.saola.platform.audit.AuditLog;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import tools.jackson.databind.json.JsonMapper;

/**
 * The city-service analytics, one package per domain: {@code waste} plans collection rounds from the containers'
 * fill levels; {@code water} finds leaks from the meters' night flows; {@code traffic} measures congestion
 * against each road's usual; {@code lighting} counts the street lights' energy and finds failed lamps;
 * {@code environment} views the air-quality and flood packs' results over days. They read entities and history through {@link ContextService} and keep their own results.
 */
@Configuration(proxyBeanMethods = false)
public class DomainsConfiguration {

    /** A plan still solving after this long was left by a node that stopped (solving takes at most 2 × 600 s). */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(30);

    /**
     * @param osm     the city's OpenStreetMap extract for the collection rounds (none: straight lines times the road factor)
     * @param dataDir where its imported graph is kept ({@code <data-dir>/streets})
     */
    @Bean
    org.saola.domains.waste.StreetNetwork streetNetwork(@org.springframework.beans.factory.annotation.Value("${saola.waste.street-network:}") String osm,
            @org.springframework.beans.factory.annotation.Value("${saola.data-dir:./data}") String dataDir) {
        return new org.saola.domains.waste.StreetNetwork(osm.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(java.nio.file.Path.of(osm)),
                java.nio.file.Path.of(dataDir, "streets"));
    }

    @Bean
    WastePlanner wastePlanner(ContextService context, JdbcClient jdbc, JsonMapper json, InstantSource clock, AuditLog audit,
            org.saola.domains.waste.StreetNetwork streets) {
        return new WastePlanner(context, new WasteStore(jdbc, json), clock, audit, streets);
    }

    @Bean
    LeakDetector leakDetector(ContextService context, JdbcClient jdbc, JsonMapper json, InstantSource clock, AuditLog audit,
            @org.springframework.beans.factory.annotation.Value("${saola.time-zone:Asia/Ho_Chi_Minh}") String zone) {
        return new LeakDetector(context, new SettingsStore<>(jdbc, json, "water_settings", "recorded_night", WaterSettings.class),
                clock, audit, java.time.ZoneId.of(zone));
    }

    @Bean
    org.saola.domains.traffic.CongestionWatch congestionWatch(ContextService context, JdbcClient jdbc, JsonMapper json,
            InstantSource clock, AuditLog audit,
            @org.springframework.beans.factory.annotation.Value("${saola.time-zone:Asia/Ho_Chi_Minh}") String zone) {
        return new org.saola.domains.traffic.CongestionWatch(context, new SettingsStore<>(jdbc, json, "traffic_watch", "recorded_hour",
                org.saola.domains.traffic.TrafficSettings.class), clock, audit, java.time.ZoneId.of(zone));
    }

    @Bean
    org.saola.domains.lighting.LightingWatch lightingWatch(ContextService context, JdbcClient jdbc, JsonMapper json,
            InstantSource clock, AuditLog audit,
            @org.springframework.beans.factory.annotation.Value("${saola.time-zone:Asia/Ho_Chi_Minh}") String zone,
            org.saola.devices.DeviceRegistry devices, org.saola.devices.DeviceCommands commands) {
        return new org.saola.domains.lighting.LightingWatch(context, new SettingsStore<>(jdbc, json, "lighting_watch", "recorded_night",
                org.saola.domains.lighting.LightingSettings.class), clock, audit, java.time.ZoneId.of(zone), devices, commands);
    }

    @Bean
    org.saola.domains.environment.EnvironmentWatch environmentWatch(ContextService context, InstantSource clock) {
        return new org.saola.domains.environment.EnvironmentWatch(context, clock);
    }

    @Bean
    DomainMeasures domainMeasures(ContextService context, JdbcClient jdbc, JsonMapper json, org.saola.devices.DeviceRegistry devices,
            org.saola.domains.environment.EnvironmentWatch environment,
            @org.springframework.beans.factory.annotation.Value("${saola.time-zone:Asia/Ho_Chi_Minh}") String zone) {
        return new DomainMeasures(context, new WasteStore(jdbc, json), devices, environment, java.time.ZoneId.of(zone));
    }

    @Bean
    Jobs domainJobs(LeakDetector leaks, org.saola.domains.traffic.CongestionWatch traffic,
            org.saola.domains.lighting.LightingWatch lighting) {
        return new Jobs(leaks, traffic, lighting);
    }

    /**
     * The analyses' periodic jobs: each writes the periods that have ended (and whose readings are in) once, catching
     * up on those it missed; how often each looks is configurable (the tests switch them off and call them).
     */
    static final class Jobs {
        private final LeakDetector leaks;
        private final org.saola.domains.traffic.CongestionWatch traffic;
        private final org.saola.domains.lighting.LightingWatch lighting;

        Jobs(LeakDetector leaks, org.saola.domains.traffic.CongestionWatch traffic, org.saola.domains.lighting.LightingWatch lighting) {
            this.leaks = leaks;
            this.traffic = traffic;
            this.lighting = lighting;
        }

        @Scheduled(fixedDelayString = "${saola.water.leaks-every:PT15M}", initialDelayString = "PT1M")
        void leaks() {
            leaks.run();
        }

        @Scheduled(fixedDelayString = "${saola.traffic.congestion-every:PT5M}", initialDelayString = "PT1M")
        void congestion() {
            traffic.run();
        }

        @Scheduled(fixedDelayString = "${saola.lighting.nights-every:PT15M}", initialDelayString = "PT1M")
        void lighting() {
            lighting.run();
        }

        @Scheduled(fixedDelayString = "${saola.lighting.schedule-every:PT1M}", initialDelayString = "PT1M")
        void dimming() {
            lighting.applySchedule();
        }
    }

    @Bean
    AbandonedPlans abandonedPlans(WastePlanner planner) {
        return new AbandonedPlans(planner);
    }

    /** Fails, every few minutes, the plans a stopped node left solving, so that no plan says "solving" for ever. */
    static final class AbandonedPlans {
        private final WastePlanner planner;

        AbandonedPlans(WastePlanner planner) {
            this.planner = planner;
        }

        @Scheduled(fixedDelayString = "PT5M", initialDelayString = "PT1M")
        void abandon() {
            planner.abandon(ABANDONED_AFTER);
        }
    }
}
