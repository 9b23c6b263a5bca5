package org.saola.alerts.notify;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.saola.alerts.domain.Alert;
import org.saola.alerts.domain.RuleActions;
import org.saola.alerts.store.AlertStore;
import org.saola.platform.outbound.OutboundHttp;
import org.saola.platform.residents.Contact;
import org.saola.platform.residents.ResidentAccounts;
import org.saola.platform.security.Departments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends the notifications that are due: by e-mail (SMTP), by SMS through the city's gateway, or as a signed
 * webhook call (through the outbound policy, like every call Saola makes). A failure is tried again after 30 s,
 * 1, 2, 4 … minutes (at most an hour apart), eight times in all, then marked {@code FAILED}; every error is kept
 * on the alert.
 */
public class Notifier {

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);
    static final int ATTEMPTS = 8;
    /** Longer than a batch can take: five sends, each at most the outbound timeouts (15 s) or the mail server's. */
    static final Duration LEASE = Duration.ofMinutes(5);
    static final int BATCH = 5;

    private final NotificationStore outbox;
    private final ChannelStore channels;
    private final AlertStore alerts;
    private final Departments departments;
    /** E-mail and SMS go out by the installation's own channels, as residents' messages do. */
    private final ResidentAccounts senders;
    private final OutboundHttp http;
    private final JsonMapper json;
    private final InstantSource clock;
    private final String publicUrl;
    private final DateTimeFormatter time;

    public Notifier(NotificationStore outbox, ChannelStore channels, AlertStore alerts, Departments departments,
            ResidentAccounts senders, OutboundHttp http, JsonMapper json, InstantSource clock, String publicUrl, ZoneId zone) {
        this.outbox = outbox;
        this.channels = channels;
        this.alerts = alerts;
        this.departments = departments;
        this.senders = senders;
        this.http = http;
        this.json = json;
        this.clock = clock;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.time = DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy").withZone(zone);
    }

    /** The delay before attempt {@code n + 1} after {@code n} failed ones. */
    static Duration backOff(int failed) {
        long seconds = 30L << Math.min(failed - 1, 10);
        return Duration.ofSeconds(Math.min(seconds, 3600));
    }

    /** Sends what is due; how many were tried. */
    public int sendDue() {
        List<Notification> due = outbox.claimDue(clock.instant(), LEASE, BATCH);
        for (Notification n : due) {
            String error;
            try {
                send(n);
                outbox.sent(n, clock.instant());
                continue;
            } catch (NotSent e) {
                error = e.getMessage();
            } catch (RuntimeException e) {
                error = "could not be sent: " + e.getClass().getSimpleName();   // never the address or the text
            }
            int failed = n.attempts() + 1;
            Optional<Instant> retry = failed >= ATTEMPTS ? Optional.empty() : Optional.of(clock.instant().plus(backOff(failed)));
            outbox.failed(n, error, retry);
            log.warn("Notification {} of alert {} to '{}' failed (attempt {}): {}", n.id(), n.alertId(), n.channel(),
                    failed, error);
        }
        return due.size();
    }

    /** Why a message could not be sent, as people will read it on the alert. */
    static final class NotSent extends Exception {
        NotSent(String message) {
            super(message, null, false, false);
        }
    }

    private void send(Notification n) throws NotSent {
        Alert a = alerts.find(n.tenant(), n.alertId()).orElseThrow(() -> new NotSent("the alert no longer exists"));
        if (n.channel().equals(RuleActions.DEPARTMENT)) {
            String email = a.department().flatMap(code -> departments.find(n.tenant(), code)).flatMap(d -> d.contactEmail())
                    .orElseThrow(() -> new NotSent("the alert's department has no contact e-mail"));
            mail(email, a, n.event());
            return;
        }
        Channel c = channels.find(n.tenant(), n.channel()).orElseThrow(() -> new NotSent("channel '" + n.channel()
                + "' no longer exists"));
        if (!c.enabled()) {
            throw new NotSent("channel '" + c.name() + "' is disabled");
        }
        switch (c.kind()) {
            case EMAIL -> mail(c.target(), a, n.event());
            case SMS -> sms(c.target(), a, n.event());
            case WEBHOOK -> webhook(c, n, a);
        }
    }

    private String subject(Alert a, String event) {
        return switch (event) {
            case "RAISED" -> "[Saola] Cảnh báo / Alert ";
            case "ESCALATED" -> "[Saola] Chưa ai nhận xử lý / Not acknowledged ";
            default -> "[Saola] Đã xử lý / Resolved ";
        } + a.severity() + ": " + a.ruleName();
    }

    /** The alert in both languages, when, and where to work it. */
    String text(Alert a, String event) {
        boolean raised = !event.equals("RESOLVED");
        return switch (event) {
            case "RAISED" -> "Cảnh báo mới / New alert";
            case "ESCALATED" -> "Cảnh báo chưa ai nhận xử lý / Alert not acknowledged in time";
            default -> "Cảnh báo đã được xử lý / Alert resolved";
        } + "\n\n"
                + a.messageVi() + "\n" + a.messageEn() + "\n\n"
                + "Mức độ / Severity: " + a.severity() + "\n"
                + "Đối tượng / Entity: " + a.entityId() + "\n"
                + "Lúc / At: " + time.format(raised ? a.raisedAt() : a.resolvedAt().orElse(a.updatedAt())) + "\n"
                + "Xem / Open: " + publicUrl + "/operations/alerts#alert-" + a.id() + "\n";
    }

    private void mail(String to, Alert a, String event) throws NotSent {
        send(new Contact(Contact.Kind.EMAIL, to), subject(a, event), text(a, event));
    }

    private void sms(String to, Alert a, String event) throws NotSent {
        String text = switch (event) {
            case "RAISED" -> "Canh bao ";
            case "ESCALATED" -> "Chua ai nhan xu ly ";
            default -> "Da xu ly ";
        } + a.severity() + ": " + a.messageVi();
        send(new Contact(Contact.Kind.PHONE, to), null, text.length() > 300 ? text.substring(0, 300) : text);
    }

    private void send(Contact to, String subject, String text) throws NotSent {
        try {
            senders.sendNow(to, subject, text);
        } catch (RuntimeException e) {
            throw new NotSent(String.valueOf(e.getMessage()));
        }
    }

    /**
     * A webhook call: the alert as JSON, with {@code X-Saola-Event}, {@code X-Saola-Delivery} (the notification's id:
     * a receiver drops a repeat) and {@code X-Saola-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">}.
     */
    private void webhook(Channel c, Notification n, Alert a) throws NotSent {
        String secret = channels.secret(n.tenant(), c.name()).orElseThrow(() -> new NotSent("the webhook has no secret"));
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("id", a.id().toString());
        alert.put("rule", a.ruleName());
        alert.put("entityId", a.entityId());
        alert.put("entityType", a.entityType());
        alert.put("severity", a.severity().name());
        alert.put("status", a.status().name());
        alert.put("department", a.department().orElse(null));
        alert.put("messageVi", a.messageVi());
        alert.put("messageEn", a.messageEn());
        alert.put("values", a.triggerValues());
        alert.put("raisedAt", a.raisedAt().toString());
        alert.put("resolvedAt", a.resolvedAt().map(Instant::toString).orElse(null));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", n.event());
        body.put("delivery", n.id().toString());
        body.put("alert", alert);
        byte[] bytes = json.writeValueAsBytes(body);
        long t = clock.instant().getEpochSecond();
        Map<String, String> headers = Map.of("X-Saola-Event", n.event(), "X-Saola-Delivery", n.id().toString(),
                "X-Saola-Signature", "t=" + t + ",v1=" + sign(secret, t, bytes));
        try {
            OutboundHttp.Response r = http.post(Optional.of(n.tenant()), URI.create(c.target()), headers, bytes,
                    "application/json");
            if (r.status() / 100 != 2) {
                throw new NotSent("the webhook answered HTTP " + r.status());
            }
        } catch (java.io.IOException | RuntimeException e) {
            throw new NotSent("the webhook could not be called: " + e.getMessage());
        }
    }

    /** The signature of a webhook call: hex HMAC-SHA256, keyed by the channel's secret, of {@code "<t>.<body>"}. */
    public static String sign(String secret, long t, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
