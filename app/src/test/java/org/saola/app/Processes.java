package org.saola.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stopping a Saola started as its own process at the end of a test. Killed outright, its embedded PostgreSQL
 * would outlive it and keep writing into the test's temporary directory while JUnit deletes it (which then
 * fails the test). So it is asked to stop (SIGTERM: Spring closes the embedded database), and whatever it
 * started that is still running after that is stopped too.
 */
final class Processes {

    private Processes() {
    }

    static void stop(Process process) throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        children.forEach(Processes::stop);
    }

    /**
     * Stops the embedded PostgreSQL a killed Saola left running on {@code dataDir} (the next Saola would stop it
     * itself, but a test that fails before starting one must not leave it behind), as Saola does at start.
     */
    static void stopPostmasterIn(Path dataDir) throws IOException {
        org.saola.platform.db.LeftoverPostmaster.stopIfLeftOver(dataDir.resolve("postgres"));
    }

    private static void stop(ProcessHandle process) {
        process.destroy();
        try {
            process.onExit().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            process.destroyForcibly();
        }
    }
}
