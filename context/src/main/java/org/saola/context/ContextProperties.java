package org.saola.context;

import org.springframework.boot.context.properties.ConfigurationProperties;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Tuning of the context store.
 *
 * @param writerBuckets writer threads; one entity's changes always go to the same one, keeping their order
 * @param writerQueueCapacity changes waiting per bucket before new ones are refused (push back)
 * @param writerMaxBatch changes committed together in one transaction at most
 * @param maxPageSize the largest {@code limit} a query may ask for (NGSI-LD 1.8.1 §5.5.9 TooManyResults above)
 * @param remoteContexts whether @contexts Saola does not bundle are fetched from their URL
 * @param remoteContextTimeout how long fetching one may take
 * @param remoteContextCache how long a fetched @context is reused before it is fetched again
 * @param latestStateCache entities whose latest state the writers keep in memory (their readings then cost no
 *                         read and no row lock; 0 keeps none)
 * @param changeFeedBatch group commits a change-feed consumer is given at most in one transaction
 * @param changeFeedPoll how often a consumer looks for changes committed by another node (this node's own
 *                       commits wake it at once)
 * @param changeFeedAbandonAfter a consumer that has not advanced for this long (one no longer deployed) stops
 *                               holding back the pruning of the feed
 * @param historyCompactAfter attribute history is compacted into compressed blocks, one per attribute and UTC day,
 *                            once the day ended this long ago (recent history stays a row per instance)
 * @param historyCompactionInterval how often the compaction looks for days to compact
 * @param historyRetention raw history of some entity types (in one tenant or all) kept a shorter time than all
 *                         readings are ({@code saola.retention.periods.readings}), each day's summaries kept or not
 * @param leanWrites whether plain partial updates and creations by API key are answered before the framework's filter
 *                   chain and Spring MVC ({@code LeanWrites}); off, every request takes the full path
 * @param maxAggregates the most periods (per entity and attribute) one temporal aggregation may answer: more is
 *                      refused with 403 TooManyResults before it fills the memory (a year of one-minute readings of
 *                      100 entities by {@code PT1M} would be 52 million)
 */
@ConfigurationProperties("saola.context")
@Validated
public record ContextProperties(
        @DefaultValue("2") @Min(1) @Max(64) int writerBuckets,
        @DefaultValue("10000") @Min(1) int writerQueueCapacity,
        @DefaultValue("500") @Min(1) int writerMaxBatch,
        @DefaultValue("1000") @Min(1) int maxPageSize,
        @DefaultValue("true") boolean remoteContexts,
        @DefaultValue("5s") @DurationMin(millis = 1) java.time.Duration remoteContextTimeout,
        @DefaultValue("1h") @DurationMin(seconds = 1) java.time.Duration remoteContextCache,
        @DefaultValue("20000") @Min(0) int latestStateCache,
        @DefaultValue("20") @Min(1) int changeFeedBatch,
        @DefaultValue("1s") @DurationMin(millis = 10) java.time.Duration changeFeedPoll,
        @DefaultValue("1d") @DurationMin(minutes = 1) java.time.Duration changeFeedAbandonAfter,
        @DefaultValue("7d") @DurationMin(hours = 1) java.time.Duration historyCompactAfter,
        @DefaultValue("10m") @DurationMin(seconds = 1) java.time.Duration historyCompactionInterval,
        @DefaultValue java.util.List<HistoryRetention> historyRetention,
        @DefaultValue("true") boolean leanWrites,
        @DefaultValue("200000") @Min(1) int maxAggregates) {

    /** What stays of a day of raw history once retention dropped its instances. */
    public enum Keep {
        /** the day's summaries per attribute (count, sum, minimum, maximum, deviations): aggregations still answer */
        summaries,
        /** nothing */
        nothing
    }

    /**
     * Raw history of the entities of one type kept for {@code raw} only (issue #17, item 5).
     *
     * @param tenant the tenant whose entities it concerns; empty: every tenant's
     * @param type the entities' type, as an expanded IRI
     *             ({@code https://uri.etsi.org/ngsi-ld/default-context/AirQualityObserved})
     * @param raw how long each instance of their attributes' history is kept (whole UTC days)
     * @param keep what stays of a day once its instances are dropped
     */
    public record HistoryRetention(@DefaultValue("") String tenant, String type, java.time.Duration raw,
            @DefaultValue("summaries") Keep keep) {
        public HistoryRetention {
            if (type == null || !type.matches("[A-Za-z][A-Za-z0-9+.-]*:\\S+")) {
                throw new IllegalArgumentException("saola.context.history-retention: type must be an expanded IRI"
                        + " (https://…/AirQualityObserved), not '" + type + "'");
            }
            if (raw == null || raw.compareTo(java.time.Duration.ofDays(1)) < 0) {
                throw new IllegalArgumentException("saola.context.history-retention of " + type
                        + ": raw must be one day or more, not " + raw);
            }
        }
    }
}
