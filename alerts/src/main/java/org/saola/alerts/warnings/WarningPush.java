package org.saola.alerts.warnings;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.saola.platform.InvalidInputException;
import org.saola.platform.TenantId;
import org.saola.platform.residents.ContactCipher;
import org.saola.platform.webpush.P256;
import org.saola.platform.webpush.PushSubscription;
import org.saola.platform.webpush.WebPushSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Warnings sent to browsers by Web Push, with no account: a browser subscribes with its push subscription and the
 * wards chosen (none: the whole city), sealed at rest; each published message is queued for the browsers whose
 * wards it names in the transaction that publishes it, then pushed (encrypted for that browser alone, VAPID-signed)
 * by whichever node leases it, retried with back-off until the warning expires. A subscription the push service
 * says is gone (404, 410) is deleted with what was queued for it.
 */
public class WarningPush {

    private static final Logger log = LoggerFactory.getLogger(WarningPush.class);
    /** Longer than a batch can take at the outbound policy's longest waits (10 × (5 s + 10 s)), so no push goes twice. */
    static final Duration LEASE = Duration.ofMinutes(5);
    private static final int BATCH = 10;
    /** Pushes sent or given up are kept this long (to see what went), then deleted. */
    static final Duration KEEP = Duration.ofDays(7);
    /** RFC 8030 lets a push service cap TTL; four weeks is what the large ones keep at most. */
    private static final Duration LONGEST_TTL = Duration.ofDays(28);

    private final JdbcClient jdbc;
    private final ContactCipher cipher;
    private final WebPushSender sender;
    private final JsonMapper json;
    private final InstantSource clock;
    private volatile Instant lastCleared = Instant.EPOCH;

    public WarningPush(JdbcClient jdbc, ContactCipher cipher, WebPushSender sender, JsonMapper json, InstantSource clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.sender = sender;
        this.json = json;
        this.clock = clock;
    }

    /** A browser's subscription as it arrives, checked: its endpoint on a push service the city sends to. */
    public PushSubscription accept(String endpoint, String p256dh, String auth) {
        return sender.accept(endpoint, p256dh, auth);
    }

    /** The key browsers subscribe with ({@code applicationServerKey}). */
    public String publicKey() {
        return sender.publicKey();
    }

    /**
     * Subscribes a browser, or changes its wards and language (a browser is known by its endpoint); {@code wards}
     * empty: every warning of the city; {@code known}: the city's wards. The wards kept (trimmed, no repeats).
     */
    public List<String> subscribe(TenantId tenant, PushSubscription browser, List<String> wards, Set<String> known,
            String language) {
        if (!language.equals("vi") && !language.equals("en")) {
            throw new InvalidInputException("language", "language is vi or en");
        }
        List<String> chosen = WarningSubscriptions.checked(wards, known);
        String endpoint = browser.endpoint().toString();
        Instant now = clock.instant();
        jdbc.sql("""
                INSERT INTO warning_push_subscription (tenant_id, id, endpoint_lookup, endpoint, p256dh, auth, wards, language,
                    created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, endpoint_lookup) DO UPDATE SET p256dh = excluded.p256dh, auth = excluded.auth,
                    wards = excluded.wards, language = excluded.language, updated_at = excluded.updated_at""")
                .params(tenant.value(), UUID.randomUUID(), cipher.lookup(endpoint), cipher.encrypt(endpoint),
                        cipher.encrypt(P256.base64Url(browser.p256dh())), cipher.encrypt(P256.base64Url(browser.auth())),
                        chosen.toArray(String[]::new), language, Timestamp.from(now), Timestamp.from(now))
                .update();
        return chosen;
    }

    /** Forgets a browser (and what was queued for it); whether it was subscribed. */
    public boolean unsubscribe(TenantId tenant, String endpoint) {
        if (endpoint == null || endpoint.isBlank()) {
            throw new InvalidInputException("endpoint", "endpoint is the browser's push endpoint");
        }
        return jdbc.sql("DELETE FROM warning_push_subscription WHERE tenant_id = ? AND endpoint_lookup = ?")
                .params(tenant.value(), cipher.lookup(endpoint.strip())).update() > 0;
    }

    /** One message's text in a language. */
    record Text(String title, String body) {
    }

    /**
     * Queues a message for the browsers that chose one of its wards or the whole city, in each one's language; call
     * in the transaction that publishes it. How many were queued.
     */
    int enqueue(TenantId tenant, UUID warning, List<String> wards, Text vi, Text en, String url, boolean urgent, Instant expires) {
        Instant now = clock.instant();
        return jdbc.sql("""
                INSERT INTO warning_push (tenant_id, id, subscription_id, warning_id, title, body, url, language, urgent,
                    expires_at, created_at, next_attempt_at)
                SELECT tenant_id, gen_random_uuid(), id, ?, CASE WHEN language = 'vi' THEN ? ELSE ? END,
                       CASE WHEN language = 'vi' THEN ? ELSE ? END, ?, language, ?, ?, ?, ?
                FROM warning_push_subscription WHERE tenant_id = ? AND (wards = '{}' OR wards && ?::text[])""")
                .params(warning, vi.title(), en.title(), vi.body(), en.body(), url, urgent, Timestamp.from(expires),
                        Timestamp.from(now), Timestamp.from(now), tenant.value(), wards.toArray(String[]::new))
                .update();
    }

    private record Due(String tenant, UUID id, UUID subscription, UUID warning, String title, String body, String url,
            String language, boolean urgent, Instant expires, int attempts, byte[] endpoint, byte[] p256dh, byte[] auth) {
    }

    /** Pushes the messages due now (a batch at most); how many the push services took. */
    public int deliverDue() {
        Instant now = clock.instant();
        clearOld(now);
        List<Due> due = jdbc.sql("""
                UPDATE warning_push m SET next_attempt_at = ?, attempts = m.attempts + 1
                FROM (SELECT tenant_id, id FROM warning_push
                      WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ?
                      ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED) d, warning_push_subscription s
                WHERE m.tenant_id = d.tenant_id AND m.id = d.id AND s.tenant_id = m.tenant_id AND s.id = m.subscription_id
                RETURNING m.tenant_id, m.id, m.subscription_id, m.warning_id, m.title, m.body, m.url, m.language, m.urgent,
                          m.expires_at, m.attempts, s.endpoint, s.p256dh, s.auth""")
                .params(Timestamp.from(now.plus(LEASE)), Timestamp.from(now), BATCH)
                .query((rs, i) -> new Due(rs.getString(1), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                        rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getBoolean(9), rs.getTimestamp(10).toInstant(), rs.getInt(11), rs.getBytes(12), rs.getBytes(13),
                        rs.getBytes(14)))
                .list();
        int sent = 0;
        for (Due d : due) {
            Instant at = clock.instant();
            if (!d.expires().isAfter(at)) {
                finish(d, "failed_at", "the warning expired before the push service took it", at);
                continue;
            }
            WebPushSender.Outcome outcome;
            try {
                PushSubscription to = PushSubscription.parse(cipher.decrypt(d.endpoint()), cipher.decrypt(d.p256dh()),
                        cipher.decrypt(d.auth()));
                byte[] payload = json.writeValueAsBytes(java.util.Map.of("title", d.title(), "body", d.body(), "url", d.url(),
                        "lang", d.language(), "tag", "warning-" + d.warning(), "urgent", d.urgent()));
                Duration ttl = Duration.between(at, d.expires());
                outcome = sender.send(Optional.of(TenantId.of(d.tenant())), to, payload,
                        ttl.compareTo(LONGEST_TTL) > 0 ? LONGEST_TTL : ttl,
                        d.urgent() ? WebPushSender.Urgency.HIGH : WebPushSender.Urgency.NORMAL,
                        Optional.of(d.warning().toString().replace("-", "")));
            } catch (RuntimeException e) {
                outcome = new WebPushSender.Failed(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            switch (outcome) {
                case WebPushSender.Accepted a -> {
                    finish(d, "sent_at", null, clock.instant());
                    sent++;
                }
                case WebPushSender.Gone g -> {
                    log.debug("A browser's push subscription is gone (HTTP {}); it is deleted", g.status());
                    jdbc.sql("DELETE FROM warning_push_subscription WHERE tenant_id = ? AND id = ?")
                            .params(d.tenant(), d.subscription()).update();
                }
                case WebPushSender.Failed f -> {
                    // 1, 2, 4, … 32 minutes; the warning's expiry ends the tries
                    Duration wait = Duration.ofMinutes(1L << Math.min(5, d.attempts() - 1));
                    jdbc.sql("""
                            UPDATE warning_push SET next_attempt_at = ?, last_error = ?
                            WHERE tenant_id = ? AND id = ? AND attempts = ?""")
                            .params(Timestamp.from(clock.instant().plus(wait)), f.why(), d.tenant(), d.id(), d.attempts())
                            .update();
                }
            }
        }
        return sent;
    }

    private void finish(Due d, String column, String error, Instant at) {
        // only while the lease is ours (another node re-leasing it would have raised attempts)
        jdbc.sql("UPDATE warning_push SET " + column + " = ?, last_error = ? WHERE tenant_id = ? AND id = ? AND attempts = ?")
                .params(Timestamp.from(at), error, d.tenant(), d.id(), d.attempts()).update();
    }

    /** Deletes, at most hourly, what was pushed or given up more than {@link #KEEP} ago. */
    private void clearOld(Instant now) {
        if (Duration.between(lastCleared, now).compareTo(Duration.ofHours(1)) < 0) {
            return;
        }
        lastCleared = now;
        jdbc.sql("DELETE FROM warning_push WHERE (sent_at IS NOT NULL OR failed_at IS NOT NULL) AND created_at < ?")
                .params(Timestamp.from(now.minus(KEEP))).update();
    }
}
