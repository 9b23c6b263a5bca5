package org.saola.context.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * Which requests the lean path takes, judged from the request line and headers before anything is read: what it
 * leaves to the full path must be refused or answered there (a body over the NGSI-LD limit: 413 by the request
 * limits; {@code Expect: 100-continue}: acknowledged by Tomcat further on).
 */
class LeanWritesTargetTest {

    private static final String ID = "urn:ngsi-ld:Gauge:1";

    private static MockHttpServletRequest patch(String path, String body) {
        MockHttpServletRequest request = new MockHttpServletRequest("PATCH", path);
        request.setContentType("application/json");
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        return request;
    }

    @Test
    void aPlainWriteIsTakenWithItsRouteAndVariables() {
        assertThat(LeanWrites.target(patch("/ngsi-ld/v1/entities/" + ID + "/attrs/level", "{\"value\": 1}"), 1024))
                .isEqualTo(new LeanWrites.Target(LeanWrites.Route.ATTRIBUTE, ID, "level"));
        assertThat(LeanWrites.target(patch("/ngsi-ld/v1/entities/" + ID + "/attrs", "{\"level\": 1}"), 1024))
                .isEqualTo(new LeanWrites.Target(LeanWrites.Route.ATTRIBUTES, ID, null));
        MockHttpServletRequest create = new MockHttpServletRequest("POST", "/ngsi-ld/v1/entities");
        create.setContentType("application/ld+json");
        create.setContent("{}".getBytes(StandardCharsets.UTF_8));
        assertThat(LeanWrites.target(create, 1024)).isEqualTo(new LeanWrites.Target(LeanWrites.Route.CREATE, null, null));
    }

    @Test
    void aBodyOverTheLimitIsLeftToTheFullPathWhichRefusesIt() {
        String body = "{\"value\": \"" + "x".repeat(1100) + "\"}";
        assertThat(LeanWrites.target(patch("/ngsi-ld/v1/entities/" + ID + "/attrs/level", body), 1024)).isNull();
        assertThat(LeanWrites.target(patch("/ngsi-ld/v1/entities/" + ID + "/attrs/level", body), 2048)).isNotNull();
    }

    @Test
    void whatTheFullPathMustSeeIsLeftToIt() {
        String path = "/ngsi-ld/v1/entities/" + ID + "/attrs/level";
        MockHttpServletRequest expect = patch(path, "{\"value\": 1}");
        expect.addHeader("Expect", "100-continue");
        MockHttpServletRequest query = patch(path, "{\"value\": 1}");
        query.setQueryString("lang=en");
        MockHttpServletRequest charset = patch(path, "{\"value\": 1}");
        charset.setContentType("application/json; charset=utf-8");
        MockHttpServletRequest origin = patch(path, "{\"value\": 1}");
        origin.addHeader("Origin", "https://example.org");
        MockHttpServletRequest via = patch(path, "{\"value\": 1}");
        via.addHeader("Via", "1.1 saola");
        for (MockHttpServletRequest request : new MockHttpServletRequest[] {expect, query, charset, origin, via,
                patch("/ngsi-ld/v1/entities/" + ID.replace(":", "%3A") + "/attrs/level", "{\"value\": 1}"),
                patch("/ngsi-ld/v1/entities/" + ID + "/attrs/", "{\"value\": 1}"),
                patch("/ngsi-ld/v1/entities/" + ID + "/attrs/../level", "{\"value\": 1}"),
                patch("/ngsi-ld/v1/entities/" + ID + "/attrs/level", "")}) {
            assertThat(LeanWrites.target(request, 1024)).as(request.getRequestURI() + " " + request.getHeaderNames())
                    .isNull();
        }
    }

    @Test
    void theNgsiLdBodyLimitIsReadAsTheRequestLimitsReadIt() {
        MockEnvironment environment = new MockEnvironment();
        assertThat(LeanWritesConfiguration.ngsiLdMaxBody(environment)).isEqualTo(LeanWrites.MAX_BODY);
        environment.setProperty("saola.http.max-body.ngsi-ld", "2KB");
        assertThat(LeanWritesConfiguration.ngsiLdMaxBody(environment)).isEqualTo(2048);
        environment = new MockEnvironment();
        environment.setProperty("saola.http.max-body.ngsiLd", "16MB");         // relaxed binding, as for the record
        assertThat(LeanWritesConfiguration.ngsiLdMaxBody(environment)).isEqualTo(16L * 1024 * 1024);
    }

    @Test
    void theOutcomeTagIsSpringsNameOfTheStatusSeries() {
        assertThat(LeanWrites.outcome(204)).isEqualTo("SUCCESS");
        assertThat(LeanWrites.outcome(207)).isEqualTo("SUCCESS");
        assertThat(LeanWrites.outcome(404)).isEqualTo("CLIENT_ERROR");
        assertThat(LeanWrites.outcome(503)).isEqualTo("SERVER_ERROR");
    }
}
