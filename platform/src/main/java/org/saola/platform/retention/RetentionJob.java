package org.saola.platform.retention;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Enforces every category's retention period, hourly: each rule is claimed by one node for a while (so several
 * nodes share the work and none runs a rule twice at once), applied, and its run recorded with how much it
 * removed ({@code retention_run}, shown by {@code GET /api/v1/retention}) and logged. A period of zero keeps a
 * category for ever.
 */
@Component
@EnableConfigurationProperties(RetentionJob.Properties.class)
public class RetentionJob {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    /** @param periods how long each category is kept (zero: for ever), over the rules' defaults */
    @ConfigurationProperties("saola.retention")
    public record Properties(@DefaultValue Map<String, Duration> periods) {
        public Properties {
            periods.forEach((category, period) -> {
                if (period.isNegative()) {
                    throw new IllegalArgumentException("saola.retention.periods." + category + " must not be negative");
                }
            });
        }
    }

    /** A category, its period, and its last run if any. */
    public record Category(String category, String description, Duration period, Optional<Run> lastRun) {
    }

    /** One run of a rule: when, what it removed was older than, how much. */
    public record Run(Instant at, Instant cutoff, long removed) {
    }

    private final List<RetentionRule> rules;
    private final Properties properties;
    private final JdbcClient jdbc;
    private final InstantSource clock;

    public RetentionJob(List<RetentionRule> rules, ObjectProvider<RetentionRules> ruleSources,
            Properties properties, JdbcClient jdbc, InstantSource clock) {
        List<RetentionRule> sorted = new ArrayList<>(rules);
        ruleSources.orderedStream().forEach(source -> sorted.addAll(source.rules()));
        sorted.sort(Comparator.comparing(RetentionRule::category));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).category().equals(sorted.get(i - 1).category())) {
                throw new IllegalArgumentException("two retention rules for '" + sorted.get(i).category() + "'");
            }
        }
        this.rules = List.copyOf(sorted);
        this.properties = properties;
        this.jdbc = jdbc;
        this.clock = clock;
        for (String configured : properties.periods().keySet()) {
            if (this.rules.stream().noneMatch(r -> r.category().equals(configured))) {
                throw new IllegalArgumentException("saola.retention.periods." + configured + ": no such category; there are "
                        + this.rules.stream().map(RetentionRule::category).toList());
            }
        }
    }

    public Duration period(RetentionRule rule) {
        return properties.periods().getOrDefault(rule.category(), rule.defaultPeriod());
    }

    @Scheduled(fixedDelayString = "${saola.retention.every:PT1H}", initialDelayString = "${saola.retention.first-after:PT10M}")
    void scheduled() {
        applyAll(clock.instant());
    }

    /** Applies every rule this node can claim, as of {@code now}; how much each removed. */
    public Map<String, Long> applyAll(Instant now) {
        Map<String, Long> removed = new java.util.LinkedHashMap<>();
        for (RetentionRule rule : rules) {
            try {
                apply(rule.category(), now).ifPresent(n -> removed.put(rule.category(), n));
            } catch (RuntimeException e) {
                // One category failing (its table locked, say) must not keep the others from being applied.
                log.warn("Retention {} failed; it is tried again at the next run: {}", rule.category(), e.toString());
            }
        }
        return removed;
    }

    /** Applies one category's rule as of {@code now}, unless another node holds it or its period is zero. */
    public Optional<Long> apply(String category, Instant now) {
        RetentionRule rule = rules.stream().filter(r -> r.category().equals(category)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no retention category '" + category + "'"));
        Duration period = period(rule);
        if (period.isZero()) {
            return Optional.empty();
        }
        jdbc.sql("INSERT INTO retention_lease (category, until) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(category, Timestamp.from(Instant.EPOCH)).update();
        Instant held = clock.instant();
        Timestamp until = Timestamp.from(held.plus(Duration.ofHours(6)));
        boolean mine = jdbc.sql("UPDATE retention_lease SET until = ? WHERE category = ? AND until < ?")
                .params(until, category, Timestamp.from(held)).update() == 1;
        if (!mine) {
            return Optional.empty();
        }
        Instant cutoff = now.minus(period);
        try {
            long n = rule.apply(cutoff);
            jdbc.sql("INSERT INTO retention_run (category, at, cutoff, removed) VALUES (?, ?, ?, ?)")
                    .params(category, Timestamp.from(clock.instant()), Timestamp.from(cutoff), n).update();
            if (n > 0) {
                log.info("Retention {}: removed {} older than {} ({} kept)", category, n, cutoff, period);
            }
            return Optional.of(n);
        } finally {
            // Released only if still this run's (a run longer than the lease may have lost it to another node).
            jdbc.sql("UPDATE retention_lease SET until = ? WHERE category = ? AND until = ?")
                    .params(Timestamp.from(Instant.EPOCH), category, until).update();
        }
    }

    /** Every category with its period and last run. */
    public List<Category> categories() {
        return rules.stream().map(r -> new Category(r.category(), r.description(), period(r), jdbc.sql("""
                SELECT at, cutoff, removed FROM retention_run WHERE category = ? ORDER BY at DESC LIMIT 1""").param(r.category())
                .query((rs, i) -> new Run(rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant(), rs.getLong(3))).optional())).toList();
    }
}
