package org.saola.alerts;

import java.time.InstantSource;
import java.time.ZoneId;
import org.saola.alerts.domain.AlertService;
import org.saola.alerts.domain.RuleEngine;
import org.saola.alerts.domain.RuleService;
import org.saola.alerts.notify.ChannelStore;
import org.saola.alerts.notify.Channels;
import org.saola.alerts.notify.NotificationStore;
import org.saola.alerts.notify.Notifier;
import org.saola.alerts.packs.RulePacks;
import org.saola.alerts.packs.VnAqiJob;
import org.saola.alerts.store.AlertStore;
import org.saola.alerts.store.RuleStore;
import org.saola.alerts.warnings.WarningService;
import org.saola.alerts.warnings.WarningSettings;
import org.saola.alerts.warnings.WarningStore;
import org.saola.alerts.warnings.WarningSubscriptions;
import org.saola.alerts.warnings.WarningPush;
import org.saola.alerts.warnings.WardAreas;
import org.saola.alerts.cap.CapMessage;
import org.saola.context.StoredEntity;
import org.saola.platform.webpush.WebPushSender;
import java.util.List;
import org.saola.context.ContextService;
import org.saola.platform.audit.AuditLog;
import org.saola.platform.events.DomainEvents;
import org.saola.platform.outbound.OutboundHttp;
import org.saola.platform.residents.ContactCipher;
import org.saola.platform.residents.ResidentAccounts;
import org.saola.platform.residents.ResidentMessages;
import org.saola.platform.security.Departments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The alerts module: the rule engine reads the context's change feed (as {@code alerts-rules}); a timer
 * raises the alerts whose condition has held long enough and picks up rules changed on another node; the rules'
 * actions queue notifications (sent by the notifier) and issue public warnings in CAP 1.2.
 */
@Configuration(proxyBeanMethods = false)
public class AlertsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AlertsConfiguration.class);

    @Bean
    WarningSettings warningSettings(@Value("${saola.warnings.sender:warnings@saola.city}") String sender,
            @Value("${saola.warnings.sender-name-vi:Ban chỉ huy phòng chống thiên tai thành phố}") String nameVi,
            @Value("${saola.warnings.sender-name-en:City Committee for Disaster Prevention}") String nameEn,
            @Value("${saola.warnings.contact:}") String contact,
            @Value("${saola.warnings.public-url:${saola.reports.public-url:http://localhost:8080}}") String publicUrl,
            @Value("${saola.time-zone:Asia/Ho_Chi_Minh}") String zone) {
        return new WarningSettings(sender, nameVi, nameEn, contact, publicUrl, ZoneId.of(zone));
    }

    @Bean
    WarningPush warningPush(JdbcClient jdbc, ContactCipher cipher, WebPushSender sender, JsonMapper json, InstantSource clock) {
        return new WarningPush(jdbc, cipher, sender, json, clock);
    }

    @Bean
    WarningSubscriptions warningSubscriptions(JdbcClient jdbc, ResidentMessages messages, WarningPush browsers,
            org.saola.platform.residents.ResidentConsents consents, InstantSource clock) {
        return new WarningSubscriptions(jdbc, messages, browsers, consents, clock);
    }

    @Bean
    WarningService warningService(JdbcClient jdbc, WarningSettings settings, Departments departments, AuditLog audit,
            DomainEvents events, InstantSource clock, JsonMapper json, WarningSubscriptions subscriptions,
            ContextService context) {
        return new WarningService(new WarningStore(jdbc), settings, departments, audit, events, clock, json, subscriptions,
                wardAreas(context));
    }

    /** The wards whose {@code District} entity's area a warning's polygon or circle meets (NGSI-LD geo-queries). */
    static WardAreas wardAreas(ContextService context) {
        return (tenant, polygons, circles) -> {
            java.util.Set<String> names = new java.util.TreeSet<>();
            String name = context.expand("name");
            List<String[]> queries = new java.util.ArrayList<>();
            for (List<CapMessage.Point> ring : polygons) {
                queries.add(new String[] {"intersects", "Polygon", "[[" + String.join(",", ring.stream()
                        .map(p -> "[" + p.longitude() + "," + p.latitude() + "]").toList()) + "]]"});
            }
            for (CapMessage.Circle c : circles) {
                queries.add(new String[] {"near;maxDistance==" + Math.round(c.radiusKm() * 1000), "Point",
                        "[" + c.centre().longitude() + "," + c.centre().latitude() + "]"});
            }
            for (String[] q : queries) {
                for (StoredEntity d : context.meeting(tenant, "District", q[0], q[1], q[2], 1000)) {
                    tools.jackson.databind.JsonNode n = d.attributes().get(name);
                    String ward = n == null ? "" : org.saola.context.AttributeInstances.primary(n).path("value").asString("");
                    if (!ward.isBlank()) {
                        names.add(ward);
                    }
                }
            }
            return names;
        };
    }

    @Bean
    ChannelStore channelStore(JdbcClient jdbc, ContactCipher cipher) {
        return new ChannelStore(jdbc, cipher);
    }

    @Bean
    Channels channels(ChannelStore store, AuditLog audit, InstantSource clock) {
        return new Channels(store, audit, clock);
    }

    @Bean
    NotificationStore notificationStore(JdbcClient jdbc) {
        return new NotificationStore(jdbc);
    }

    @Bean
    AlertActions alertActions(NotificationStore outbox, WarningService warnings, AlertStore alerts, RuleStore rules,
            InstantSource clock) {
        return new AlertActions(outbox, warnings, alerts, rules, clock);
    }

    @Bean
    Notifier notifier(NotificationStore outbox, ChannelStore channels, AlertStore alerts, Departments departments,
            ResidentAccounts senders, OutboundHttp http, JsonMapper json, InstantSource clock, WarningSettings settings) {
        return new Notifier(outbox, channels, alerts, departments, senders, http, json, clock, settings.publicUrl(),
                settings.zone());
    }

    @Bean
    RuleEngine ruleEngine(RuleStore rules, AlertStore alerts, ContextService context, DomainEvents events,
            InstantSource clock, AlertActions actions) {
        return new RuleEngine(rules, alerts, context, events, clock, actions);
    }

    @Bean
    RuleService ruleService(RuleStore store, RuleEngine engine, Departments departments, AuditLog audit,
            InstantSource clock, ContextService context, WarningService warnings, Channels channels) {
        return new RuleService(store, engine, departments, audit, clock, new org.saola.alerts.domain.RuleTrial(context),
                warnings, channels::exists);
    }

    @Bean
    AlertService alertService(AlertStore alerts, Departments departments, DomainEvents events, InstantSource clock,
            AlertActions actions) {
        return new AlertService(alerts, departments, events, clock, actions);
    }

    @Bean
    RulePacks rulePacks(JdbcClient jdbc, RuleService rules, AuditLog audit, InstantSource clock, JsonMapper json) {
        return new RulePacks(jdbc, rules, audit, clock, json);
    }

    @Bean
    VnAqiJob vnAqiJob(ContextService context, RulePacks packs, InstantSource clock, WarningSettings settings) {
        return new VnAqiJob(context, packs, clock, settings.zone());
    }

    @Bean
    PackTimer packTimer(VnAqiJob vnAqi) {
        return new PackTimer(vnAqi);
    }

    /** Runs the packs' computations: VN_AQI on the stations of the tenants that have it on. */
    static class PackTimer {
        private final VnAqiJob vnAqi;

        PackTimer(VnAqiJob vnAqi) {
            this.vnAqi = vnAqi;
        }

        @Scheduled(fixedDelayString = "${saola.alerts.vn-aqi-every:PT5M}", initialDelayString = "${saola.alerts.vn-aqi-every:PT5M}")
        void computeVnAqi() {
            try {
                int written = vnAqi.run();
                if (written > 0) {
                    log.info("Computed {} VN_AQI indices", written);
                }
            } catch (RuntimeException e) {
                log.warn("Computing VN_AQI failed: {}", e.toString());
            }
        }
    }

    @Bean
    RuleTimer ruleTimer(RuleEngine engine, ContextService context, TransactionTemplate transactions, Notifier notifier,
            AlertActions actions, WarningPush push) {
        return new RuleTimer(engine, context, transactions, notifier, actions, push);
    }

    /** Starts the engine once the application is up, and runs its timers and the notifier. */
    static class RuleTimer {
        private final RuleEngine engine;
        private final ContextService context;
        private final TransactionTemplate transactions;
        private final Notifier notifier;
        private final AlertActions actions;
        private final WarningPush push;

        RuleTimer(RuleEngine engine, ContextService context, TransactionTemplate transactions, Notifier notifier,
                AlertActions actions, WarningPush push) {
            this.actions = actions;
            this.push = push;
            this.engine = engine;
            this.context = context;
            this.transactions = transactions;
            this.notifier = notifier;
        }

        @EventListener(ApplicationReadyEvent.class)
        void start() {
            engine.start();
        }

        @Scheduled(fixedDelayString = "${saola.alerts.timer-every:PT15S}", initialDelayString = "${saola.alerts.timer-every:PT15S}")
        void raiseDue() {
            try {
                Integer raised = transactions.execute(s -> engine.raiseDue());
                if (raised != null && raised > 0) {
                    log.debug("Raised {} alerts whose condition held long enough", raised);
                }
                Integer silent = transactions.execute(s -> engine.raiseSilent());
                if (silent != null && silent > 0) {
                    log.info("Raised {} alerts of attributes gone silent", silent);
                }
                Integer escalated = transactions.execute(s -> actions.escalateDue());
                if (escalated != null && escalated > 0) {
                    log.info("Escalated {} alerts nobody acknowledged in time", escalated);
                }
            } catch (RuntimeException e) {
                log.warn("Raising the alerts due failed: {}", e.toString());
            }
        }

        @Scheduled(fixedDelayString = "PT30S", initialDelayString = "PT30S")
        void refreshRules() {
            engine.refreshIfChanged();
        }

        /** Sends the notifications due; each one's result is written as it goes (no transaction spans a send). */
        @Scheduled(fixedDelayString = "${saola.alerts.notify-every:PT2S}", initialDelayString = "${saola.alerts.notify-every:PT2S}")
        void notifyDue() {
            try {
                while (notifier.sendDue() > 0) {
                    // a full batch may have more behind it
                }
            } catch (RuntimeException e) {
                log.warn("Sending alert notifications failed: {}", e.toString());
            }
        }

        /** Pushes warnings to residents' browsers, apart from staff notifications so neither waits for the other. */
        @Scheduled(fixedDelayString = "${saola.alerts.notify-every:PT2S}", initialDelayString = "${saola.alerts.notify-every:PT2S}")
        void pushDue() {
            try {
                while (push.deliverDue() > 0) {
                    // a full batch may have more behind it
                }
            } catch (RuntimeException e) {
                log.warn("Pushing warnings to browsers failed: {}", e.toString());
            }
        }
    }
}
