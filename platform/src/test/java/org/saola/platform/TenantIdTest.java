package org.saola.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TenantIdTest {

    @Test
    void theDefaultTenantExists() {
        assertThat(TenantId.DEFAULT.value()).isEqualTo("default");
        assertThat(TenantId.of("da-nang")).hasToString("da-nang");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-lead", "Da-Nang", "đà-nẵng", "a/b", "a b"})
    void malformedTenantIdsAreRefused(String value) {
        assertThatThrownBy(() -> TenantId.of(value)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("a tenant id is 1-63 lower-case letters");
    }

    @Test
    void aTenantIdHasAtMost63Characters() {
        assertThat(TenantId.of("a".repeat(63)).value()).hasSize(63);
        assertThatThrownBy(() -> TenantId.of("a".repeat(64))).isInstanceOf(InvalidInputException.class);
    }
}
