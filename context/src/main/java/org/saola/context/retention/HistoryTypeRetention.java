package org.saola.context.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.saola.context.ContextProperties;
import org.saola.platform.retention.RetentionRule;
import org.saola.platform.retention.RetentionRules;
import org.springframework.stereotype.Component;

/**
 * Raw history of some entity types kept a shorter time than all readings (issue #17, item 5;
 * {@code saola.context.history-retention}): for each configured type (in one tenant or all), a retention category
 * {@code readings:<tenant or *>:<type IRI>} that drops the instances of its entities' attributes older than its
 * {@code raw} period, and keeps, if so configured, each UTC day's summaries so that temporal aggregations over
 * those days still answer.
 */
@Component
class HistoryTypeRetention implements RetentionRules {

    private final List<RetentionRule> rules;

    HistoryTypeRetention(ContextProperties properties, HistoryCut cut) {
        this.rules = properties.historyRetention().stream().map(r -> (RetentionRule) new Rule(r, cut)).toList();
    }

    @Override
    public List<RetentionRule> rules() {
        return rules;
    }

    private record Rule(ContextProperties.HistoryRetention config, HistoryCut cut) implements RetentionRule {

        @Override
        public String category() {
            return "readings:" + (config.tenant().isEmpty() ? "*" : config.tenant()) + ":" + config.type();
        }

        @Override
        public String description() {
            String whose = "raw readings of entities of type " + config.type()
                    + (config.tenant().isEmpty() ? "" : " in tenant " + config.tenant());
            return config.keep() == ContextProperties.Keep.summaries
                    ? whose + ", by UTC day; each day's summaries stay for temporal aggregations"
                    : whose + ", by time of observation";
        }

        @Override
        public Duration defaultPeriod() {
            return config.raw();
        }

        @Override
        public long apply(Instant cutoff) {
            HistoryCut.Series series = HistoryCut.Series.ofType(config.tenant().isEmpty() ? null : config.tenant(), config.type());
            return config.keep() == ContextProperties.Keep.summaries ? cut.summarize(cutoff, series) : cut.drop(cutoff, series);
        }
    }
}
