package org.saola.web.routing;

import java.util.List;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.annotation.AbstractNamedValueMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.RequestResponseBodyMethodProcessor;

/**
 * Spring MVC's own argument resolvers, without a data binder where it has nothing to do. For every
 * {@code @PathVariable}, {@code @RequestHeader} and {@code @RequestParam} argument, Spring creates a data binder
 * (with its initialiser, conversion service and binding result) to convert the text it found to the parameter's
 * type, even when that type is {@code String}; and for every {@code @RequestBody}, one to validate the body and put
 * a binding result in the model, even when nothing asks for validation. Under 64 clients' PATCHes (six such
 * arguments a request) that was 5 % of the JVM's CPU (docs/PERFORMANCE.md, session 35).
 *
 * <p>Here the same resolvers run without a binder factory for:
 * <ul>
 * <li>a {@code String} parameter whose value is found as a single text (or is absent: Spring's defaults, required
 *     checks and errors are unchanged, they come before the conversion). A repeated header or parameter comes as
 *     several texts: that argument is resolved again with the binder, which joins them as Spring does;</li>
 * <li>a {@code @RequestBody} parameter carrying no other annotation (no {@code @Valid}, {@code @Validated} or
 *     constraint), whose binder would only have looked for validation hints and found none.</li>
 * </ul>
 * Saola registers no {@code @InitBinder} and no property editor for {@code String}: with one, a binder would have
 * work to do and this shortcut would have to go. {@code BinderFreeArgumentsTest} checks that each argument resolves
 * to what Spring's own resolution gives, errors included.
 */
final class BinderFreeArguments implements HandlerMethodArgumentResolver {

    private final HandlerMethodArgumentResolver spring;
    /** Spring's {@code @RequestBody} resolver; otherwise one of its named-value resolvers. */
    private final boolean body;

    private BinderFreeArguments(HandlerMethodArgumentResolver spring) {
        this.spring = spring;
        this.body = spring instanceof RequestResponseBodyMethodProcessor;
    }

    /**
     * The adapter's resolvers, with the named-value and {@code @RequestBody} ones wrapped; the others make no
     * binder or have work for it, and stay as they are.
     */
    static List<HandlerMethodArgumentResolver> around(List<HandlerMethodArgumentResolver> resolvers) {
        return resolvers.stream()
                .map(r -> r instanceof AbstractNamedValueMethodArgumentResolver || r instanceof RequestResponseBodyMethodProcessor
                        ? new BinderFreeArguments(r) : r)
                .toList();
    }

    /** Spring's adapter with the resolvers above, set after Spring has built its list. */
    static RequestMappingHandlerAdapter adapter() {
        return new RequestMappingHandlerAdapter() {
            @Override
            public void afterPropertiesSet() {
                super.afterPropertiesSet();
                setArgumentResolvers(around(getArgumentResolvers()));
            }
        };
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return spring.supportsParameter(parameter);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest, WebDataBinderFactory binderFactory) throws Exception {
        if (body) {
            return spring.resolveArgument(parameter, mavContainer, webRequest, plainBody(parameter) ? null : binderFactory);
        }
        if (binderFactory != null && textByName(parameter)) {
            Object text = spring.resolveArgument(parameter, mavContainer, webRequest, null);
            if (text == null || text instanceof String) {
                return text;
            }
            // Several values (a repeated header or parameter): Spring's binder joins them.
        }
        return spring.resolveArgument(parameter, mavContainer, webRequest, binderFactory);
    }

    private static boolean textByName(MethodParameter parameter) {
        return parameter.getParameterType() == String.class
                && (parameter.hasParameterAnnotation(PathVariable.class)
                        || parameter.hasParameterAnnotation(RequestHeader.class)
                        || parameter.hasParameterAnnotation(RequestParam.class));
    }

    private static boolean plainBody(MethodParameter parameter) {
        return parameter.getParameterAnnotations().length == 1 && parameter.hasParameterAnnotation(RequestBody.class);
    }
}
