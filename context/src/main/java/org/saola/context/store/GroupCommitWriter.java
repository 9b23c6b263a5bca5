package org.saola.context.store;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.saola.context.ContextOverloadedException;
import org.saola.platform.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: changes are hashed by entity id to a bucket; one writer thread per bucket drains its queue
 * and commits everything drained in one transaction, then completes each change's future. So one entity's
 * changes keep their order, no lock is held across I/O, and many readings share one commit
 * (the pattern of HiveMQ's InMemoryProducerQueues). A full queue refuses at once: the caller pushes back
 * on its source instead of acknowledging what it cannot store.
 */
public final class GroupCommitWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);

    private record Pending(EntityStore.Job job, CompletableFuture<Object> done) {
    }

    private final EntityStore store;
    private final InstantSource clock;
    private final List<BlockingQueue<Pending>> queues = new ArrayList<>();
    private final List<Thread> writers = new ArrayList<>();
    private final int maxBatch;
    private volatile boolean running = true;
    private final List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public GroupCommitWriter(EntityStore store, InstantSource clock, int buckets, int queueCapacity, int maxBatch) {
        this.store = store;
        this.clock = clock;
        this.maxBatch = maxBatch;
        for (int i = 0; i < buckets; i++) {
            BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(queueCapacity);
            queues.add(queue);
            Thread t = Thread.ofPlatform().name("context-writer-" + i).daemon(true).unstarted(() -> drain(queue));
            writers.add(t);
            t.start();
        }
    }

    /**
     * Called on the writer's thread after each group commit (the change feed's wake-up call). It must not block.
     */
    public void onCommitted(Runnable listener) {
        listeners.add(listener);
    }

    /**
     * Queues a mutation of one entity. The future completes with the mutation's result once it is committed,
     * or exceptionally with the exception by which it refused, or with the database error.
     */
    public CompletableFuture<Object> submit(TenantId tenant, String entityId, Mutation mutation) {
        CompletableFuture<Object> done = new CompletableFuture<>();
        if (!running) {
            done.completeExceptionally(new ContextOverloadedException("the context writer is shutting down"));
            return done;
        }
        int bucket = Math.floorMod(entityId.hashCode(), queues.size());
        if (!queues.get(bucket).offer(new Pending(new EntityStore.Job(tenant, entityId, mutation), done))) {
            done.completeExceptionally(new ContextOverloadedException("the context writer queue is full; retry later"));
        }
        return done;
    }

    private void drain(BlockingQueue<Pending> queue) {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Pending> batch) {
        try {
            List<EntityStore.JobOutcome> outcomes = store.run(batch.stream().map(Pending::job).toList(), clock.instant());
            for (int i = 0; i < batch.size(); i++) {
                EntityStore.JobOutcome o = outcomes.get(i);
                if (o.refusal() != null) {
                    batch.get(i).done().completeExceptionally(o.refusal());
                } else {
                    batch.get(i).done().complete(o.result());
                }
            }
            for (Runnable listener : listeners) {
                try {
                    listener.run();
                } catch (RuntimeException e) {
                    log.warn("A commit listener failed: {}", e.toString());
                }
            }
        } catch (Exception batchFailure) {
            if (batch.size() == 1) {
                log.warn("Could not store a change of entity {}: {}", batch.getFirst().job().entityId(),
                        batchFailure.toString());
                batch.getFirst().done().completeExceptionally(batchFailure);
                return;
            }
            // One poisoned change must not spoil the batch: retry each alone, so only it fails.
            for (Pending p : batch) {
                commit(new ArrayList<>(List.of(p)));
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : writers) {
            t.join(10_000);
        }
    }
}
