package org.saola.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Data directories of the platforms the tests start, deleted when the test JVM exits. Each holds an embedded
 * PostgreSQL (hundreds of MB once a test class has written to it) and an MQTT store: left behind, one run of the
 * suite left about 10 GB in the temporary directory, and successive runs filled the disk.
 *
 * <p>The platforms stop in shutdown hooks of their own (Spring's), which run beside this one, so a directory is
 * deleted only once its PostgreSQL has stopped ({@code postmaster.pid} gone, where {@code saola.data-dir} or
 * {@code saola.db.data-dir} puts it), waiting at most 7 s in all, since surefire ends a fork 10 s after its tests
 * (app/pom.xml); one whose server is still running then is left. {@code -Dsaola.test.keep-data=true} keeps them
 * all (PostgreSQL's own log is in each), to look into afterwards.
 */
final class TestDataDirs {

    private static final List<Path> DIRS = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestDataDirs::deleteAll, "delete-test-data-dirs"));
    }

    private TestDataDirs() {
    }

    /** A new directory in the temporary directory, deleted at exit. */
    static Path create(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            if (!Boolean.getBoolean("saola.test.keep-data")) {
                DIRS.add(dir);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteAll() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(7);
        for (Path dir : DIRS) {
            List<Path> pids = List.of(dir.resolve("postmaster.pid"), dir.resolve("postgres").resolve("postmaster.pid"));
            while (pids.stream().anyMatch(Files::exists) && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
            if (pids.stream().noneMatch(Files::exists)) {
                delete(dir);
            }
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // A file that went while walking, or one that cannot go: the rest is deleted where it can be.
        }
    }
}
