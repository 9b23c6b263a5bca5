package org.saola.platform.publish;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An algorithm or automated rule the city uses, as the public algorithm register describes it (after Amsterdam's
 * and Helsinki's): what it is for, who answers for it, the data it uses, how it works in plain words, how people
 * oversee it, its risks and what mitigates them, the pages where its results appear, and, for one the city uses
 * outside Saola, who built or runs it ({@code provider}; empty: Saola's own). Every text in Vietnamese and English.
 */
public record Algorithm(String id, String nameVi, String nameEn, Automation automation, Optional<String> department,
        String purposeVi, String purposeEn, String dataVi, String dataEn, String howVi, String howEn, String oversightVi,
        String oversightEn, String risksVi, String risksEn, List<String> appearsOn, Optional<String> provider) {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,99}");

    /** How far it decides on its own. */
    public enum Automation {
        /** It informs people (an index, a ranking); people decide. */
        INFORMS,
        /** It decides something people review or can overturn (an alert raised, a report routed). */
        DECIDES_WITH_REVIEW,
        /** It decides by a public rule fixed in advance (a vote counted by its published rule). */
        APPLIES_PUBLISHED_RULE
    }

    public Algorithm {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("an algorithm's id is 2-100 lower-case letters, digits or '-'; got " + id);
        }
        appearsOn = List.copyOf(appearsOn);
    }

    /** One of Saola's own algorithms (no provider apart from the platform). */
    public Algorithm(String id, String nameVi, String nameEn, Automation automation, Optional<String> department, String purposeVi,
            String purposeEn, String dataVi, String dataEn, String howVi, String howEn, String oversightVi, String oversightEn,
            String risksVi, String risksEn, List<String> appearsOn) {
        this(id, nameVi, nameEn, automation, department, purposeVi, purposeEn, dataVi, dataEn, howVi, howEn, oversightVi, oversightEn,
                risksVi, risksEn, appearsOn, Optional.empty());
    }

    /** Whether the pattern of an id fits: 2-100 lower-case letters, digits or '-'. */
    public static boolean validId(String id) {
        return id != null && ID.matcher(id).matches();
    }
}
