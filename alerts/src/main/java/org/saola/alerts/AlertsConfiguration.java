package org.saola.alerts;

import java.time.InstantSource;
import org.saola.alerts.domain.AlertService;
import org.saola.alerts.domain.RuleEngine;
import org.saola.alerts.domain.RuleService;
import org.saola.alerts.store.AlertStore;
import org.saola.alerts.store.RuleStore;
import org.saola.context.ContextService;
import org.saola.platform.audit.AuditLog;
import org.saola.platform.events.DomainEvents;
import org.saola.platform.security.Departments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The alerts module: the rule engine reads the context's change feed (as {@code alerts-rules}); a timer
 * raises the alerts whose condition has held long enough and picks up rules changed on another node.
 */
@Configuration(proxyBeanMethods = false)
public class AlertsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AlertsConfiguration.class);

    @Bean
    RuleEngine ruleEngine(RuleStore rules, AlertStore alerts, ContextService context, DomainEvents events,
            InstantSource clock) {
        return new RuleEngine(rules, alerts, context, events, clock);
    }

    @Bean
    RuleService ruleService(RuleStore store, RuleEngine engine, Departments departments, AuditLog audit,
            InstantSource clock, ContextService context) {
        return new RuleService(store, engine, departments, audit, clock, new org.saola.alerts.domain.RuleTrial(context));
    }

    @Bean
    AlertService alertService(AlertStore alerts, Departments departments, DomainEvents events, InstantSource clock) {
        return new AlertService(alerts, departments, events, clock);
    }

    @Bean
    RuleTimer ruleTimer(RuleEngine engine, ContextService context, TransactionTemplate transactions) {
        return new RuleTimer(engine, context, transactions);
    }

    /** Starts the engine once the application is up, and runs its timers. */
    static class RuleTimer {
        private final RuleEngine engine;
        private final ContextService context;
        private final TransactionTemplate transactions;

        RuleTimer(RuleEngine engine, ContextService context, TransactionTemplate transactions) {
            this.engine = engine;
            this.context = context;
            this.transactions = transactions;
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
            } catch (RuntimeException e) {
                log.warn("Raising the alerts due failed: {}", e.toString());
            }
        }

        @Scheduled(fixedDelayString = "PT30S", initialDelayString = "PT30S")
        void refreshRules() {
            engine.refreshIfChanged();
        }
    }
}
