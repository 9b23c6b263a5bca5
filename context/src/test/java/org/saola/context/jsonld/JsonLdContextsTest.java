package org.saola.context.jsonld;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLdContextsTest {

    private static final List<URI> CORE = List.of(JsonLdContexts.CORE_CONTEXT);
    private final JsonLdContexts contexts = JsonLdContexts.bundled();

    @Test
    void coreTermsExpandToEtsiIrisOffline() {
        assertThat(contexts.expandTerm(CORE, "location")).isEqualTo("https://uri.etsi.org/ngsi-ld/location");
        assertThat(contexts.expandTerm(CORE, "observedAt")).isEqualTo("https://uri.etsi.org/ngsi-ld/observedAt");
    }

    @Test
    void unknownTermsFallIntoTheDefaultContextAndCompactBack() {
        String iri = contexts.expandTerm(CORE, "pm25");
        assertThat(iri).isEqualTo("https://uri.etsi.org/ngsi-ld/default-context/pm25");
        assertThat(contexts.compactIri(CORE, iri)).isEqualTo("pm25");
        assertThat(contexts.compactIri(CORE, "https://uri.etsi.org/ngsi-ld/location")).isEqualTo("location");
    }

    @Test
    void anIriNoTermMapsToStaysAnIri() {
        assertThat(contexts.compactIri(CORE, "https://smartdatamodels.org/dataModel.Environment/pm25"))
                .isEqualTo("https://smartdatamodels.org/dataModel.Environment/pm25");
    }

    @Test
    void theCoreContextIsAlwaysAppliedAndServedFromTheJar() {
        assertThat(contexts.serves(JsonLdContexts.CORE_CONTEXT)).isTrue();
        assertThat(contexts.expandTerm(List.of(), "location")).isEqualTo("https://uri.etsi.org/ngsi-ld/location");
    }

    @Test
    void aContextSaolaCannotServeFailsWithItsUrl() {
        URI unknown = URI.create("https://example.org/unknown-context.jsonld");
        assertThat(contexts.serves(unknown)).isFalse();
        assertThatThrownBy(() -> contexts.expandTerm(List.of(unknown), "pm25"))
                .isInstanceOf(ContextNotAvailableException.class)
                .hasMessageContaining("https://example.org/unknown-context.jsonld");
    }
}
