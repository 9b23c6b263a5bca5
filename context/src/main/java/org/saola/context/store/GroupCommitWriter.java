package org.saola.context.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.saola.context.ContextOverloadedException;
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

    private record Pending(EntityStore.Change change, CompletableFuture<Void> done) {
    }

    private final EntityStore store;
    private final List<BlockingQueue<Pending>> queues = new ArrayList<>();
    private final List<Thread> writers = new ArrayList<>();
    private final int maxBatch;
    private volatile boolean running = true;

    public GroupCommitWriter(EntityStore store, int buckets, int queueCapacity, int maxBatch) {
        this.store = store;
        this.maxBatch = maxBatch;
        for (int i = 0; i < buckets; i++) {
            BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(queueCapacity);
            queues.add(queue);
            Thread t = Thread.ofPlatform().name("context-writer-" + i).daemon(true).unstarted(() -> drain(queue));
            writers.add(t);
            t.start();
        }
    }

    public CompletableFuture<Void> submit(EntityStore.Change change) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!running) {
            done.completeExceptionally(new ContextOverloadedException("the context writer is shutting down"));
            return done;
        }
        int bucket = Math.floorMod(change.entityId().hashCode(), queues.size());
        if (!queues.get(bucket).offer(new Pending(change, done))) {
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
            store.write(batch.stream().map(Pending::change).toList());
            batch.forEach(p -> p.done().complete(null));
        } catch (Exception batchFailure) {
            if (batch.size() == 1) {
                log.warn("Could not store a change of entity {}: {}", batch.getFirst().change().entityId(),
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
