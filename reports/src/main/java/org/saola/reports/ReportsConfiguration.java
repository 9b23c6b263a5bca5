package org.saola.reports;

import java.nio.file.Path;
import java.time.InstantSource;
import org.saola.context.ContextService;
import org.saola.platform.audit.AuditLog;
import org.saola.platform.events.DomainEvents;
import org.saola.platform.residents.ResidentAccounts;
import org.saola.platform.residents.ResidentMessages;
import org.saola.platform.security.Departments;
import org.saola.platform.media.PhotoStore;
import org.saola.reports.domain.ReportProjection;
import org.saola.reports.domain.ReportService;
import org.saola.reports.store.CatalogueStore;
import org.saola.reports.store.ReportStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.validation.annotation.Validated;

/** Residents' reports (docs/reports.md). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReportsConfiguration.Properties.class)
public class ReportsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ReportsConfiguration.class);

    /**
     * @param publicUrl the city's public address, for links in messages to reporters
     * @param photoDir where report photos are kept
     * @param followUpAfter how long after a report is marked fixed its reporter is asked whether it is
     */
    @ConfigurationProperties("saola.reports")
    @Validated
    public record Properties(@DefaultValue("http://localhost:8080") String publicUrl,
            @DefaultValue("./data/photos") Path photoDir, @DefaultValue("P28D") java.time.Duration followUpAfter,
            @DefaultValue("false") boolean preModeration) {
        public Properties {
            if (followUpAfter.isNegative() || followUpAfter.isZero()) {
                throw new IllegalArgumentException("saola.reports.follow-up-after must be positive; got " + followUpAfter);
            }
            if (!publicUrl.matches("https?://[^\\s]+")) {
                throw new IllegalArgumentException("saola.reports.public-url must be an http(s) URL; got '" + publicUrl + "'");
            }
        }
    }

    @Bean
    PhotoStore reportPhotoStore(Properties properties, org.saola.platform.media.PhotoStores stores) {
        return stores.of("reports", properties.photoDir());
    }

    @Bean
    ReportService reportService(CatalogueStore catalogue, ReportStore reports, PhotoStore photos,
            ResidentAccounts residents, ResidentMessages messages, Departments departments, DomainEvents events,
            AuditLog audit, InstantSource clock, Properties properties, org.saola.platform.places.CityAreas areas,
            org.saola.platform.residents.ResidentConsents consents,
            @org.springframework.beans.factory.annotation.Value("${saola.time-zone:Asia/Ho_Chi_Minh}") String zone,
            org.springframework.transaction.PlatformTransactionManager transactionManager) {
        // A report placed on the map without a ward is in the ward (a District entity) whose area holds its point.
        return new ReportService(catalogue, reports, photos, residents, messages, departments, events, audit, clock,
                properties.publicUrl(), areas::nameAt, consents, java.time.ZoneId.of(zone), properties.preModeration(),
                new org.springframework.transaction.support.TransactionTemplate(transactionManager));
    }

    @Bean
    ReportProjection reportProjection(ReportStore reports, CatalogueStore catalogue, ContextService context) {
        return new ReportProjection(reports, catalogue, context);
    }

    @Bean
    ProjectionTimer reportProjectionTimer(ReportProjection projection) {
        return new ProjectionTimer(projection);
    }

    @Bean
    FollowUpTimer reportFollowUpTimer(ReportService reports, Properties properties) {
        return new FollowUpTimer(reports, properties.followUpAfter());
    }

    /** Asks the reporters of reports fixed long enough ago whether they are (every node; rows taken with SKIP LOCKED). */
    static class FollowUpTimer {
        private final ReportService reports;
        private final java.time.Duration after;

        FollowUpTimer(ReportService reports, java.time.Duration after) {
            this.reports = reports;
            this.after = after;
        }

        @Scheduled(fixedDelayString = "${saola.reports.follow-up-every:PT10M}", initialDelayString = "PT1M")
        void ask() {
            try {
                while (reports.askWhetherFixed(after) == 200) {
                    // more behind a full batch
                }
            } catch (RuntimeException e) {
                log.warn("Asking reporters whether their reports are fixed failed (retried): {}", e.toString());
            }
        }
    }

    /** Writes the entities of changed reports (every node; rows are taken with SKIP LOCKED). */
    static class ProjectionTimer {
        private final ReportProjection projection;

        ProjectionTimer(ReportProjection projection) {
            this.projection = projection;
        }

        @Scheduled(fixedDelayString = "${saola.reports.project-every:PT2S}", initialDelayString = "${saola.reports.project-every:PT2S}")
        void catchUp() {
            try {
                while (projection.catchUp(200) == 200) {
                    // more behind a full batch
                }
            } catch (RuntimeException e) {
                log.warn("Writing reports' entities failed (retried): {}", e.toString());
            }
        }
    }
}
