package org.saola.alerts.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Conditions in CEL: compiled and checked once, evaluated on an entity's variables. */
class ConditionTest {

    @Test
    void comparesAttributesWhateverNumberTypeTheSensorSent() {
        Condition c = Condition.compile("pm25 > 55 && humidity < 90.5");
        assertThat(c.attributes()).containsExactly("humidity", "pm25");
        assertThat(c.test(Map.of("pm25", 60.0, "humidity", 80.0))).contains(true);
        assertThat(c.test(Map.of("pm25", 50.0, "humidity", 80.0))).contains(false);
        assertThat(c.test(Map.of("pm25", 60L, "humidity", 80L))).as("integers compare with decimals").contains(true);
    }

    @Test
    void anEntityWithoutAnAttributeTheConditionReadsIsNotJudged() {
        Condition c = Condition.compile("waterLevel >= 3.0");
        assertThat(c.test(Map.of("id", "urn:ngsi-ld:WaterObserved:1", "type", "WaterObserved"))).isEmpty();
    }

    @Test
    void aValueOfTheWrongKindIsNotJudgedRatherThanFailing() {
        Condition c = Condition.compile("waterLevel >= 3.0");
        assertThat(c.test(Map.of("waterLevel", "high"))).isEqualTo(Optional.empty());
    }

    @Test
    void idTypeStringsListsAndMapsAreThere() {
        assertThat(Condition.compile("type == 'Streetlight' && status != 'ok' && id.startsWith('urn:ngsi-ld:')")
                .test(Map.of("id", "urn:ngsi-ld:Streetlight:7", "type", "Streetlight", "status", "defective")))
                .contains(true);
        assertThat(Condition.compile("size(alarms) > 0 && location.type == 'Point'")
                .test(Map.of("alarms", List.of("lamp"), "location", Map.of("type", "Point")))).contains(true);
    }

    @Test
    void aMistakeIsRefusedWithItsLineAndColumn() {
        assertThatThrownBy(() -> Condition.compile("pm25 > "))
                .isInstanceOf(InvalidConditionException.class).hasMessageContaining("line 1, column");
        assertThatThrownBy(() -> Condition.compile("pm25 >\n  unknownFunction(pm10)"))
                .isInstanceOf(InvalidConditionException.class).hasMessageContaining("line 2, column 18")
                .hasMessageContaining("unknownFunction");
        assertThatThrownBy(() -> Condition.compile("pm25 + 1"))
                .as("a condition is true or false").isInstanceOf(InvalidConditionException.class);
        assertThatThrownBy(() -> Condition.compile("type > 3"))
                .as("type is a string: checked when saved").isInstanceOf(InvalidConditionException.class);
        assertThatThrownBy(() -> Condition.compile(" ")).isInstanceOf(InvalidConditionException.class);
        assertThatThrownBy(() -> Condition.compile("avgOver(name, 'PT1H') > 3"))
                .as("windows are written out").hasMessageContaining("avgOver('pm25', 'PT1H')");
        assertThatThrownBy(() -> Condition.compile("avgOver('pm25', 'an hour') > 3")).hasMessageContaining("ISO 8601");
        assertThatThrownBy(() -> Condition.compile("maxOver('pm25', 'P2D') > 3")).hasMessageContaining("between PT1M and P1D");
        assertThatThrownBy(() -> Condition.compile("avgOver('pm25') > 3")).isInstanceOf(InvalidConditionException.class);
    }

    @Test
    void noDataForIsAConditionOfItsOwn() {
        Condition c = Condition.compile("noDataFor('waterLevel', 'PT30M')");
        assertThat(c.silence()).contains(new Condition.Silence("waterLevel", java.time.Duration.ofMinutes(30)));
        assertThat(c.attributes()).containsExactly("waterLevel");
        assertThat(c.test(Map.of("waterLevel", 1.0))).as("judged on a change: data just came").contains(false);
        assertThat(Condition.compile("waterLevel > 3.0").silence()).isEmpty();
        assertThatThrownBy(() -> Condition.compile("noDataFor('waterLevel', 'PT30M') || waterLevel > 3.0"))
                .isInstanceOf(InvalidConditionException.class).hasMessageContaining("a condition of its own");
        assertThatThrownBy(() -> Condition.compile("noDataFor('waterLevel', 'P8D')"))
                .isInstanceOf(InvalidConditionException.class).hasMessageContaining("between PT1M and P7D");
    }
}
