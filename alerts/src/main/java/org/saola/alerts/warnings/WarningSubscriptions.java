package org.saola.alerts.warnings;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.saola.alerts.cap.CapMessage;
import org.saola.platform.InvalidInputException;
import org.saola.platform.TenantId;
import org.saola.platform.residents.ResidentMessages;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Residents' subscriptions to the public warnings of the wards they choose (or of the whole city). A subscription
 * is the resident's account (signed in by a one-time code, so the contact is the resident's own) and the wards:
 * nothing else is kept. Each published message (issued, updated, cancelled) is queued for its subscribers in the
 * transaction that publishes it, and sent by e-mail or SMS, whichever the account's contact is, with retries
 * ({@link ResidentMessages}), and to browsers ({@link WarningPush}). Which wards a message reaches is the
 * publisher's to say ({@link WarningService}: those it names and those its drawn areas meet).
 */
public class WarningSubscriptions {

    private final JdbcClient jdbc;
    private final ResidentMessages messages;
    private final InstantSource clock;

    private final WarningPush browsers;
    private final org.saola.platform.residents.ResidentConsents consents;

    /** The consent a subscription is ({@link org.saola.platform.residents.ConsentPurpose}). */
    public static final String CONSENT = "alerts.warnings";

    public WarningSubscriptions(JdbcClient jdbc, ResidentMessages messages, WarningPush browsers,
            org.saola.platform.residents.ResidentConsents consents, InstantSource clock) {
        this.consents = consents;
        this.jdbc = jdbc;
        this.messages = messages;
        this.browsers = browsers;
        this.clock = clock;
    }

    /** The wards chosen, trimmed and without repeats; each must be one of the city's. */
    static List<String> checked(List<String> wards, Set<String> known) {
        List<String> chosen = wards == null ? List.of() : wards.stream().map(w -> w == null ? "" : w.strip())
                .filter(w -> !w.isEmpty()).distinct().toList();
        for (String w : chosen) {
            if (!known.contains(w)) {
                throw new InvalidInputException("wards", "'" + w + "' is not a ward of the city");
            }
        }
        return chosen;
    }

    /** The wards a resident chose ({@code Optional.of(empty)}: the whole city), or empty if not subscribed. */
    public Optional<List<String>> of(TenantId tenant, UUID resident) {
        return jdbc.sql("SELECT wards FROM warning_subscription WHERE tenant_id = ? AND resident_id = ?")
                .params(tenant.value(), resident)
                .query((rs, i) -> List.of((String[]) rs.getArray(1).getArray())).optional();
    }

    /** Subscribes a resident, or changes the wards; {@code known}: the city's wards. */
    public void subscribe(TenantId tenant, UUID resident, List<String> wards, Set<String> known) {
        List<String> chosen = checked(wards, known);
        Instant now = clock.instant();
        jdbc.sql("""
                INSERT INTO warning_subscription (tenant_id, resident_id, wards, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, resident_id) DO UPDATE SET wards = excluded.wards, updated_at = excluded.updated_at""")
                .params(tenant.value(), resident, chosen.toArray(String[]::new), Timestamp.from(now), Timestamp.from(now))
                .update();
        consents.given(tenant, resident, CONSENT, "");
    }

    public void unsubscribe(TenantId tenant, UUID resident) {
        jdbc.sql("DELETE FROM warning_subscription WHERE tenant_id = ? AND resident_id = ?").params(tenant.value(), resident)
                .update();
        consents.ended(tenant, resident, CONSENT, "");
    }

    /**
     * Queues a published message for the residents and the browsers that chose one of its wards or the whole city;
     * call in the transaction that publishes it. How many were queued.
     */
    int enqueue(TenantId tenant, UUID warning, String status, String msgType, List<String> wards,
            List<CapMessage.Info> infos, Optional<String> note, String page, DateTimeFormatter time, String severity,
            Instant expires) {
        if (status.equals("Test")) {
            return 0;                 // CAP: a test is for systems, never for people
        }
        List<UUID> residents = jdbc.sql("""
                SELECT resident_id FROM warning_subscription
                WHERE tenant_id = ? AND (wards = '{}' OR wards && ?::text[])""")
                .params(tenant.value(), wards.toArray(String[]::new)).query(UUID.class).list();
        CapMessage.Info vi = infos.get(0);
        CapMessage.Info en = infos.get(1);
        String prefixVi0 = switch (msgType) {
            case "Cancel" -> "Đã hủy: ";
            case "Update" -> "Cập nhật: ";
            default -> "";
        };
        String prefixEn0 = switch (msgType) {
            case "Cancel" -> "Cancelled: ";
            case "Update" -> "Update: ";
            default -> "";
        };
        String prefixVi = status.equals("Exercise") ? "DIỄN TẬP: " + prefixVi0 : prefixVi0;
        String prefixEn = status.equals("Exercise") ? "EXERCISE: " + prefixEn0 : prefixEn0;
        int pushed = browsers.enqueue(tenant, warning, wards, push(vi, prefixVi, msgType, note, true),
                push(en, prefixEn, msgType, note, false), page,
                !msgType.equals("Cancel") && (severity.equals("Extreme") || severity.equals("Severe")), expires);
        if (residents.isEmpty()) {
            return pushed;
        }
        String subject = "[Cảnh báo / Warning] " + prefixVi + vi.headline() + " / " + prefixEn + en.headline();
        StringBuilder body = new StringBuilder();
        for (CapMessage.Info i : List.of(vi, en)) {
            boolean v = i == vi;
            body.append(v ? prefixVi : prefixEn).append(i.headline()).append("\n\n");
            if (msgType.equals("Cancel")) {
                body.append(v ? "Cảnh báo này đã được hủy" : "This warning is cancelled").append(note.map(n -> ": " + n).orElse("."))
                        .append("\n");
            } else {
                body.append(i.description()).append("\n");
                i.instruction().ifPresent(s -> body.append(v ? "Cần làm gì: " : "What to do: ").append(s).append("\n"));
                body.append(v ? "Khu vực: " : "Areas: ").append(String.join("; ", i.areas().stream().map(CapMessage.Area::areaDesc).toList()))
                        .append("\n");
                i.expires().ifPresent(e -> body.append(v ? "Hiệu lực đến: " : "In effect until: ").append(time.format(e)).append("\n"));
            }
            body.append("\n");
        }
        body.append(page).append("\n");
        body.append("Ngừng nhận / Stop these messages: ").append(page.replaceAll("/[^/]+$", "")).append("/subscribe\n");
        messages.enqueueAll(tenant, residents, subject, body.toString());
        return residents.size() + pushed;
    }

    /** A notification's text: the headline as its title; what to do first (a notification shows only a few lines). */
    private static WarningPush.Text push(CapMessage.Info i, String prefix, String msgType, Optional<String> note, boolean vi) {
        String body;
        if (msgType.equals("Cancel")) {
            body = (vi ? "Cảnh báo này đã được hủy" : "This warning is cancelled") + note.map(n -> ": " + n).orElse(".");
        } else {
            body = i.instruction().map(s -> s + "\n").orElse("") + i.description();
        }
        return new WarningPush.Text(shorter(prefix + i.headline(), 200), shorter(body, 1000));
    }

    /** At most {@code max} characters (code points: an emoji is never cut in two). */
    private static String shorter(String s, int max) {
        return s.codePointCount(0, s.length()) <= max ? s : s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
    }
}
