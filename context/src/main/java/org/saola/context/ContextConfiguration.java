package org.saola.context;

import java.time.InstantSource;
import org.saola.context.domain.ContextEngine;
import org.saola.context.domain.SchemaValidation;
import org.saola.context.domain.SmartDataModels;
import org.saola.context.jsonld.JsonLdContexts;
import org.saola.context.store.SettingsStore;
import org.saola.context.jsonld.RemoteContexts;
import org.saola.context.store.EntityStore;
import org.saola.context.store.GroupCommitWriter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.web.filter.UrlHandlerFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ContextProperties.class)
public class ContextConfiguration {

    @Bean
    JsonLdContexts jsonLdContexts(ContextProperties properties, org.saola.context.store.JsonLdContextStore stored,
            org.saola.platform.outbound.OutboundHttp outbound, InstantSource clock) {
        JsonLdContexts contexts = !properties.remoteContexts() ? JsonLdContexts.bundled()
                : JsonLdContexts.withRemote(new RemoteContexts(outbound, properties.remoteContextTimeout(),
                        properties.remoteContextCache(), clock));
        // Inline @contexts of subscriptions and registrations, looked up when first needed after a restart.
        contexts.useStore(stored);
        return contexts;
    }

    @Bean(destroyMethod = "close")
    GroupCommitWriter groupCommitWriter(EntityStore store, ContextProperties properties, InstantSource clock) {
        return new GroupCommitWriter(store, clock, properties.writerBuckets(), properties.writerQueueCapacity(),
                properties.writerMaxBatch());
    }

    /**
     * NGSI-LD clients often write {@code /ngsi-ld/v1/entities/} with a trailing slash; it names the same
     * resource as without (Spring no longer matches both by itself).
     */
    @Bean
    FilterRegistrationBean<UrlHandlerFilter> ngsiLdTrailingSlash() {
        FilterRegistrationBean<UrlHandlerFilter> registration = new FilterRegistrationBean<>(
                UrlHandlerFilter.trailingSlashHandler("/ngsi-ld/**").wrapRequest().build());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    SchemaValidation schemaValidation(SettingsStore settings, InstantSource clock) {
        return new SchemaValidation(new SmartDataModels(),
                tenant -> SchemaValidation.Mode.valueOf(settings.schemaValidation(tenant)), clock);
    }

    @Bean(destroyMethod = "close")
    org.saola.context.feed.ChangeFeed changeFeed(org.saola.context.store.ChangeFeedStore store,
            org.springframework.transaction.support.TransactionTemplate transactions, InstantSource clock,
            ContextProperties properties, GroupCommitWriter writer) {
        return new org.saola.context.feed.ChangeFeed(store, transactions, clock, properties, writer);
    }

    /** The city's areas, for the maps and the modules that name where a point is (District entities). */
    @Bean
    org.saola.platform.places.CityAreas cityAreas(ContextService context) {
        return new org.saola.context.geo.EntityCityAreas(context);
    }

    @Bean
    ContextEngine contextService(EntityStore store, GroupCommitWriter writer, JsonLdContexts contexts,
            org.saola.context.feed.ChangeFeed feed, org.saola.context.store.HistoryStore history) {
        return new ContextEngine(store, writer, contexts, feed, history);
    }
}
