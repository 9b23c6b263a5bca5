package org.saola.web.security;

import java.lang.reflect.Method;
import org.saola.platform.security.Permission;
import org.saola.platform.security.DeviceRoute;
import org.saola.platform.security.PublicRoute;
import org.saola.platform.security.RequiresPermission;
import org.saola.platform.security.ResidentRoute;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Who may call a route, as its handler declares it ({@link PublicRoute}, {@link ResidentRoute},
 * {@link RequiresPermission} on the method, else on its class). A handler that declares none, or two at
 * once, gets {@link Undeclared}: refused at run time and reported by the route inventory test.
 */
public sealed interface RouteRule {

    record Public(String why) implements RouteRule {
    }

    record Resident() implements RouteRule {
    }

    record Needs(Permission permission) implements RouteRule {
    }

    /** Devices with their own credentials, checked by the handler ({@link DeviceRoute}). */
    record Device(String why) implements RouteRule {
    }

    record Undeclared(String problem) implements RouteRule {
    }

    static RouteRule of(Method method, Class<?> handlerType) {
        if (org.springframework.boot.webmvc.error.ErrorController.class.isAssignableFrom(handlerType)) {
            // The framework's error page renders the error of another request, which had its own rule.
            return new Public("renders the error of a request that was itself checked");
        }
        if (handlerType.getName().startsWith("org.springdoc.")) {
            // The OpenAPI document and its UI: for staff, like the console (docs/security.md).
            return new Needs(Permission.DIRECTORY_READ);
        }
        RouteRule onMethod = declared(method);
        if (onMethod != null) {
            return onMethod;
        }
        RouteRule onClass = declared(handlerType);
        return onClass != null ? onClass
                : new Undeclared("no @PublicRoute, @ResidentRoute, @RequiresPermission or @DeviceRoute on the method or its class");
    }

    private static RouteRule declared(java.lang.reflect.AnnotatedElement element) {
        PublicRoute p = AnnotatedElementUtils.findMergedAnnotation(element, PublicRoute.class);
        ResidentRoute r = AnnotatedElementUtils.findMergedAnnotation(element, ResidentRoute.class);
        RequiresPermission n = AnnotatedElementUtils.findMergedAnnotation(element, RequiresPermission.class);
        DeviceRoute d = AnnotatedElementUtils.findMergedAnnotation(element, DeviceRoute.class);
        int count = (p != null ? 1 : 0) + (r != null ? 1 : 0) + (n != null ? 1 : 0) + (d != null ? 1 : 0);
        if (count > 1) {
            return new Undeclared("more than one rule on " + element);
        }
        if (p != null) {
            return new Public(p.value());
        }
        if (r != null) {
            return new Resident();
        }
        if (d != null) {
            return new Device(d.value());
        }
        return n != null ? new Needs(n.value()) : null;
    }
}
