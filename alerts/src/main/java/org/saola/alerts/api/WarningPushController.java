package org.saola.alerts.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.saola.alerts.warnings.WarningPush;
import org.saola.alerts.warnings.WarningService;
import org.saola.platform.InvalidInputException;
import org.saola.platform.TenantId;
import org.saola.platform.security.PublicRoute;
import org.saola.platform.webpush.PushSubscription;
import org.saola.web.shell.PublicTenant;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Warnings pushed to a browser, no account needed: {@code GET /public/v1/warnings/push/key} (the key browsers
 * subscribe with), {@code POST /public/v1/warnings/push/subscriptions} (a browser's {@code PushSubscription.toJSON()}
 * with the wards chosen, or the whole city, and the language) and {@code POST
 * /public/v1/warnings/push/subscriptions/remove} (by endpoint, which only that browser knows).
 */
@RestController
class WarningPushController {

    /** {@code PushSubscription.toJSON()}, the wards (or {@code wholeCity}) and {@code vi} or {@code en}. */
    record PushRequest(Subscription subscription, List<String> wards, Boolean wholeCity, String language) {
        record Subscription(String endpoint, Keys keys) {
        }

        record Keys(String p256dh, String auth) {
        }
    }

    record RemoveRequest(String endpoint) {
    }

    private final WarningPush push;
    private final WarningService warnings;
    private final PublicTenant tenants;

    WarningPushController(WarningPush push, WarningService warnings, PublicTenant tenants) {
        this.push = push;
        this.warnings = warnings;
        this.tenants = tenants;
    }

    @GetMapping("/public/v1/warnings/push/key")
    @PublicRoute("the key browsers subscribe to warnings with is public by design (VAPID)")
    ResponseEntity<Map<String, String>> key() {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(java.time.Duration.ofHours(1)).cachePublic())
                .body(Map.of("publicKey", push.publicKey()));
    }

    @PostMapping("/public/v1/warnings/push/subscriptions")
    @PublicRoute("a browser subscribes to public warnings with no account: its push subscription is its only contact")
    ResponseEntity<Map<String, Object>> subscribe(@RequestBody PushRequest body, HttpServletRequest request) {
        TenantId tenant = tenants.of(request);
        if (body.subscription() == null) {
            throw new InvalidInputException("subscription", "subscription is the browser's PushSubscription.toJSON()");
        }
        PushRequest.Keys keys = body.subscription().keys() == null ? new PushRequest.Keys(null, null) : body.subscription().keys();
        PushSubscription browser = push.accept(body.subscription().endpoint(), keys.p256dh(), keys.auth());
        boolean wholeCity = Boolean.TRUE.equals(body.wholeCity());
        List<String> wards = body.wards() == null ? List.of() : body.wards();
        if (wholeCity && !wards.isEmpty()) {
            throw new InvalidInputException("wards", "choose wards or the whole city, not both");
        }
        if (!wholeCity && wards.stream().allMatch(w -> w == null || w.isBlank())) {
            throw new InvalidInputException("wards", "choose at least one ward, or wholeCity: true");
        }
        String language = body.language() == null ? "vi" : body.language();
        List<String> kept = push.subscribe(tenant, browser, wholeCity ? List.of() : wards, warnings.wards(tenant), language);
        return ResponseEntity.ok(Map.of("wholeCity", wholeCity, "wards", kept, "language", language));
    }

    @PostMapping("/public/v1/warnings/push/subscriptions/remove")
    @PublicRoute("a browser stops its own warnings: it alone knows its endpoint")
    ResponseEntity<Void> remove(@RequestBody RemoveRequest body, HttpServletRequest request) {
        push.unsubscribe(tenants.of(request), body.endpoint());
        return ResponseEntity.noContent().build();
    }
}
