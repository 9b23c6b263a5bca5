package org.saola.domains.waste;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.saola.domains.waste.routing.StreetGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The city's street graph for the collection rounds, when it provides one ({@code saola.waste.street-network}: an
 * OpenStreetMap extract, {@code .osm} or {@code .osm.pbf}): imported the first time a round is planned after the
 * file appears (into {@code <data-dir>/streets}, loaded from there afterwards). Until then, or if the file cannot be
 * imported (tried again after ten minutes), rounds are planned with straight lines times the road factor.
 */
public final class StreetNetwork implements Supplier<Optional<StreetGraph>>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StreetNetwork.class);
    private static final Duration RETRY = Duration.ofMinutes(10);

    private final Optional<Path> osm;
    private final Path directory;
    private StreetGraph graph;
    private Instant failedAt;

    public StreetNetwork(Optional<Path> osm, Path directory) {
        this.osm = osm;
        this.directory = directory;
    }

    /** Where the extract is read from, if the city provides one. */
    public Optional<Path> source() {
        return osm;
    }

    /**
     * Writes a generated grid of streets cut by a river with bridges ({@link org.saola.domains.waste.routing.GridStreets})
     * where the city's extract is expected, unless a file is there: the demo city's street network.
     */
    public void generateIfMissing(double west, double south, double east, double north, double spacing, double river,
            java.util.List<Double> bridges) throws java.io.IOException {
        if (osm.isPresent() && !Files.exists(osm.get())) {
            new org.saola.domains.waste.routing.GridStreets(west, south, east, north, spacing, river, bridges).write(osm.get());
        }
    }

    @Override
    public synchronized Optional<StreetGraph> get() {
        if (graph != null) {
            return Optional.of(graph);
        }
        if (osm.isEmpty() || !Files.isRegularFile(osm.get())
                || (failedAt != null && failedAt.plus(RETRY).isAfter(Instant.now()))) {
            return Optional.empty();
        }
        try {
            long started = System.nanoTime();
            graph = StreetGraph.load(osm.get(), directory);
            log.info("Street network {} ready for the collection rounds in {} ms: {}", osm.get(), (System.nanoTime() - started) / 1_000_000,
                    graph.size());
            return Optional.of(graph);
        } catch (RuntimeException e) {
            failedAt = Instant.now();
            log.warn("Street network {} could not be imported; rounds are planned in straight lines until it can: {}", osm.get(),
                    e.toString());
            return Optional.empty();
        }
    }

    @Override
    public synchronized void close() {
        if (graph != null) {
            graph.close();
        }
    }
}
