package org.saola.web.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Requests whose path Saola never accepts (an encoded {@code /} as {@code %2F}, an empty segment {@code //},
 * {@code ..}, control characters): Spring Security's firewall refuses them, and the client gets problem details
 * like every other refusal, not the web server's own HTML page. Tomcat lets an encoded {@code /} through to the
 * firewall for that (it would answer its own page itself); the firewall still refuses it, so no route ever sees
 * one. On NGSI-LD routes the refusal is NGSI-LD's {@code BadRequestData} (GS CIM 009 V1.8.1 §6.3.2): an entity
 * id holding a {@code /} cannot be named in a path, and is queried with {@code ?id=} instead.
 */
@Configuration(proxyBeanMethods = false)
class RejectedRequests {

    @Bean
    TomcatConnectorCustomizer encodedSlashesToTheFirewall() {
        return connector -> connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
    }

    /** The default strict firewall, checking names and values without regular expressions (same rule). */
    @Bean
    HttpFirewall firewall() {
        return HeaderCharacters.firewall();
    }

    @Bean
    RequestRejectedHandler problemForRejectedRequests() {
        return RejectedRequests::reject;
    }

    static void reject(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
            throws IOException {
        String detail = "the request's path is not accepted: it may not hold an encoded '/' (%2F), an empty segment "
                + "('//'), '..' or control characters";
        String uri = request.getRequestURI() == null ? "" : request.getRequestURI();
        if (uri.startsWith("/ngsi-ld/")) {
            response.setStatus(400);
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("{\"type\":\"https://uri.etsi.org/ngsi-ld/errors/BadRequestData\","
                    + "\"title\":\"BadRequestData\",\"status\":400,\"detail\":" + org.saola.platform.JsonText.quote(detail
                    + "; an entity id holding '/' cannot be named in a path: query it with ?id=") + "}");
            return;
        }
        ProblemAuthenticationEntryPoint.write(response, 400, "Bad Request", detail);
    }
}
