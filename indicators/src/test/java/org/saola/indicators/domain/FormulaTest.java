package org.saola.indicators.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.saola.platform.InvalidInputException;
import org.saola.platform.measure.Measured;

class FormulaTest {

    @Test
    void arithmeticFollowsPrecedenceAndParentheses() {
        Formula f = Formula.parse("formula", "100 * reports.fixed_on_time / reports.fixed");
        assertThat(f.measures()).containsExactly("reports.fixed_on_time", "reports.fixed");
        assertThat(f.evaluate(Map.of("reports.fixed_on_time", 3.0, "reports.fixed", 4.0)).getAsDouble()).isEqualTo(75.0);
        assertThat(Formula.parse("f", "(a.x + 2) * 3 - -1").evaluate(Map.of("a.x", 1.0)).getAsDouble()).isEqualTo(10.0);
        assertThat(Formula.parse("f", "a.x - a.y - 1").evaluate(Map.of("a.x", 10.0, "a.y", 4.0)).getAsDouble()).isEqualTo(5.0);
    }

    @Test
    void divisionByZeroOrAMissingMeasureGivesNoValue() {
        Formula f = Formula.parse("formula", "100 * a.x / a.y");
        assertThat(f.evaluate(Map.of("a.x", 3.0, "a.y", 0.0))).isEmpty();
        assertThat(f.evaluate(Map.of("a.x", 3.0))).isEmpty();
    }

    @Test
    void mistakesAreNamedWithTheirPlace() {
        assertThatThrownBy(() -> Formula.parse("formula", "100 * (a.x / a.y")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("')' is missing");
        assertThatThrownBy(() -> Formula.parse("formula", "100 * ")).hasMessageContaining("a number, a measure or '(' is missing");
        assertThatThrownBy(() -> Formula.parse("formula", "reports")).hasMessageContaining("'reports' is not a measure's key");
        assertThatThrownBy(() -> Formula.parse("formula", "a.x ^ 2")).hasMessageContaining("unexpected '^' at character 5");
        assertThatThrownBy(() -> Formula.parse("formula", "1..2")).hasMessageContaining("is not a number");
        assertThatThrownBy(() -> Formula.parse("formula", "(".repeat(30) + "1" + ")".repeat(30))).hasMessageContaining("too deep");
    }

    @Test
    void groupsRestingOnTooFewPeopleAreHiddenAndAMissingCountIsZero() {
        Formula f = Formula.parse("formula", "100 * reports.fixed_on_time / reports.fixed");
        Measured onTime = Measured.of(Measured.Value.people(30), Map.of("ward", Map.of("Hải Châu", Measured.Value.people(18),
                "Sơn Trà", Measured.Value.people(3))));
        Measured fixed = Measured.of(Measured.Value.people(40), Map.of("ward", Map.of("Hải Châu", Measured.Value.people(24),
                "Sơn Trà", Measured.Value.people(6), "Thanh Khê", Measured.Value.people(10))));
        Computation.Result r = Computation.compute(f, List.of("ward"), Map.of("reports.fixed_on_time", onTime, "reports.fixed", fixed), 10);
        assertThat(r.total().value().getAsDouble()).isEqualTo(75.0);
        assertThat(r.inputs()).containsEntry("reports.fixed", 40.0);
        Map<String, Computation.Figure> wards = r.groups().get("ward");
        assertThat(wards.get("Hải Châu").value().getAsDouble()).isEqualTo(75.0);
        assertThat(wards.get("Sơn Trà").hidden()).isTrue();
        assertThat(wards.get("Sơn Trà").value()).isEmpty();
        // Thanh Khê: ten fixed, none on time (no entry): 0 %, but hidden too, since Sơn Trà alone hidden could be
        // found from the city's total less the others; Hải Châu (24 reports) stays.
        assertThat(wards.get("Thanh Khê").hidden()).isTrue();
        assertThat(wards.get("Hải Châu").hidden()).isFalse();
    }

    @Test
    void aCountMissingFromAGroupIsZero() {
        Formula f = Formula.parse("formula", "100 * reports.fixed_on_time / reports.fixed");
        Measured onTime = Measured.of(Measured.Value.people(18), Map.of("ward", Map.of("Hải Châu", Measured.Value.people(18))));
        Measured fixed = Measured.of(Measured.Value.people(34), Map.of("ward", Map.of("Hải Châu", Measured.Value.people(24),
                "Thanh Khê", Measured.Value.people(10))));
        Map<String, Computation.Figure> wards = Computation.compute(f, List.of("ward"), Map.of("reports.fixed_on_time", onTime,
                "reports.fixed", fixed), 10).groups().get("ward");
        assertThat(wards.get("Thanh Khê").hidden()).isFalse();
        assertThat(wards.get("Thanh Khê").value().getAsDouble()).isZero();
    }

    @Test
    void figuresThatDoNotCountPeopleNeverHideAGroup() {
        Formula f = Formula.parse("formula", "air.poor_days");
        Measured days = new Measured(Optional.of(Measured.Value.of(4)), Map.of("ward", Map.of("Liên Chiểu", Measured.Value.of(2))));
        Computation.Result r = Computation.compute(f, List.of("ward"), Map.of("air.poor_days", days), 10);
        assertThat(r.groups().get("ward").get("Liên Chiểu").value().getAsDouble()).isEqualTo(2.0);
    }
}
