package org.saola.indicators;

import java.time.InstantSource;
import java.time.ZoneId;
import org.saola.indicators.domain.CityFigures;
import org.saola.indicators.domain.Indicators;
import org.saola.indicators.store.IndicatorStore;
import org.saola.platform.audit.AuditLog;
import org.saola.platform.measure.MeasureSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The city's indicators (docs/indicators.md): a catalogue of definitions (U4SSC KPIs and the city's own) whose
 * formulas combine what the modules measure ({@link MeasureSource}, a named interface of the platform), computed
 * on a schedule, or entered by hand with source and evidence; targets; public pages and an open dataset.
 */
@Configuration(proxyBeanMethods = false)
public class IndicatorsConfiguration {

    @Bean
    IndicatorStore indicatorStore(JdbcClient jdbc, TransactionTemplate tx) {
        return new IndicatorStore(jdbc, tx);
    }

    @Bean
    CityFigures cityFigures(IndicatorStore store, InstantSource clock, AuditLog audit) {
        return new CityFigures(store, clock, audit);
    }

    /**
     * @param threshold a group (a ward, a channel, an age group) resting on fewer people than this is not published
     *                  (the open-data catalogue's default threshold, ONS's 10)
     */
    @Bean
    Indicators indicators(ObjectProvider<MeasureSource> sources, IndicatorStore store, JsonMapper json, InstantSource clock, AuditLog audit,
            @Value("${saola.time-zone:Asia/Ho_Chi_Minh}") String zone, @Value("${saola.indicators.disclosure-threshold:10}") int threshold) {
        if (threshold < 1) {
            throw new IllegalArgumentException("saola.indicators.disclosure-threshold is at least 1");
        }
        return new Indicators(() -> sources.orderedStream().toList(), store, json, clock, ZoneId.of(zone), threshold, audit);
    }

    /** The built-in catalogue checked against every module's measures once all beans exist: a mistake stops the start. */
    @Bean
    org.springframework.beans.factory.SmartInitializingSingleton indicatorsCatalogueCheck(Indicators indicators) {
        return () -> indicators.measures();
    }

    @Bean
    org.saola.indicators.projects.Projects projects(JdbcClient jdbc, JsonMapper json, Indicators indicators,
            org.saola.platform.security.Departments departments, InstantSource clock, AuditLog audit) {
        return new org.saola.indicators.projects.Projects(jdbc, json, indicators, departments, clock, audit);
    }

    @Bean
    ComputeJob indicatorsJob(Indicators indicators) {
        return new ComputeJob(indicators);
    }

    /** Computes every known tenant's due indicators (the last ended period once, the current one so far). */
    static final class ComputeJob {
        private final Indicators indicators;

        ComputeJob(Indicators indicators) {
            this.indicators = indicators;
        }

        @Scheduled(fixedDelayString = "${saola.indicators.compute-every:PT1H}", initialDelayString = "PT2M")
        void compute() {
            indicators.run();
        }
    }
}
