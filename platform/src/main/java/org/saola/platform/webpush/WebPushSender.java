package org.saola.platform.webpush;

import java.io.IOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.saola.platform.TenantId;
import org.saola.platform.outbound.OutboundHttp;
import org.saola.platform.outbound.OutboundRefusedException;

/**
 * Sends one push message (RFC 8030 §5): the payload encrypted for the browser, {@code TTL} (how long the push
 * service keeps it for a browser that is offline), {@code Urgency}, a {@code Topic} so a newer message replaces
 * an older one still waiting, and the VAPID authorization; through the platform's outbound policy.
 */
public class WebPushSender {

    /** What came of a push. */
    public sealed interface Outcome {
    }

    /** The push service took it (201). */
    public record Accepted() implements Outcome {
    }

    /** The subscription is gone (404, 410): the browser unsubscribed or the push service forgot it. Stop sending to it. */
    public record Gone(int status) implements Outcome {
    }

    /** Not taken this time (refused by policy, the service unreachable, 429, 5xx, …): try again later. */
    public record Failed(String why) implements Outcome {
    }

    public enum Urgency {
        VERY_LOW("very-low"), LOW("low"), NORMAL("normal"), HIGH("high");

        final String header;

        Urgency(String header) {
            this.header = header;
        }
    }

    private final OutboundHttp http;
    private final VapidKeys keys;
    private final InstantSource clock;
    private final java.util.List<String> services;

    /** {@code services}: the push services' host names browsers' endpoints must be on. */
    public WebPushSender(OutboundHttp http, VapidKeys keys, InstantSource clock, java.util.List<String> services) {
        this.http = http;
        this.keys = keys;
        this.clock = clock;
        this.services = java.util.List.copyOf(services);
    }

    /** A browser's subscription as it arrives, checked, its endpoint on one of the push services sent to. */
    public PushSubscription accept(String endpoint, String p256dh, String auth) {
        return PushSubscription.accept(endpoint, p256dh, auth, services);
    }

    /** The installation's VAPID public key, for browsers to subscribe with. */
    public String publicKey() {
        return keys.vapid().publicKey();
    }

    /**
     * Pushes a message to a browser. {@code topic}: at most 32 base64url characters, or empty. Never throws for the
     * push service's answer; the outcome says what happened, with nothing of the endpoint or the message in it.
     */
    public Outcome send(Optional<TenantId> tenant, PushSubscription to, byte[] payload, Duration ttl, Urgency urgency,
            Optional<String> topic) {
        byte[] body = WebPushEncryption.encrypt(payload, to.p256dh(), to.auth());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("TTL", Long.toString(Math.max(0, ttl.toSeconds())));
        headers.put("Urgency", urgency.header);
        headers.put("Content-Encoding", "aes128gcm");
        topic.filter(t -> t.matches("[A-Za-z0-9_-]{1,32}")).ifPresent(t -> headers.put("Topic", t));
        headers.put("Authorization", keys.vapid().authorization(to.endpoint(), clock.instant()));
        try {
            OutboundHttp.Response r = http.post(tenant, to.endpoint(), headers, body, "application/octet-stream");
            if (r.status() == 404 || r.status() == 410) {
                return new Gone(r.status());
            }
            if (r.status() / 100 == 2) {
                return new Accepted();
            }
            return new Failed("the push service answered HTTP " + r.status());
        } catch (OutboundRefusedException e) {
            return new Failed("refused by the outbound policy: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            return new Failed("the push service could not be reached: " + e.getClass().getSimpleName());
        }
    }
}
