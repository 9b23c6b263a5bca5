package org.saola.indicators.domain;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.saola.platform.InvalidInputException;

/**
 * An indicator: its code and names in Vietnamese and English, the framework and clause it comes from (a clause is
 * named only where its text was read: ISO 37120/37122 are not public), its unit, its formula over the platform's
 * measures (none when it is entered by hand, with its source and evidence), how often it is reported, how it may
 * be split (ward, channel; gender and age group for figures entered by hand), which way is better, how it is
 * computed in plain words, and how many decimals it is shown with.
 */
public record Definition(String code, String nameVi, String nameEn, String framework, Optional<String> clause, String unitVi,
        String unitEn, Optional<Formula> formula, Period.Frequency frequency, List<String> disaggregation, Direction direction,
        String methodVi, String methodEn, int decimals, boolean builtIn) {

    public static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{1,59}");
    /** The ways figures entered by hand may be split, beyond those of the measures. */
    public static final List<String> MANUAL_GROUPINGS = List.of("ward", "gender", "age_group", "channel");

    /** Which way is better. */
    public enum Direction {
        /** Higher is better. */
        UP,
        /** Lower is better. */
        DOWN
    }

    public Definition {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new InvalidInputException("code", "an indicator's code is 2-60 lower-case letters, digits or '-'; got " + code);
        }
        text("nameVi", nameVi, 200);
        text("nameEn", nameEn, 200);
        text("framework", framework, 80);
        clause.ifPresent(c -> text("clause", c, 80));
        text("unitVi", unitVi, 40);
        text("unitEn", unitEn, 40);
        text("methodVi", methodVi, 4000);
        text("methodEn", methodEn, 4000);
        if (frequency == null) {
            throw new InvalidInputException("frequency", "frequency is MONTHLY, QUARTERLY or ANNUAL");
        }
        if (direction == null) {
            throw new InvalidInputException("direction", "direction is UP (higher is better) or DOWN (lower is better)");
        }
        disaggregation = List.copyOf(disaggregation == null ? List.of() : disaggregation);
        if (disaggregation.size() != disaggregation.stream().distinct().count()) {
            throw new InvalidInputException("disaggregation", "each way of splitting is named once");
        }
        if (decimals < 0 || decimals > 4) {
            throw new InvalidInputException("decimals", "decimals are 0 to 4; got " + decimals);
        }
    }

    private static void text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, field + " is needed");
        }
        if (value.length() > max) {
            throw new InvalidInputException(field, field + " is at most " + max + " characters");
        }
    }

    /** Computed from the platform's measures (not entered by hand). */
    public boolean computed() {
        return formula.isPresent();
    }

    public String name(boolean vi) {
        return vi ? nameVi : nameEn;
    }

    public String unit(boolean vi) {
        return vi ? unitVi : unitEn;
    }

    public String method(boolean vi) {
        return vi ? methodVi : methodEn;
    }
}
