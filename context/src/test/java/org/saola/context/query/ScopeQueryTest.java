package org.saola.context.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** scopeQ (NGSI-LD 1.8.1 §4.19) on the examples of the ETSI test suite. */
class ScopeQueryTest {

    private static final List<String> PARK = List.of("/Madrid/Gardens/ParqueNorte");
    private static final List<String> BOTH = List.of("/Madrid/Gardens/ParqueNorte", "/CompanyA/OrganizationB/UnitC");

    private static boolean matches(String q, List<String> scopes) {
        return ScopeQuery.parse(q).matches(scopes);
    }

    @Test
    void pathsWildcardsAndCombinations() {
        assertThat(matches("/Madrid/Gardens/ParqueNorte", PARK)).isTrue();
        assertThat(matches("/Madrid/+/ParqueNorte", PARK)).isTrue();
        assertThat(matches("/Madrid/+", PARK)).isFalse();
        assertThat(matches("/CompanyA/#", PARK)).isFalse();
        assertThat(matches("/CompanyA/#", BOTH)).isTrue();
        assertThat(matches("/Madrid/#", List.of("/Madrid"))).isTrue();
        assertThat(matches("/Madrid/#", List.of("/MadridX"))).isFalse();
        assertThat(matches("/#", PARK)).isTrue();
        assertThat(matches("/#", List.of())).isFalse();
        assertThat(matches("/Madrid/Gardens/ParqueNorte;/CompanyA/OrganizationB/UnitC", PARK)).isFalse();
        assertThat(matches("/Madrid/Gardens/ParqueNorte;/CompanyA/OrganizationB/UnitC", BOTH)).isTrue();
        assertThat(matches("/Madrid/Gardens/ParqueNorte,/CompanyA/OrganizationB/UnitC", PARK)).isTrue();
        assertThat(matches("(/Nowhere;/CompanyA/#)|/Madrid/#", PARK)).isTrue();
        assertThat(matches("/Đà_Nẵng/Hải_Châu", List.of("/Đà_Nẵng/Hải_Châu"))).isTrue();
    }

    @Test
    void malformedQueriesNameWhatIsWrong() {
        assertThatThrownBy(() -> ScopeQuery.parse("Madrid")).hasMessageContaining("starts with '/'");
        assertThatThrownBy(() -> ScopeQuery.parse("/Mad rid")).hasMessageContaining("not a scope path");
        assertThatThrownBy(() -> ScopeQuery.parse("/A/#/B")).hasMessageContaining("not a scope path");
        assertThatThrownBy(() -> ScopeQuery.parse("(/A")).hasMessageContaining("missing ')'");
    }
}
