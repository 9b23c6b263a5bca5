package org.saola.context.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How many instances of each attribute a temporal page holds (§6.3.10), given how many attributes it shows. */
class TemporalPageTest {

    @Test
    void aFewAttributesGetAWholePageEach() {
        assertThat(TemporalController.perAttribute(1, TemporalController.PAGE)).isEqualTo(1000);
        assertThat(TemporalController.perAttribute(20, TemporalController.PAGE)).isEqualTo(1000);
        assertThat(TemporalController.perAttribute(3, 5)).as("lastN=5 asks for fewer").isEqualTo(5);
    }

    @Test
    void manyAttributesShareTheResponsesInstances() {
        assertThat(TemporalController.perAttribute(30, TemporalController.PAGE)).isEqualTo(666);
        assertThat(TemporalController.perAttribute(1000, TemporalController.PAGE)).isEqualTo(20);
        assertThat(30 * TemporalController.perAttribute(30, TemporalController.PAGE))
                .isLessThanOrEqualTo(TemporalController.RESPONSE_INSTANCES);
    }

    @Test
    void neverFewerThanTenOfAnAttribute() {
        assertThat(TemporalController.perAttribute(5000, TemporalController.PAGE)).isEqualTo(TemporalController.FEWEST);
        assertThat(TemporalController.perAttribute(1_000_000, TemporalController.PAGE)).isEqualTo(10);
    }
}
