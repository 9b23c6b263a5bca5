package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.saola.context.Attribute;
import org.saola.context.ContextService;
import org.saola.context.EntityChange;
import org.saola.context.EntityUpdate;
import org.saola.context.feed.ChangeFeed;
import org.saola.platform.TenantId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The change feed (docs/architecture.md): every committed change reaches a consumer once and in commit order,
 * across the writer threads; what a consumer writes commits with its position, so a consumer that fails gets the
 * same changes again and its effects still happen once.
 */
class ChangeFeedTest extends PlatformTest {

    @Autowired
    ContextService context;

    @Autowired
    ChangeFeed feed;

    @Autowired
    JdbcClient jdbc;

    private static EntityUpdate counter(String id, String type, int n) {
        return new EntityUpdate(TenantId.DEFAULT, id, type, Map.of("n",
                Attribute.property(JsonNodeFactory.instance.numberNode(n), Instant.now(), null)));
    }

    @Test
    void everyChangeOnceAndInOrderAcrossWriterThreads() {
        String type = "Counter" + UUID.randomUUID().toString().substring(0, 8);
        String typeIri = context.expand(type);
        String n = context.expand("n");
        List<EntityChange> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        context.consume("order-test-" + type, org.saola.context.FeedWatch.types(java.util.Set.of(type)), changes -> changes.stream()
                .filter(c -> c.entity().type().equals(typeIri)).forEach(seen::add));

        // 40 entities, hashed over both writer threads, each written 50 times in a row by its own client.
        int entities = 40;
        int writes = 50;
        List<CompletableFuture<Void>> clients = new ArrayList<>();
        for (int e = 0; e < entities; e++) {
            String id = "urn:ngsi-ld:" + type + ":" + e;
            clients.add(CompletableFuture.runAsync(() -> {
                for (int i = 1; i <= writes; i++) {
                    context.upsert(counter(id, type, i)).join();
                }
            }));
        }
        clients.forEach(CompletableFuture::join);

        await().atMost(Duration.ofSeconds(30)).until(() -> seen.size() >= entities * writes);
        assertThat(seen).hasSize(entities * writes);
        long previous = 0;
        Map<String, Integer> last = new java.util.HashMap<>();
        for (EntityChange c : seen) {
            assertThat(c.position()).as("positions never go back").isGreaterThanOrEqualTo(previous);
            previous = c.position();
            int value = c.entity().attributes().get(n).get("value").asInt();
            int expected = last.getOrDefault(c.entity().id(), 0) + 1;
            assertThat(value).as("the changes of %s in the order they were made", c.entity().id()).isEqualTo(expected);
            assertThat(c.written()).containsExactly(n);
            assertThat(c.created()).isEqualTo(expected == 1);
            last.put(c.entity().id(), value);
        }
    }

    @Test
    void aConsumerThatFailsGetsTheSameChangesAgainAndItsEffectsHappenOnce() {
        String type = "Gauge" + UUID.randomUUID().toString().substring(0, 8);
        String typeIri = context.expand(type);
        String table = "feed_test_" + type.toLowerCase();
        jdbc.sql("CREATE TABLE " + table + " (entity text, n int)").update();
        AtomicBoolean failedOnce = new AtomicBoolean();
        java.util.concurrent.atomic.AtomicLong lastPosition = new java.util.concurrent.atomic.AtomicLong();
        String name = "effects-test-" + type;
        context.consume(name, org.saola.context.FeedWatch.types(java.util.Set.of(type)), changes -> {
            for (EntityChange c : changes) {
                if (c.entity().type().equals(typeIri)) {
                    lastPosition.accumulateAndGet(c.position(), Math::max);
                    jdbc.sql("INSERT INTO " + table + " VALUES (?, ?)")
                            .params(c.entity().id(), c.entity().attributes().get(context.expand("n")).get("value").asInt())
                            .update();
                    if (failedOnce.compareAndSet(false, true)) {
                        throw new IllegalStateException("a consumer failing halfway through a batch");
                    }
                }
            }
        });

        for (int i = 1; i <= 5; i++) {
            context.upsert(counter("urn:ngsi-ld:" + type + ":a", type, i)).join();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("SELECT count(*) FROM " + table)
                .query(Long.class).single() == 5);
        await().atMost(Duration.ofSeconds(10)).until(() -> feed.position(name).orElseThrow() >= lastPosition.get());
        assertThat(failedOnce).isTrue();
        assertThat(jdbc.sql("SELECT n FROM " + table + " ORDER BY n").query(Integer.class).list())
                .as("the failed batch's insert rolled back with it; the retry inserted each once")
                .containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void aPositionTakenByAWriterThatNeverCommittedLeavesAGapThatIsNotTheHead() {
        String type = "Meter" + UUID.randomUUID().toString().substring(0, 8);
        String name = "gap-test-" + type;
        context.consume(name, org.saola.context.FeedWatch.types(java.util.Set.of(type)), changes -> { });
        context.upsert(counter("urn:ngsi-ld:" + type + ":a", type, 1)).join();
        // A writer killed between taking its position and committing, or a crash (after which PostgreSQL resumes
        // a sequence up to 32 values ahead): positions that no group commit will ever hold.
        jdbc.sql("SELECT nextval('context_change_position') FROM generate_series(1, 40)").query(Long.class).list();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var position = context.feedPosition(name);
            assertThat(position.position()).as("a consumer that has read everything is at the head")
                    .isEqualTo(position.head());
        });
        context.upsert(counter("urn:ngsi-ld:" + type + ":a", type, 2)).join();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var position = context.feedPosition(name);
            assertThat(position.position()).as("the next commit is read past the gap").isEqualTo(position.head());
            assertThat(position.head()).isGreaterThan(40);
        });
    }
}
