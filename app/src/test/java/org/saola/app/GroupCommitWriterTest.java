package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.saola.context.store.Effect;
import org.saola.context.store.EntityRow;
import org.saola.context.store.EntityStore;
import org.saola.context.store.GroupCommitWriter;
import org.saola.context.store.Mutation;
import org.saola.platform.ConflictException;
import org.saola.platform.TenantId;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The group-commit writer on its own (issue #17), over the application's store and database: what one queue
 * drained commits in one transaction; a change its mutation refuses, or the database refuses, fails alone while
 * the rest of its batch commits; and one entity's changes are applied in the order each caller submitted them,
 * each to the state the one before left, however many callers write at once. Each test runs a writer of its own,
 * so that it can hold a batch open while the next one fills.
 */
class GroupCommitWriterTest extends PlatformTest {

    private static final String VOCAB = "https://uri.etsi.org/ngsi-ld/default-context/";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Autowired
    EntityStore store;

    @Autowired
    InstantSource clock;

    private final String type = "GroupCommitProbe" + UUID.randomUUID().toString().substring(0, 8);

    private String id(Object n) {
        return "urn:ngsi-ld:" + type + ":" + n;
    }

    private static ObjectNode property(Object value) {
        ObjectNode p = NODES.objectNode().put("type", "Property");
        if (value instanceof Integer i) {
            p.put("value", i);
        } else {
            p.put("value", String.valueOf(value));
        }
        return p;
    }

    /** Creates the entity with one attribute, or refuses (as a real create does) if it exists. */
    private Mutation create(String id, Object value) {
        return (current, now) -> {
            if (current.isPresent()) {
                throw new ConflictException("exists: " + id);
            }
            ObjectNode attributes = NODES.objectNode().set(VOCAB + "level", property(value));
            return new Effect.Write(new EntityRow(id, List.of(VOCAB + type), attributes, now, now, List.of()),
                    attributes.deepCopy(), "created");
        };
    }

    @Test
    void aChangeRefusedByItsMutationOrByTheDatabaseFailsAloneAndTheRestOfItsBatchCommits() throws Exception {
        try (Writer w = new Writer(1)) {
            // The first change holds the writer, so everything submitted meanwhile is drained as one batch.
            CountDownLatch hold = new CountDownLatch(1);
            CompletableFuture<Object> first = held(w, id("first"), hold);
            List<CompletableFuture<Object>> good = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                good.add(w.writer.submit(TenantId.DEFAULT, id(i), create(id(i), i)));
            }
            CompletableFuture<Object> refused = w.writer.submit(TenantId.DEFAULT, id("first"), create(id("first"), 9));
            // A text PostgreSQL cannot hold (a NUL character): the group's statements fail, not the mutation.
            CompletableFuture<Object> poisoned = w.writer.submit(TenantId.DEFAULT, id("nul"), create(id("nul"), "a\u0000b"));
            for (int i = 5; i < 10; i++) {
                good.add(w.writer.submit(TenantId.DEFAULT, id(i), create(id(i), i)));
            }
            hold.countDown();

            assertThat(first.get(20, TimeUnit.SECONDS)).isEqualTo("created");
            for (CompletableFuture<Object> f : good) {
                assertThat(f.get(20, TimeUnit.SECONDS)).isEqualTo("created");
            }
            assertThat(cause(refused)).isInstanceOf(ConflictException.class).hasMessageContaining("exists");
            assertThat(cause(poisoned)).isInstanceOf(java.sql.SQLException.class);
            for (int i = 0; i < 10; i++) {
                assertThat(store.find(TenantId.DEFAULT, id(i))).as(id(i)).isPresent().get()
                        .satisfies(e -> assertThat(e.attributes().at("/" + jsonPointer(VOCAB + "level") + "/value").asInt())
                                .isEqualTo(Integer.parseInt(e.id().substring(e.id().lastIndexOf(':') + 1))));
            }
            assertThat(store.find(TenantId.DEFAULT, id("nul"))).isEmpty();
            assertThat(store.find(TenantId.DEFAULT, id("first")).orElseThrow().attributes()
                    .at("/" + jsonPointer(VOCAB + "level") + "/value").asInt()).isZero();
        }
    }

    @Test
    void whatOneQueueDrainsIsCommittedInOneTransaction() throws Exception {
        try (Writer w = new Writer(1)) {
            CountDownLatch hold = new CountDownLatch(1);
            CompletableFuture<Object> first = held(w, id("holder"), hold);
            List<CompletableFuture<Object>> rest = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                rest.add(w.writer.submit(TenantId.DEFAULT, id("b" + i), create(id("b" + i), i)));
            }
            hold.countDown();
            first.get(20, TimeUnit.SECONDS);
            for (CompletableFuture<Object> f : rest) {
                f.get(20, TimeUnit.SECONDS);
            }
            // The held change's commit, then one for the 50 queued behind it. The writer completes a batch's
            // futures before it calls the commit listeners, so the count is read by a change submitted after them:
            // its mutation runs on the writer's thread once the previous batch's listeners have run.
            AtomicInteger before = new AtomicInteger(-1);
            w.writer.submit(TenantId.DEFAULT, id("after"), (current, now) -> {
                before.set(w.commits.get());
                return create(id("after"), 0).apply(current, now);
            }).get(20, TimeUnit.SECONDS);
            assertThat(before.get()).isEqualTo(2);
        }
    }

    @Test
    void oneEntitysChangesAreAppliedInOrderEachToTheStateTheOneBeforeLeftUnderConcurrentCallers() throws Exception {
        int callers = 8;
        int each = 150;
        String[] entities = {id("x"), id("y"), id("z")};
        try (Writer w = new Writer(4); ExecutorService pool = Executors.newFixedThreadPool(callers)) {
            List<java.util.concurrent.Future<List<CompletableFuture<Object>>>> submitted = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                String caller = VOCAB + "caller" + c;
                submitted.add(pool.submit(() -> {
                    List<CompletableFuture<Object>> futures = new ArrayList<>();
                    for (int n = 0; n < each; n++) {
                        String entity = entities[n % entities.length];
                        futures.add(w.writer.submit(TenantId.DEFAULT, entity, step(entity, caller, n)));
                    }
                    return futures;
                }));
            }
            for (var s : submitted) {
                for (CompletableFuture<Object> f : s.get(60, TimeUnit.SECONDS)) {
                    assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo("stepped");
                }
            }
            // No step lost or applied twice: each entity's counter is the number of steps sent to it.
            int total = 0;
            for (String entity : entities) {
                int counter = store.find(TenantId.DEFAULT, entity).orElseThrow().attributes()
                        .at("/" + jsonPointer(VOCAB + "counter") + "/value").asInt();
                total += counter;
            }
            assertThat(total).isEqualTo(callers * each);
            assertThat(w.commits.get()).as("batches shared commits").isLessThan(callers * each);
        }
    }

    /** Submits the creation of {@code id}, which holds the writer until released; returns once it holds it. */
    private CompletableFuture<Object> held(Writer w, String id, CountDownLatch release) throws InterruptedException {
        CountDownLatch holding = new CountDownLatch(1);
        CompletableFuture<Object> future = w.writer.submit(TenantId.DEFAULT, id, (current, now) -> {
            holding.countDown();
            await(release);
            return create(id, 0).apply(current, now);
        });
        assertThat(holding.await(20, TimeUnit.SECONDS)).as("the writer took the first change").isTrue();
        return future;
    }

    /**
     * One caller's n-th change of an entity: counts one more and records n as that caller's last step, refusing
     * if the caller's step before it on this entity is not the one the entity holds (a change applied out of order).
     */
    private Mutation step(String entity, String caller, int n) {
        return (current, now) -> {
            ObjectNode attributes = current.map(r -> r.attributes().deepCopy()).orElseGet(NODES::objectNode);
            int previous = attributes.has(caller) ? attributes.get(caller).get("value").asInt() : -1;
            int expected = n - 3 < 0 ? -1 : n - 3;      // the caller's steps on this entity are n % 3 apart
            if (previous != expected) {
                throw new ConflictException(caller + " step " + n + " found " + previous + " before it");
            }
            int counter = attributes.has(VOCAB + "counter") ? attributes.get(VOCAB + "counter").get("value").asInt() : 0;
            attributes.set(VOCAB + "counter", property(counter + 1));
            attributes.set(caller, property(n));
            EntityRow row = current.map(r -> r.with(attributes, now))
                    .orElseGet(() -> new EntityRow(entity, List.of(VOCAB + type), attributes, now, now, List.of()));
            ObjectNode history = NODES.objectNode();
            history.set(VOCAB + "counter", attributes.get(VOCAB + "counter").deepCopy());
            return new Effect.Write(row, history, "stepped");
        };
    }

    private static String jsonPointer(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private static Throwable cause(CompletableFuture<Object> future) throws InterruptedException {
        try {
            future.get(20, TimeUnit.SECONDS);
            throw new AssertionError("the change was accepted");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the change was never answered", e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A writer of its own over the application's store, counting its commits. */
    private final class Writer implements AutoCloseable {
        final GroupCommitWriter writer;
        final AtomicInteger commits = new AtomicInteger();

        Writer(int buckets) {
            writer = new GroupCommitWriter(store, clock, buckets, 10_000, 500);
            writer.onCommitted(commits::incrementAndGet);
        }

        @Override
        public void close() throws InterruptedException {
            writer.close();
        }
    }
}
