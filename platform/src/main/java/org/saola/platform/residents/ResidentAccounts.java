package org.saola.platform.residents;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.saola.platform.InvalidInputException;
import org.saola.platform.NotFoundException;
import org.saola.platform.TenantId;
import org.saola.platform.audit.AuditLog;
import org.saola.platform.security.RateLimits;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * Residents' optional accounts, without passwords: a resident asks for a code sent to their e-mail address or
 * phone, and types it back. A code has six digits, lasts {@link #CODE_LIFETIME}, works once, and allows
 * {@link #MAX_ATTEMPTS} tries; a contact gets at most a few codes per window. The contact itself is kept
 * encrypted in a table of its own ({@code resident_contact}); reading it is for staff with a reason, and
 * each read is in the audit log.
 */
public class ResidentAccounts {

    static final Duration CODE_LIFETIME = Duration.ofMinutes(10);
    static final int MAX_ATTEMPTS = 5;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A code sent: what the resident's next step refers to (never the code itself). */
    public record CodeRequest(UUID id, String maskedContact) {
    }

    /** Why a code was not accepted. */
    public static final class CodeRefusedException extends InvalidInputException {
        public CodeRefusedException(String message, String key, Object... args) {
            super("code", message, key, args);
        }
    }

    private final JdbcClient jdbc;
    private final ContactCipher cipher;
    private final List<OneTimeCodeSender> senders;
    private final InstantSource clock;
    private final RateLimits limits;
    private final AuditLog audit;

    public ResidentAccounts(JdbcClient jdbc, ContactCipher cipher, List<OneTimeCodeSender> senders,
            InstantSource clock, RateLimits limits, AuditLog audit) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.senders = senders;
        this.clock = clock;
        this.limits = limits;
        this.audit = audit;
    }

    /** Which channels this installation can send codes by. */
    public boolean canSend(Contact.Kind kind) {
        return sender(kind).isPresent();
    }

    /** The channel messages to a contact of this kind go by, if this installation has one. */
    Optional<OneTimeCodeSender> sender(Contact.Kind kind) {
        return senders.stream().filter(s -> s.channel() == kind).findFirst();
    }

    /**
     * Sends a text to a contact straight away, keeping nothing of it (unlike {@link ResidentMessages}): for what
     * must never be stored with a resident, like the code and receipt of a ballot voted by SMS.
     */
    public void sendNow(Contact to, String text) {
        sendNow(to, null, text);
    }

    /**
     * The same with a subject (mail uses it; an SMS has none): also for what other modules send to a contact that is
     * not a resident's, like an alert to a department's address, by the installation's own channels.
     */
    public void sendNow(Contact to, String subject, String text) {
        OneTimeCodeSender sender = sender(to.kind())
                .orElseThrow(() -> new CodeNotSentException("this city sends no messages to " + to.kind()));
        if (subject == null) {
            sender.send(to, text);
        } else {
            sender.send(to, subject, text);
        }
    }

    /** Sends a new code to the contact the resident typed. */
    public CodeRequest requestCode(TenantId tenant, String typedContact) {
        Contact contact = Contact.parse(typedContact);
        OneTimeCodeSender sender = sender(contact.kind())
                .orElseThrow(() -> contact.kind() == Contact.Kind.EMAIL
                        ? new InvalidInputException("contact", "this city does not send codes by e-mail; use a telephone number",
                                "problem.contact.noEmail")
                        : new InvalidInputException("contact", "this city does not send codes by SMS; use an e-mail address",
                                "problem.contact.noSms"));
        byte[] lookup = cipher.lookup(contact.value());
        RateLimits.Verdict v = limits.codeRequest(java.util.HexFormat.of().formatHex(lookup));
        if (!v.allowed()) {
            long minutes = Math.max(1, v.retryAfterSeconds() / 60);
            throw new InvalidInputException("contact", "a code was sent to this contact several times just now; wait "
                    + minutes + " min and try again", "problem.contact.slowDown", minutes);
        }
        String code = String.format("%06d", RANDOM.nextInt(1_000_000));
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.sql("""
                INSERT INTO resident_sign_in_code (tenant_id, id, lookup, contact_encrypted, code_hash, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(tenant.value(), id, lookup, cipher.encrypt(contact.value()), cipher.lookup(id + ":" + code),
                        Timestamp.from(now), Timestamp.from(now.plus(CODE_LIFETIME))).update();
        sender.send(contact, "Mã đăng nhập Saola của bạn là " + code + " (hết hạn sau 10 phút). Không chia sẻ mã này.\n"
                + "Your Saola sign-in code is " + code + " (valid for 10 minutes). Do not share it.");
        return new CodeRequest(id, contact.masked());
    }

    /** Checks the code typed for a request; on success the resident's account (created on first sign-in). */
    @Transactional(noRollbackFor = CodeRefusedException.class)
    public ResidentPrincipal signIn(TenantId tenant, UUID requestId, String typedCode) {
        Optional<Object[]> row = jdbc.sql("""
                SELECT lookup, code_hash, expires_at, attempts, used_at, contact_encrypted FROM resident_sign_in_code
                WHERE tenant_id = ? AND id = ? FOR UPDATE""").params(tenant.value(), requestId)
                .query((rs, i) -> new Object[] {rs.getBytes(1), rs.getBytes(2), rs.getTimestamp(3).toInstant(),
                        rs.getInt(4), rs.getTimestamp(5), rs.getBytes(6)}).optional();
        if (row.isEmpty()) {
            throw new CodeRefusedException("this sign-in has expired; ask for a new code", "problem.code.signInExpired");
        }
        byte[] lookup = (byte[]) row.get()[0];
        if (row.get()[4] != null) {
            throw new CodeRefusedException("this code has been used already; ask for a new one", "problem.code.used");
        }
        if (clock.instant().isAfter((Instant) row.get()[2])) {
            throw new CodeRefusedException("this code has expired; ask for a new one", "problem.code.expired");
        }
        int attempts = (Integer) row.get()[3];
        if (attempts >= MAX_ATTEMPTS) {
            throw new CodeRefusedException("too many wrong codes; ask for a new one", "problem.code.tooMany");
        }
        String code = typedCode == null ? "" : typedCode.replaceAll("\\s", "");
        if (!MessageDigest.isEqual(cipher.lookup(requestId + ":" + code), (byte[]) row.get()[1])) {
            jdbc.sql("UPDATE resident_sign_in_code SET attempts = attempts + 1 WHERE tenant_id = ? AND id = ?")
                    .params(tenant.value(), requestId).update();
            int left = MAX_ATTEMPTS - attempts - 1;
            throw left > 0
                    ? new CodeRefusedException("this is not the code we sent; " + left + " tries left", "problem.code.wrong", left)
                    : new CodeRefusedException("this is not the code we sent; ask for a new one", "problem.code.wrongLast");
        }
        jdbc.sql("UPDATE resident_sign_in_code SET used_at = ?, contact_encrypted = NULL WHERE tenant_id = ? AND id = ?")
                .params(Timestamp.from(clock.instant()), tenant.value(), requestId).update();
        return new ResidentPrincipal(tenant, residentFor(tenant, lookup, cipher.decrypt((byte[]) row.get()[5]), true));
    }

    /**
     * The resident whose contact this is, created on first use with the contact encrypted; {@code signingIn}
     * records the sign-in.
     */
    private UUID residentFor(TenantId tenant, byte[] lookup, String contactValue, boolean signingIn) {
        // Two first sign-ins of one contact at once: the second waits, then finds the first's account.
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")
                .param(tenant.value() + ":" + java.util.HexFormat.of().formatHex(lookup)).query((rs, i) -> 1).list();
        Optional<UUID> existing = jdbc.sql("SELECT resident_id FROM resident_contact WHERE tenant_id = ? AND lookup = ?")
                .params(tenant.value(), lookup).query(UUID.class).optional();
        Instant now = clock.instant();
        if (existing.isPresent()) {
            if (signingIn) {
                jdbc.sql("UPDATE resident SET last_signed_in_at = ? WHERE tenant_id = ? AND id = ?")
                        .params(Timestamp.from(now), tenant.value(), existing.get()).update();
            }
            return existing.get();
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO resident (tenant_id, id, created_at, last_signed_in_at) VALUES (?, ?, ?, ?)")
                .params(tenant.value(), id, Timestamp.from(now), signingIn ? Timestamp.from(now) : null).update();
        Contact contact = Contact.parse(contactValue);
        jdbc.sql("INSERT INTO resident_contact (tenant_id, resident_id, kind, lookup, value_encrypted) VALUES (?, ?, ?, ?, ?)")
                .params(tenant.value(), id, contact.kind().name(), lookup, cipher.encrypt(contact.value())).update();
        return id;
    }

    /**
     * The resident a contact belongs to, recorded without a sign-in (a report's optional contact): created with
     * the contact encrypted if no one has given it yet, so that signing in later with it finds the same
     * account. A name given is kept encrypted if the resident has none yet.
     */
    @Transactional
    public UUID recordContact(TenantId tenant, Contact contact, Optional<String> name) {
        UUID id = residentFor(tenant, cipher.lookup(contact.value()), contact.value(), false);
        name.map(String::strip).filter(n -> !n.isEmpty()).ifPresent(n -> {
            if (n.length() > 200) {
                throw new InvalidInputException("name", "a name has at most 200 characters");
            }
            // Only a first name: anyone may type someone else's e-mail with a report, and must not rename them.
            jdbc.sql("UPDATE resident SET name_encrypted = ? WHERE tenant_id = ? AND id = ? AND name_encrypted IS NULL")
                    .params(cipher.encrypt(n), tenant.value(), id).update();
        });
        return id;
    }

    /**
     * Whether the resident has proved their contact with a one-time code (signed in at least once), rather than
     * only typed it with a report, where anyone may type someone else's.
     */
    public boolean verified(TenantId tenant, UUID residentId) {
        return jdbc.sql("SELECT last_signed_in_at IS NOT NULL FROM resident WHERE tenant_id = ? AND id = ?")
                .params(tenant.value(), residentId).query(Boolean.class).optional().orElse(false);
    }

    /** The name a resident gave, in clear, for staff who say why; the read is in the audit log. */
    public Optional<String> readName(TenantId tenant, UUID residentId, String reason) {
        Optional<String> name = jdbc.sql("SELECT name_encrypted FROM resident WHERE tenant_id = ? AND id = ?")
                .params(tenant.value(), residentId).query((rs, i) -> rs.getBytes(1)).optional()
                .filter(b -> b != null).map(cipher::decrypt);
        if (name.isPresent()) {
            audit.record(tenant, "RESIDENT_NAME_READ", "resident:" + residentId, reason.strip(), Map.of());
        }
        return name;
    }

    /** Forgets sign-in requests a day after they expired, with the encrypted contact of those never completed. */
    @org.springframework.scheduling.annotation.Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT10M")
    public void forgetOldCodes() {
        jdbc.sql("DELETE FROM resident_sign_in_code WHERE expires_at < ?")
                .param(Timestamp.from(clock.instant().minus(Duration.ofDays(1)))).update();
    }

    /** The resident's own contact, masked, for their own page (no audit: it is theirs). */
    public Optional<String> maskedContact(ResidentPrincipal resident) {
        return contact(resident.tenant(), resident.residentId()).map(Contact::masked);
    }

    /**
     * A resident's contact in clear, for a member of staff who says why (e.g. to call back about a report).
     * Every read is in the audit log with that reason.
     */
    @Transactional
    public Contact readContact(TenantId tenant, UUID residentId, String reason) {
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw new InvalidInputException("reason", "say why you need this resident's contact (1-500 characters)");
        }
        Contact c = contact(tenant, residentId)
                .orElseThrow(() -> new NotFoundException("no resident " + residentId + " in this tenant"));
        audit.record(tenant, "RESIDENT_CONTACT_READ", "resident:" + residentId, reason.strip(),
                Map.of("kind", c.kind().name()));
        return c;
    }

    /** A resident's contact in clear, for the platform's own use (sending them messages); never audited reads. */
    Optional<Contact> contact(TenantId tenant, UUID residentId) {
        return jdbc.sql("SELECT kind, value_encrypted FROM resident_contact WHERE tenant_id = ? AND resident_id = ? ORDER BY kind LIMIT 1")
                .params(tenant.value(), residentId)
                .query((rs, i) -> new Contact(Contact.Kind.valueOf(rs.getString(1)), cipher.decrypt(rs.getBytes(2))))
                .optional();
    }
}
