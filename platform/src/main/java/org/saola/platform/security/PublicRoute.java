package org.saola.platform.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The route may be called by anyone, signed in or not. Every route carries exactly one rule
 * ({@code PublicRoute}, {@link ResidentRoute} or {@link RequiresPermission}) on its method or its class; a
 * test fails on a route without one, and such a route is refused at run time.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface PublicRoute {
    /** Why anyone may call it (shown in the route inventory and docs/security.md). */
    String value();
}
