package org.saola.context.feed;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.saola.context.ChangeConsumer;
import org.saola.context.ContextProperties;
import org.saola.context.EntityChange;
import org.saola.context.FeedWatch;
import org.saola.context.store.ChangeFeedStore;
import org.saola.context.store.GroupCommitWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the change feed's consumers: one thread each, woken by this node's group commits and polling for other
 * nodes', handing each consumer the changes after its position inside the transaction that moves the position
 * (so its effects happen once). Writers never wait for it: a slow or failing consumer only falls behind, and
 * the feed keeps what it has not read yet.
 */
public class ChangeFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);
    /** An idle consumer touches its row this often, so pruning knows it is alive. */
    private static final Duration IDLE_TOUCH = Duration.ofMinutes(10);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final ChangeFeedStore store;
    private final TransactionTemplate transactions;
    private final InstantSource clock;
    private final ContextProperties properties;
    private final Map<String, Thread> consumers = new ConcurrentHashMap<>();
    private final Map<String, FeedWatch> watches = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition committed = lock.newCondition();
    private long commits;
    private volatile long lastRecorded;
    private volatile boolean running = true;

    public ChangeFeed(ChangeFeedStore store, TransactionTemplate transactions, InstantSource clock,
            ContextProperties properties, GroupCommitWriter writer) {
        this.store = store;
        // Its own transactions always: a consumer registered or re-aimed from another transaction's after-commit
        // callback (the rule engine reloading after a rule is saved) must not join that finished transaction.
        this.transactions = new TransactionTemplate(transactions.getTransactionManager());
        this.transactions.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.properties = properties;
        writer.onCommitted(() -> {
            long recorded = store.appended();
            if (recorded != lastRecorded) {            // a commit that recorded nothing wakes no one
                lastRecorded = recorded;
                wake();
            }
        });
    }

    private void wake() {
        lock.lock();
        try {
            commits++;
            committed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Starts giving {@code consumer} every change of the entities it watches (types expanded) committed from now
     * on (from its recorded position, if it has consumed under this name before). Names are unique per node and
     * stable across releases.
     */
    public void consume(String name, FeedWatch watch, ChangeConsumer consumer) {
        watches.put(name, watch);
        transactions.executeWithoutResult(s -> store.register(name, store.head(), types(watch), clock.instant()));
        refreshInterest();
        Thread thread = Thread.ofVirtual().name("change-feed-" + name).unstarted(() -> run(name, consumer));
        if (consumers.putIfAbsent(name, thread) != null) {
            throw new IllegalStateException("a change-feed consumer named " + name + " is running already");
        }
        thread.start();
    }

    /** Changes what a consumer watches; this node's writers record newly watched types at once, others' soon. */
    public void watch(String name, FeedWatch watch) {
        watches.put(name, watch);
        transactions.executeWithoutResult(s -> store.watch(name, types(watch), clock.instant()));
        refreshInterest();
    }

    private static java.util.Set<String> types(FeedWatch watch) {
        return watch.everything() ? null : watch.types();
    }

    /** Reads again what the live consumers of every node watch (writers record only their changes). */
    @Scheduled(fixedDelayString = "PT2S", initialDelayString = "PT2S")
    public void refreshInterest() {
        store.refreshInterest(clock.instant().minus(properties.changeFeedAbandonAfter()));
    }

    /** The consumer's position and the feed's head. */
    public org.saola.context.FeedPosition feedPosition(String name) {
        return new org.saola.context.FeedPosition(store.position(name).orElse(0L), store.lastPosition());
    }

    /** The consumer's position: the last group commit it has been given, for tests and monitoring. */
    public Optional<Long> position(String name) {
        return store.position(name);
    }

    private void run(String name, ChangeConsumer consumer) {
        Duration backoff = Duration.ofSeconds(1);
        Instant touched = clock.instant();
        while (running) {
            long seen = commitsSeen();
            try {
                Step step = step(name, consumer, touched);
                backoff = Duration.ofSeconds(1);
                if (step == Step.ADVANCED || step == Step.TOUCHED) {
                    touched = clock.instant();
                }
                if (step != Step.ADVANCED) {
                    awaitCommit(seen, properties.changeFeedPoll());
                }
            } catch (RuntimeException e) {
                log.warn("Change-feed consumer {} failed; it retries the same changes in {} s: {}", name,
                        backoff.toSeconds(), e.toString());
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private enum Step { ADVANCED, IDLE, TOUCHED, LEASED_ELSEWHERE }

    private Step step(String name, ChangeConsumer consumer, Instant touched) {
        return transactions.execute(status -> {
            Optional<Long> position = store.lease(name);
            if (position.isEmpty()) {
                return Step.LEASED_ELSEWHERE;
            }
            List<EntityChange> changes = store.read(position.get(), properties.changeFeedBatch());
            Instant now = clock.instant();
            if (changes.isEmpty()) {
                if (Duration.between(touched, now).compareTo(IDLE_TOUCH) > 0) {
                    store.advance(name, position.get(), now);
                    return Step.TOUCHED;
                }
                return Step.IDLE;
            }
            FeedWatch watch = watches.get(name);
            List<EntityChange> watched = watch.everything() ? changes : changes.stream()
                    .filter(c -> c.entity().types().stream().anyMatch(watch.types()::contains)).toList();
            try {
                if (!watched.isEmpty()) {
                    consumer.accept(watched);
                }
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            store.advance(name, changes.getLast().position(), now);
            return Step.ADVANCED;
        });
    }

    private long commitsSeen() {
        lock.lock();
        try {
            return commits;
        } finally {
            lock.unlock();
        }
    }

    private void awaitCommit(long seen, Duration timeout) {
        lock.lock();
        try {
            long nanos = timeout.toNanos();
            while (running && commits == seen && nanos > 0) {
                nanos = committed.awaitNanos(nanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Deletes what every live consumer has read; one node at a time. */
    @Scheduled(fixedDelayString = "PT10S", initialDelayString = "PT10S")
    public void prune() {
        Instant activeSince = clock.instant().minus(properties.changeFeedAbandonAfter());
        Integer deleted = transactions.execute(s -> store.prune(activeSince));
        if (deleted != null && deleted > 0) {
            log.debug("Pruned {} group commits from the change feed", deleted);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        wake();
        for (Thread t : consumers.values()) {
            t.interrupt();
            t.join(TimeUnit.SECONDS.toMillis(10));
        }
    }
}
