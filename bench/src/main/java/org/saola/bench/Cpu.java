package org.saola.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time spent by Saola's JVM, its embedded PostgreSQL (every {@code postgres} process) and the load generator
 * (this JVM), read from {@code /proc/<pid>/stat} (utime + stime, in clock ticks of 10 ms), so that a throughput
 * figure comes with what it cost.
 */
record Cpu(long saolaTicks, long postgresTicks, long benchTicks) {

    static Cpu of(ProcessHandle saola) {
        long pg = 0;
        // Embedded PostgreSQL daemonises (pg_ctl), so its processes are not the JVM's children: every postgres
        // process counts (the bench's machine runs no other).
        for (ProcessHandle p : ProcessHandle.allProcesses().toList()) {
            if (p.info().command().map(c -> c.endsWith("/postgres")).orElse(false)) {
                pg += ticks(p.pid());
            }
        }
        return new Cpu(ticks(saola.pid()), pg, ticks(ProcessHandle.current().pid()));
    }

    /** What was spent between {@code before} and this, as core-seconds per second of {@code seconds}. */
    String since(Cpu before, double seconds, double operations, String unit) {
        double s = (saolaTicks - before.saolaTicks) / 100.0;
        double p = (postgresTicks - before.postgresTicks) / 100.0;
        double b = (benchTicks - before.benchTicks) / 100.0;
        return String.format(java.util.Locale.ROOT, "CPU: Saola JVM %.2f, PostgreSQL %.2f, load generator %.2f cores;"
                + " per %s: %.0f µs JVM + %.0f µs PostgreSQL (+ %.0f µs load generator)", s / seconds, p / seconds,
                b / seconds, unit, s * 1e6 / operations, p * 1e6 / operations, b * 1e6 / operations);
    }

    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            List<String> fields = List.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
            return Long.parseLong(fields.get(11)) + Long.parseLong(fields.get(12));     // utime, stime
        } catch (IOException | RuntimeException e) {
            return 0;                   // a process that ended meanwhile
        }
    }
}
