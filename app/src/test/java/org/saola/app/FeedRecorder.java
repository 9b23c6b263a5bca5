package org.saola.app;

import org.saola.context.ContextService;
import org.saola.context.EntityChange;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A change-feed consumer for {@link ChangeFeedKillTest}, in the Saola processes that test starts (with
 * {@code saola.test.feed-recorder=true}): it records the value of {@code n} of every change of a {@code Tally}
 * entity, in the order the feed gives them, in the transaction that moves its position.
 */
@TestConfiguration(proxyBeanMethods = false)
@ConditionalOnProperty("saola.test.feed-recorder")
public class FeedRecorder {

    static final String NAME = "test-feed-recorder";

    @Bean
    ApplicationRunner tallyRecorder(ContextService context, JdbcClient jdbc) {
        return args -> {
            jdbc.sql("CREATE TABLE IF NOT EXISTS test_feed_record (seq bigserial PRIMARY KEY, position bigint, entity text, n int)")
                    .update();
            String tally = context.expand("Tally");
            String n = context.expand("n");
            context.consume(NAME, org.saola.context.FeedWatch.types(java.util.Set.of("Tally")), changes -> {
                for (EntityChange c : changes) {
                    if (c.entity().type().equals(tally) && c.entity().attributes().has(n)) {
                        jdbc.sql("INSERT INTO test_feed_record (position, entity, n) VALUES (?, ?, ?)")
                                .params(c.position(), c.entity().id(), c.entity().attributes().get(n).get("value").asInt())
                                .update();
                    }
                }
            });
        };
    }
}
