package org.saola.indicators.domain;

import java.util.List;
import java.util.Optional;
import org.saola.platform.InvalidInputException;

/**
 * An indicator's definition as JSON (the built-in catalogue's file and the API): {@code formula} absent or blank
 * for an indicator entered by hand. {@link #definition} checks it; the measures it names are checked against those
 * the platform has by the catalogue.
 */
public record DefinitionBody(String code, String nameVi, String nameEn, String framework, String clause, String unitVi, String unitEn,
        String formula, String frequency, List<String> disaggregation, String direction, String methodVi, String methodEn,
        Integer decimals) {

    public Definition definition(boolean builtIn) {
        Period.Frequency f;
        Definition.Direction d;
        try {
            f = Period.Frequency.valueOf(frequency == null ? "" : frequency);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("frequency", "frequency is MONTHLY, QUARTERLY or ANNUAL; got " + frequency);
        }
        try {
            d = Definition.Direction.valueOf(direction == null ? "" : direction);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("direction", "direction is UP (higher is better) or DOWN (lower is better); got " + direction);
        }
        Optional<Formula> parsed = formula == null || formula.isBlank() ? Optional.empty() : Optional.of(Formula.parse("formula", formula));
        return new Definition(code, nameVi, nameEn, framework, Optional.ofNullable(clause).filter(c -> !c.isBlank()), unitVi, unitEn,
                parsed, f, disaggregation, d, methodVi, methodEn, decimals == null ? 1 : decimals, builtIn);
    }

    public static DefinitionBody of(Definition d) {
        return new DefinitionBody(d.code(), d.nameVi(), d.nameEn(), d.framework(), d.clause().orElse(null), d.unitVi(), d.unitEn(),
                d.formula().map(Formula::text).orElse(null), d.frequency().name(), d.disaggregation(), d.direction().name(), d.methodVi(),
                d.methodEn(), d.decimals());
    }
}
