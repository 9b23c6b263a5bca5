package org.saola.opendata;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.saola.opendata.domain.Catalogue;
import org.saola.opendata.domain.DisclosureControl;
import org.saola.opendata.store.CatalogueStore;
import org.saola.opendata.store.TableStore;
import org.saola.platform.TenantId;
import org.saola.platform.audit.AuditLog;
import org.saola.platform.publish.PublishedData;
import org.saola.platform.security.Departments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import tools.jackson.databind.json.JsonMapper;

/** The open city: catalogue, CKAN action API, downloads, disclosure control (docs/opendata.md). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OpenDataConfiguration.Properties.class)
public class OpenDataConfiguration {

    private static final Logger log = LoggerFactory.getLogger(OpenDataConfiguration.class);

    /**
     * @param refreshEvery how often each published dataset's rows are read again from its module
     * @param disclosure   the rules for counts of people: counts under {@code threshold} hidden, the rest rounded to
     *                     {@code rounding}; {@code tenants} sets other rules for some tenants
     * @param publisher    who publishes the catalogue (DCAT-AP)
     * @param loadTimeout  how long filling one dataset's table may take (an uploaded file of millions of rows)
     */
    @ConfigurationProperties("saola.opendata")
    public record Properties(@DefaultValue("15m") Duration refreshEvery, @DefaultValue Disclosure disclosure,
            @DefaultValue Publisher publisher, @DefaultValue("1h") Duration loadTimeout) {

        public record Disclosure(@DefaultValue("10") int threshold, @DefaultValue("5") int rounding,
                @DefaultValue Map<String, Rule> tenants) {
            public Disclosure {
                new DisclosureControl.Rules(threshold, rounding);
                tenants.forEach((t, r) -> {
                    TenantId.of(t);
                    new DisclosureControl.Rules(r.threshold(), r.rounding());
                });
            }

            DisclosureControl.Rules rules(TenantId tenant) {
                Rule r = tenants.get(tenant.value());
                return r == null ? new DisclosureControl.Rules(threshold, rounding) : new DisclosureControl.Rules(r.threshold(), r.rounding());
            }
        }

        public record Rule(int threshold, int rounding) {
        }

        public Properties {
            if (refreshEvery.isNegative() || refreshEvery.isZero()) {
                throw new IllegalArgumentException("saola.opendata.refresh-every must be positive");
            }
        }
    }

    /**
     * Who publishes the catalogue (DCAT-AP's mandatory catalogue publisher, and the publisher of datasets no
     * department answers for): the city's names, a contact address, and the place it covers as an IRI (e.g. its
     * GeoNames entry), each optional but the names.
     */
    public record Publisher(@DefaultValue("Chính quyền thành phố") String nameVi, @DefaultValue("City administration") String nameEn,
            @DefaultValue("") String contactEmail, @DefaultValue("") String spatialUri) {

        public java.util.Optional<String> email() {
            return contactEmail.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(contactEmail.strip());
        }

        public java.util.Optional<String> spatial() {
            return spatialUri.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(spatialUri.strip());
        }
    }

    @Bean
    CatalogueStore openDataCatalogueStore(JdbcClient jdbc, JsonMapper json) {
        return new CatalogueStore(jdbc, json);
    }

    @Bean
    TableStore openDataTableStore(DataSource dataSource, Properties properties) {
        return new TableStore(dataSource, properties.loadTimeout());
    }

    @Bean
    Catalogue openDataCatalogue(List<PublishedData> sources, CatalogueStore store, TableStore tables, Departments departments,
            AuditLog audit, InstantSource clock, Properties properties,
            org.springframework.transaction.support.TransactionTemplate transactions) {
        return new Catalogue(sources, store, tables, departments, audit, clock, properties.disclosure()::rules, transactions);
    }

    @Bean
    org.saola.opendata.store.AgreementStore openDataAgreementStore(JdbcClient jdbc) {
        return new org.saola.opendata.store.AgreementStore(jdbc);
    }

    @Bean
    org.saola.opendata.domain.DataSharing openDataSharing(org.saola.opendata.store.AgreementStore store, Catalogue catalogue,
            Departments departments, AuditLog audit, InstantSource clock) {
        return new org.saola.opendata.domain.DataSharing(store, catalogue, departments, audit, clock);
    }

    /** Uses of data-sharing agreements' keys are kept two years, then let go of (the agreements themselves stay). */
    @Bean
    org.saola.platform.retention.RetentionRule openDataSharingUsesRetention(org.saola.opendata.store.AgreementStore store) {
        return new org.saola.platform.retention.RetentionRule() {
            @Override
            public String category() {
                return "data-sharing-uses";
            }

            @Override
            public String description() {
                return "the record of each use of a data-sharing agreement's keys, made before";
            }

            @Override
            public Duration defaultPeriod() {
                return Duration.ofDays(730);
            }

            @Override
            public long apply(java.time.Instant cutoff) {
                return store.forgetUsesBefore(cutoff);
            }
        };
    }

    @Bean
    org.saola.opendata.domain.AlgorithmRegister algorithmRegister(List<org.saola.platform.publish.AlgorithmSource> sources,
            JdbcClient jdbc, Departments departments, AuditLog audit, InstantSource clock) {
        return new org.saola.opendata.domain.AlgorithmRegister(sources,
                new org.saola.opendata.domain.RecordedAlgorithms(jdbc, departments, audit, clock));
    }

    @Bean
    org.saola.opendata.domain.RegisterData algorithmRegisterData(org.saola.opendata.domain.AlgorithmRegister register) {
        return new org.saola.opendata.domain.RegisterData(register);
    }

    @Bean
    RefreshTimer openDataRefreshTimer(Catalogue catalogue, Properties properties) {
        return new RefreshTimer(catalogue, properties.refreshEvery());
    }

    /** Keeps the published datasets current: every node tries, each dataset is claimed by one. */
    static class RefreshTimer {
        private final Catalogue catalogue;
        private final Duration every;

        RefreshTimer(Catalogue catalogue, Duration every) {
            this.catalogue = catalogue;
            this.every = every;
        }

        @Scheduled(fixedDelayString = "${saola.opendata.check-every:PT30S}", initialDelayString = "${saola.opendata.check-every:PT30S}")
        void refreshDue() {
            int n = catalogue.refreshDue(every);
            if (n > 0) {
                log.debug("Refreshed {} open datasets", n);
            }
        }
    }
}
