package org.saola.platform.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The route is called by devices, which prove who they are with their own credentials (the ones they use on
 * MQTT), checked by the handler; staff credentials and API keys are not looked at there. The handler also
 * applies the per-device rate limit. One of the route rules, like {@link PublicRoute}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface DeviceRoute {
    /** What devices do there (shown in the route inventory and docs/security.md). */
    String value();
}
