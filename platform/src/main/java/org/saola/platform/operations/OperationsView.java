package org.saola.platform.operations;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.saola.platform.security.SaolaPrincipal;

/**
 * One module's part of the operations centre ({@code /operations}): its figures (tiles), its map layers and what in
 * it needs attention now, each for the caller (an officer sees only their departments'); and, if it has one, a
 * stream of server-sent events that says "something changed", on which the page fetches its parts again.
 */
public interface OperationsView {

    /** The order of the module's parts on the page (lower first). */
    int order();

    List<Tile> tiles(SaolaPrincipal caller);

    /** The map layers the caller may see. */
    List<Layer> layers(SaolaPrincipal caller);

    /** What needs attention now, newest first (at most {@code limit}). */
    List<Entry> attention(SaolaPrincipal caller, int limit);

    /** Server-sent events telling the page to fetch again, if the module has them. */
    default Optional<String> stream() {
        return Optional.empty();
    }

    /** How a figure stands: fine, to look at, or to act on. */
    enum Status {
        OK, ATTENTION, ALERT
    }

    /** A figure: its label, value and a line of detail in both languages, where to see more. */
    record Tile(String id, String labelVi, String labelEn, String value, String detailVi, String detailEn, String href,
            Status status) {
    }

    /**
     * A map layer: its name in both languages, and where its GeoJSON {@code FeatureCollection} is (each feature's
     * properties: {@code name}, {@code colour}, {@code status} in words, {@code href}).
     */
    record Layer(String id, String nameVi, String nameEn, String dataUrl, boolean shownAtFirst) {
    }

    /** Something that needs attention: when, how grave (CAP severities, or {@code INFO}), what, where to act on it. */
    record Entry(Instant at, String severity, String textVi, String textEn, String href) {
    }
}
