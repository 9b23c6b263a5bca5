package org.saola.web.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.saola.platform.JsonText;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/** 401 for the machine APIs, as problem details, telling the client how to authenticate. */
class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"saola\", Basic realm=\"saola\"");
        write(response, 401, "Unauthorized",
                "send an API key as 'Authorization: Bearer <key>' or staff credentials with HTTP Basic");
    }

    static void write(HttpServletResponse response, int status, String title, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"type\":\"https://saola.city/problems/" + title.toLowerCase().replace(' ', '-')
                + "\",\"title\":" + JsonText.quote(title) + ",\"status\":" + status + ",\"detail\":" + JsonText.quote(detail) + "}");
    }
}
