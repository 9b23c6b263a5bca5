package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.saola.web.routing.PrefixFilteringHandlerMapping;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.condition.NameValueExpression;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * The shortcut in Saola's handler mapping (mappings whose literal path start the request does not share are
 * skipped) must never change which controller method answers: for every route of the running platform, and for
 * near misses of each, the live mapping and a plain Spring MVC mapping holding the same routes pick the same
 * method, or fail the same way (404, 405, 406, 415).
 */
class HandlerLookupTest extends PlatformTest {

    @Autowired
    ApplicationContext context;

    @Test
    void theShortcutPicksWhatSpringWouldPickForEveryRouteAndNearMiss() throws Exception {
        RequestMappingHandlerMapping live = context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        assertThat(live).isInstanceOf(PrefixFilteringHandlerMapping.class);

        RequestMappingHandlerMapping plain = new RequestMappingHandlerMapping();
        plain.setApplicationContext(context);
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : live.getHandlerMethods().entrySet()) {
            HandlerMethod resolved = e.getValue().createWithResolvedBean();
            plain.registerMapping(e.getKey(), resolved.getBean(), resolved.getMethod());
        }

        List<MockHttpServletRequest> requests = new ArrayList<>();
        for (RequestMappingInfo info : live.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                String path = pattern.replaceAll("\\{\\*[^}]*}", "a/b").replaceAll("\\{[^}]*}", "x1")
                        .replace("**", "a/b").replace("*", "x1").replace("?", "q");
                for (String variant : List.of(path, path + "/more", path.replace("/x1", "/x1%3A2"), path + ";p=1",
                        path.isEmpty() ? "/" : path.substring(0, path.length() - 1), path.toUpperCase())) {
                    for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                        requests.add(request(info, method.name(), variant, true));
                        requests.add(request(info, method.name(), variant, false));
                    }
                    requests.add(request(info, "DELETE", variant, true));
                }
            }
        }
        assertThat(requests.size()).isGreaterThan(500);

        List<String> differences = new ArrayList<>();
        int answered = 0;
        for (MockHttpServletRequest request : requests) {
            String a = outcome(live, request);
            String b = outcome(plain, request);
            if (!a.equals(b)) {
                differences.add(request.getMethod() + " " + request.getRequestURI() + ": " + a + " instead of " + b);
            }
            if (a.startsWith("method ")) {
                answered++;
            }
        }
        assertThat(differences).isEmpty();
        assertThat(answered).as("requests that reached a controller method").isGreaterThan(requests.size() / 4);
    }

    private static MockHttpServletRequest request(RequestMappingInfo info, String method, String path, boolean satisfy) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        if (satisfy) {
            info.getConsumesCondition().getConsumableMediaTypes().stream().findFirst()
                    .ifPresent(type -> request.setContentType(type.toString()));
            info.getProducesCondition().getProducibleMediaTypes().stream().findFirst()
                    .ifPresent(type -> request.addHeader("Accept", type.toString()));
            for (NameValueExpression<String> p : info.getParamsCondition().getExpressions()) {
                if (!p.isNegated()) {
                    request.addParameter(p.getName(), p.getValue() == null ? "v" : p.getValue());
                }
            }
            for (NameValueExpression<String> h : info.getHeadersCondition().getExpressions()) {
                if (!h.isNegated()) {
                    request.addHeader(h.getName(), h.getValue() == null ? "v" : h.getValue());
                }
            }
        } else {
            request.setContentType(MediaType.TEXT_PLAIN_VALUE);
            request.addHeader("Accept", "image/gif");
        }
        return request;
    }

    private static String outcome(RequestMappingHandlerMapping mapping, MockHttpServletRequest request) {
        ServletRequestPathUtils.parseAndCache(request);
        try {
            HandlerExecutionChain chain = mapping.getHandler(request);
            if (chain == null) {
                return "none";
            }
            return chain.getHandler() instanceof HandlerMethod m ? "method " + m.getMethod() : "handler " + chain.getHandler();
        } catch (Exception e) {
            return e.getClass().getSimpleName();
        } finally {
            ServletRequestPathUtils.clearParsedRequestPath(request);
        }
    }
}
