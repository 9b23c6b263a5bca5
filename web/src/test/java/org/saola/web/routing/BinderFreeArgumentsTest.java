package org.saola.web.routing;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Valid;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.support.ConfigurableWebBindingInitializer;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolverComposite;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.ServletRequestDataBinderFactory;
import tools.jackson.databind.JsonNode;

/**
 * Every argument resolves, with the binder-free resolvers, to what Spring's own resolvers give: the same value,
 * or the same kind of error; and no binder is made for a single text or a plain body, while one still is for a
 * repeated header, a number and a body to validate.
 */
class BinderFreeArgumentsTest {

    @SuppressWarnings("unused")
    void handler(@PathVariable String id, @RequestHeader(value = "Link", required = false) String link,
            @RequestHeader("X-Required") String required, @RequestHeader(value = "X-Default", defaultValue = "d") String withDefault,
            @RequestParam(required = false) String q, @RequestParam(defaultValue = "10") int limit,
            @RequestParam Map<String, String> params, @RequestBody JsonNode body) {
    }

    @SuppressWarnings("unused")
    void validated(@Valid @RequestBody JsonNode body) {
    }

    @SuppressWarnings("unused")
    void optionalBody(@RequestBody(required = false) JsonNode body) {
    }

    private final HandlerMethodArgumentResolverComposite spring = new HandlerMethodArgumentResolverComposite();
    private final HandlerMethodArgumentResolverComposite binderFree = new HandlerMethodArgumentResolverComposite();
    private final AtomicInteger binders = new AtomicInteger();

    BinderFreeArgumentsTest() {
        RequestMappingHandlerAdapter adapter = new RequestMappingHandlerAdapter();
        adapter.setMessageConverters(List.of(new JacksonJsonHttpMessageConverter()));
        var context = new org.springframework.context.support.StaticApplicationContext();
        context.refresh();
        adapter.setApplicationContext(context);
        adapter.afterPropertiesSet();
        spring.addResolvers(adapter.getArgumentResolvers());
        binderFree.addResolvers(BinderFreeArguments.around(adapter.getArgumentResolvers()));
    }

    private MockHttpServletRequest request(String body) {
        MockHttpServletRequest request = new MockHttpServletRequest("PATCH", "/things/urn:a:1");
        request.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, Map.of("id", "urn:a:1"));
        request.addHeader("X-Required", "yes");
        request.setContentType("application/json");
        if (body != null) {
            request.setContent(body.getBytes(StandardCharsets.UTF_8));
        }
        return request;
    }

    /** Each argument of the method, resolved by both: value or exception class, and the binders made. */
    private List<String> resolveAll(HandlerMethodArgumentResolverComposite resolvers, String methodName,
            java.util.function.Supplier<MockHttpServletRequest> requests) throws Exception {
        Method method = java.util.Arrays.stream(getClass().getDeclaredMethods())
                .filter(m -> m.getName().equals(methodName)).findFirst().orElseThrow();
        List<String> out = new ArrayList<>();
        // As Spring MVC sees them: a handler method's parameters, their annotations' aliases resolved.
        MethodParameter[] parameters = new org.springframework.web.method.HandlerMethod(this, method).getMethodParameters();
        for (MethodParameter parameter : parameters) {
            parameter.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
            NativeWebRequest web = new ServletWebRequest(requests.get(), new MockHttpServletResponse());
            var factory = new ServletRequestDataBinderFactory(null, new ConfigurableWebBindingInitializer()) {
                @Override
                public void initBinder(WebDataBinder binder, NativeWebRequest request) throws Exception {
                    binders.incrementAndGet();
                    super.initBinder(binder, request);
                }
            };
            try {
                out.add(String.valueOf(resolvers.resolveArgument(parameter, new ModelAndViewContainer(), web, factory)));
            } catch (Exception e) {
                out.add(e.getClass().getSimpleName());
            }
        }
        return out;
    }

    @Test
    void singleTextsAndAPlainBodyResolveAsSpringResolvesThemWithoutABinder() throws Exception {
        var springValues = resolveAll(spring, "handler", () -> {
            var r = request("{\"value\": 3}");
            r.addParameter("q", "temperature>20");
            return r;
        });
        int springBinders = binders.getAndSet(0);
        var ours = resolveAll(binderFree, "handler", () -> {
            var r = request("{\"value\": 3}");
            r.addParameter("q", "temperature>20");
            return r;
        });
        assertThat(ours).isEqualTo(springValues).containsSubsequence("urn:a:1", "null", "yes", "d", "temperature>20",
                "10", "{q=temperature>20}", "{\"value\":3}");
        assertThat(springBinders).isEqualTo(7);
        assertThat(binders.get()).as("only the int made a binder").isEqualTo(1);
    }

    @Test
    void repeatedTextsMissingOnesAndBadBodiesGetSpringsAnswers() throws Exception {
        java.util.function.Supplier<MockHttpServletRequest> odd = () -> {
            MockHttpServletRequest r = request("{not json");
            r.removeHeader("X-Required");
            r.addHeader("Link", "<a>");
            r.addHeader("Link", "<b>");
            r.addParameter("q", "a", "b");
            r.addParameter("limit", "ten");
            return r;
        };
        var springValues = resolveAll(spring, "handler", odd);
        binders.set(0);
        var ours = resolveAll(binderFree, "handler", odd);
        assertThat(ours).isEqualTo(springValues).containsSubsequence("urn:a:1", "<a>,<b>",
                "MissingRequestHeaderException", "d", "a,b", "MethodArgumentTypeMismatchException");
        assertThat(ours.get(7)).isEqualTo("HttpMessageNotReadableException");
        assertThat(binders.get()).as("the two repeated texts and the int").isEqualTo(3);

        assertThat(resolveAll(binderFree, "optionalBody", () -> request(null)))
                .isEqualTo(resolveAll(spring, "optionalBody", () -> request(null))).containsExactly("null");
        assertThat(resolveAll(binderFree, "handler", () -> request(null)).get(7))
                .isEqualTo("HttpMessageNotReadableException");
    }

    @Test
    void aBodyToValidateStillGetsItsBinder() throws Exception {
        binders.set(0);
        assertThat(resolveAll(binderFree, "validated", () -> request("{\"a\": 1}"))).containsExactly("{\"a\":1}");
        assertThat(binders.get()).isEqualTo(1);
    }
}
