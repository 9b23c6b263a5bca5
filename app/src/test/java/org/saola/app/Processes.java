package org.saola.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Saola started as its own process (the kill tests), and stopped at the end of a test. Killed outright, its embedded PostgreSQL
 * would outlive it and keep writing into the test's temporary directory while JUnit deletes it (which then
 * fails the test). So it is asked to stop (SIGTERM: Spring closes the embedded database), and whatever it
 * started that is still running after that is stopped too.
 */
final class Processes {

    private Processes() {
    }

    /**
     * Starts Saola from the test's classpath in a JVM of its own with these arguments (its output in
     * {@code killed-saola.out} of the data directory), and returns once it answers ready on {@code httpPort}.
     */
    static Process startSaola(Path dataDir, int httpPort, List<String> arguments) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), org.saola.SaolaApplication.class.getName()));
        command.addAll(arguments);
        Process saola = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("killed-saola.out").toFile()).start();
        SaolaClient anyone = new SaolaClient("http://localhost:" + httpPort, "admin", PlatformTest.ADMIN_PASSWORD).anonymous();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(120)).pollInterval(java.time.Duration.ofMillis(500))
                .ignoreExceptions().until(() -> anyone.get("/actuator/health/readiness").status() == 200);
        return saola;
    }

    static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
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
