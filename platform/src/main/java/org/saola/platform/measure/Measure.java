package org.saola.platform.measure;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A quantity a module measures: its key ({@code module.name}, lower-case letters, digits and '_'), its name in
 * Vietnamese and English, its unit (words, e.g. "reports", "days", "%"), whether it is a {@link Kind#FLOW} over
 * the period, a {@link Kind#STOCK} as things stand or a {@link Kind#REFERENCE} figure, whether it counts people or what people did (then groups
 * with few people are not published), and the groupings it can be split by ({@code ward}, {@code channel}, …).
 */
public record Measure(String key, String nameVi, String nameEn, String unit, Kind kind, boolean countsPeople,
        List<String> groupings) {

    /** A measure's key: {@code module.name}. */
    public static final Pattern KEY = Pattern.compile("[a-z][a-z0-9]*\\.[a-z][a-z0-9_]*");
    /** A grouping's name. */
    public static final Pattern GROUPING = Pattern.compile("[a-z][a-z_]{0,30}");

    /** How a measure relates to its period. */
    public enum Kind {
        /** What happened within the period (reports filed, days above a limit). */
        FLOW,
        /** How things stand when it is measured (stations installed, datasets published): a snapshot. */
        STOCK,
        /** An official figure staff keep (population, area), the same whatever the period it is used for. */
        REFERENCE
    }

    public Measure {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("a measure's key is module.name (lower-case letters, digits, '_'); got " + key);
        }
        groupings = List.copyOf(groupings);
        for (String g : groupings) {
            if (!GROUPING.matcher(g).matches()) {
                throw new IllegalArgumentException("a grouping is a lower-case word; got " + g);
            }
        }
    }

    /** The module whose measure this is (the part of the key before the dot). */
    public String module() {
        return key.substring(0, key.indexOf('.'));
    }
}
