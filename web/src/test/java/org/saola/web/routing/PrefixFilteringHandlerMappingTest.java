package org.saola.web.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The literal start a request path must begin with for a mapping to be worth Spring's full check. */
class PrefixFilteringHandlerMappingTest {

    @Test
    void aPatternsLiteralStartStopsAtItsFirstVariableAndARestPatternAlsoMatchesItsBase() {
        assertThat(PrefixFilteringHandlerMapping.literalStart("/ngsi-ld/v1/entities/{id}/attrs")).isEqualTo("/ngsi-ld/v1/entities/");
        assertThat(PrefixFilteringHandlerMapping.literalStart("/open311/v2/requests.{format}")).isEqualTo("/open311/v2/requests.");
        assertThat(PrefixFilteringHandlerMapping.literalStart("/city/reports")).isEqualTo("/city/reports");
        // "/webjars/**" and "/files/{*path}" match "/webjars" and "/files" as well
        assertThat(PrefixFilteringHandlerMapping.literalStart("/webjars/**")).isEqualTo("/webjars");
        assertThat(PrefixFilteringHandlerMapping.literalStart("/files/{*path}")).isEqualTo("/files");
        assertThat(PrefixFilteringHandlerMapping.commonStart("/a/bc", "/a/bd")).isEqualTo("/a/b");
    }
}
