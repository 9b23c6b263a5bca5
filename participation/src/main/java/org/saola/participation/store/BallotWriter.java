package org.saola.participation.store;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.saola.platform.ConflictException;
import org.saola.platform.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit for ballots (the durability contract at the price of one commit for many ballots, as the
 * context writers do for readings): request threads check and seal a ballot, then queue it; one writer thread
 * takes everything waiting and commits it in one transaction (the ballots, the register entries), then
 * completes each ballot's future, so a resident sees the receipt only once the ballot is committed. Under the
 * box lock (shared) the writer checks that the vote was not counted meanwhile. If the transaction fails, each
 * ballot is tried alone, so a bad one cannot sink the others. A side effect that helps secrecy: ballots
 * committed together share one transaction id, so even the box during the vote does not pair a ballot with
 * its register entry one by one. A full queue refuses at once rather than acknowledge what it cannot store.
 */
public final class BallotWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BallotWriter.class);

    /** A sealed ballot waiting for its commit. */
    public record Pending(TenantId tenant, String process, byte[] slot, byte[] sealed, String receipt, UUID resident,
            String channel, LocalDate day, CompletableFuture<Boolean> replaced) {
    }

    private final ParticipationStore store;
    private final TransactionTemplate transactions;
    private final BlockingQueue<Pending> queue;
    private final int maxBatch;
    private final Thread writer;
    private volatile boolean running = true;

    public BallotWriter(ParticipationStore store, TransactionTemplate transactions, int queueCapacity, int maxBatch) {
        this.store = store;
        this.transactions = transactions;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.maxBatch = maxBatch;
        this.writer = Thread.ofPlatform().name("ballot-writer").daemon(true).unstarted(this::drain);
        writer.start();
    }

    /** Queues a ballot; its future completes (true: it replaced the voter's earlier one) once committed. */
    public CompletableFuture<Boolean> submit(Pending p) {
        if (!running) {
            p.replaced().completeExceptionally(new IllegalStateException("Saola is shutting down; vote again in a moment"));
        } else if (!queue.offer(p)) {
            p.replaced().completeExceptionally(new IllegalStateException("too many ballots at once; vote again in a moment"));
        }
        return p.replaced();
    }

    private void drain() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                try {
                    Map<Pending, Boolean> done = transactions.execute(tx -> write(batch));
                    batch.forEach(p -> p.replaced().complete(done.get(p)));
                } catch (RuntimeException groupFailed) {
                    for (Pending p : batch) {           // alone, so that one bad ballot sinks no other
                        try {
                            Map<Pending, Boolean> done = transactions.execute(tx -> write(List.of(p)));
                            p.replaced().complete(done.get(p));
                        } catch (RuntimeException e) {
                            p.replaced().completeExceptionally(e);
                        }
                    }
                }
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("The ballot writer failed; the ballots it held were refused", e);
                batch.forEach(p -> p.replaced().completeExceptionally(e));
                batch.clear();
            }
        }
    }

    /** Writes a batch in the caller's transaction; for each ballot, whether it replaced an earlier one. */
    private Map<Pending, Boolean> write(List<Pending> batch) {
        // The box of each process, shared; then whether the count got there first.
        Set<String> open = new HashSet<>();
        batch.stream().map(p -> p.tenant().value() + "\u0000" + p.process()).distinct().sorted().forEach(key -> {
            String[] k = key.split("\u0000", 2);
            TenantId tenant = new TenantId(k[0]);
            store.lockBoxShared(tenant, k[1]);
            if (!store.counted(tenant, k[1])) {
                open.add(key);
            }
        });
        for (Pending p : batch) {
            if (!open.contains(p.tenant().value() + "\u0000" + p.process())) {
                throw new ConflictException("the vote closed", "participation.conflict.voteOver");
            }
        }
        // A voter twice in one batch: their ballots go in one after another (one statement cannot touch a row twice).
        Map<Pending, Boolean> replaced = new HashMap<>();
        List<Pending> left = batch;
        while (!left.isEmpty()) {
            Set<String> slots = new HashSet<>();
            List<Pending> round = new ArrayList<>();
            List<Pending> later = new ArrayList<>();
            for (Pending p : left) {
                (slots.add(p.tenant().value() + "\u0000" + p.process() + "\u0000" + java.util.HexFormat.of().formatHex(p.slot()))
                        ? round : later).add(p);
            }
            replaced.putAll(store.castAll(round));
            left = later;
        }
        store.registerAll(batch);
        return replaced;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        writer.join(10_000);
    }
}
