package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/** Saola's own API is described by an OpenAPI 3.1 document that lists every /api/v1 route; staff browse it. */
class OpenApiTest extends PlatformTest {

    @Autowired
    ApplicationContext context;

    @Test
    void everyApiRouteIsInTheOpenApiDocument() throws Exception {
        StaffSession staff = new StaffSession("http://localhost:" + port, "admin", ADMIN_PASSWORD);
        var r = staff.get("/docs/openapi");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode doc = SaolaClient.JSON.readTree(r.body());
        assertThat(doc.path("openapi").asString()).startsWith("3.1");

        Set<String> missing = new TreeSet<>();
        int routes = 0;
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : context.getBean("requestMappingHandlerMapping",
                RequestMappingHandlerMapping.class).getHandlerMethods().entrySet()) {
            for (String path : e.getKey().getPatternValues()) {
                if (!path.startsWith("/api/v1/")) {
                    continue;
                }
                for (RequestMethod m : e.getKey().getMethodsCondition().getMethods()) {
                    routes++;
                    if (doc.path("paths").path(path).path(m.name().toLowerCase()).isMissingNode()) {
                        missing.add(m + " " + path);
                    }
                }
            }
        }
        assertThat(routes).isGreaterThan(20);
        assertThat(missing).as("/api/v1 routes missing from the OpenAPI document").isEmpty();
        assertThat(doc.path("paths").has("/public/v1/departments")).isTrue();
        assertThat(doc.path("paths").toString()).doesNotContain("\"/ngsi-ld");
    }

    @Test
    void theBrowsableDocumentationIsForStaffOnly() throws Exception {
        StaffSession staff = new StaffSession("http://localhost:" + port, "admin", ADMIN_PASSWORD);
        var ui = staff.get("/docs/api");
        assertThat(ui.statusCode()).isIn(200, 302);
        assertThat(client().anonymous().get("/docs/openapi", "Accept", "text/html").status()).as("a browser: to sign-in").isEqualTo(302);
        assertThat(client().anonymous().get("/docs/openapi").status()).as("another client").isEqualTo(401);
    }
}
