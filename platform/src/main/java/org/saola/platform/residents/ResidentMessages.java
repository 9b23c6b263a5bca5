package org.saola.platform.residents;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.saola.platform.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Messages to residents, durable: {@link #enqueue} writes one in the caller's transaction (so a report's
 * update and the message telling its reporter commit together, or neither does); {@link #deliverDue} sends
 * what is due after commit, on whichever node leases it first. A lease is a short transaction that moves the
 * message's next attempt {@link #LEASE} ahead, so no row lock is held while the mail server or SMS gateway
 * answers; a node that dies mid-send leaves the message to be sent again when the lease runs out (at least
 * once). A failed attempt is retried with back-off, {@link #MAX_ATTEMPTS} times in all.
 */
public class ResidentMessages {

    private static final Logger log = LoggerFactory.getLogger(ResidentMessages.class);
    static final Duration LEASE = Duration.ofMinutes(5);
    static final int MAX_ATTEMPTS = 8;
    /** Small, so that a batch is sent well within its lease even when each send waits for a slow gateway. */
    private static final int BATCH = 10;

    private final JdbcClient jdbc;
    private final ResidentAccounts residents;
    private final InstantSource clock;
    private final org.saola.platform.security.Departments departments;

    /**
     * Messages go to the contact and by the channels of the residents' accounts; a department's (see
     * {@link #enqueueForDepartment}) to its contact e-mail by the same mail channel.
     */
    public ResidentMessages(JdbcClient jdbc, ResidentAccounts residents, InstantSource clock,
            org.saola.platform.security.Departments departments) {
        this.jdbc = jdbc;
        this.residents = residents;
        this.clock = clock;
        this.departments = departments;
    }

    /**
     * Writes a message for a department's contact e-mail, in the caller's transaction (a report that reached its
     * queue); sent after commit like a resident's. Nothing is written when the department has no e-mail: its
     * queue is then the only way it hears. The text must name no resident (it leaves Saola by e-mail).
     */
    public boolean enqueueForDepartment(TenantId tenant, String department, String subject, String body) {
        if (departments.find(tenant, department).flatMap(d -> d.contactEmail()).isEmpty()
                || !residents.canSend(Contact.Kind.EMAIL)) {
            return false;                      // no address, or no mail server: the queue is how it hears
        }
        Instant now = clock.instant();
        jdbc.sql("""
                INSERT INTO resident_message (tenant_id, id, department_code, subject, body, created_at, next_attempt_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(tenant.value(), UUID.randomUUID(), department, subject, body, Timestamp.from(now),
                        Timestamp.from(now)).update();
        return true;
    }

    /** Writes a message for a resident, in the caller's transaction; it is sent after that commits. */
    public void enqueue(TenantId tenant, UUID residentId, String subject, String body) {
        Instant now = clock.instant();
        jdbc.sql("""
                INSERT INTO resident_message (tenant_id, id, resident_id, subject, body, created_at, next_attempt_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(tenant.value(), UUID.randomUUID(), residentId, subject, body, Timestamp.from(now),
                        Timestamp.from(now)).update();
    }

    /**
     * Writes the same message for many residents in one statement, in the caller's transaction (a warning to every
     * resident who asked for it); each is sent after that commits, as {@link #enqueue} does.
     */
    public void enqueueAll(TenantId tenant, java.util.Collection<UUID> residentIds, String subject, String body) {
        if (residentIds.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        jdbc.sql("""
                INSERT INTO resident_message (tenant_id, id, resident_id, subject, body, created_at, next_attempt_at)
                SELECT ?, gen_random_uuid(), r, ?, ?, ?, ? FROM unnest(?::uuid[]) AS r""")
                .params(tenant.value(), subject, body, Timestamp.from(now), Timestamp.from(now),
                        residentIds.toArray(UUID[]::new))
                .update();
    }

    private record Due(String tenant, UUID id, UUID resident, String department, String subject, String body, int attempts) {
    }

    /** Sends the messages due now (a batch at most); returns how many were sent. */
    public int deliverDue() {
        Instant now = clock.instant();
        // The lease, in a statement of its own (autocommit): no lock is held while sending.
        List<Due> due = jdbc.sql("""
                UPDATE resident_message m SET next_attempt_at = ?, attempts = m.attempts + 1
                FROM (SELECT tenant_id, id FROM resident_message
                      WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ?
                      ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED) d
                WHERE m.tenant_id = d.tenant_id AND m.id = d.id
                RETURNING m.tenant_id, m.id, m.resident_id, m.department_code, m.subject, m.body, m.attempts""")
                .params(Timestamp.from(now.plus(LEASE)), Timestamp.from(now), BATCH)
                .query((rs, i) -> new Due(rs.getString(1), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getInt(7)))
                .list();
        int sent = 0;
        for (Due d : due) {
            String failure = send(d);
            Instant at = clock.instant();
            if (failure == null) {
                // only while the lease is ours (another node re-leasing it would have raised attempts)
                jdbc.sql("UPDATE resident_message SET sent_at = ?, last_error = NULL WHERE tenant_id = ? AND id = ? AND attempts = ?")
                        .params(Timestamp.from(at), d.tenant(), d.id(), d.attempts()).update();
                sent++;
            } else if (d.attempts() >= MAX_ATTEMPTS) {
                log.warn("A message to {} could not be sent after {} attempts: {}", d.resident() != null
                        ? "resident " + d.resident() : "department " + d.department(), d.attempts(), failure);
                jdbc.sql("UPDATE resident_message SET failed_at = ?, last_error = ? WHERE tenant_id = ? AND id = ? AND attempts = ?")
                        .params(Timestamp.from(at), failure, d.tenant(), d.id(), d.attempts()).update();
            } else {
                // 1, 2, 4, … 64 minutes
                Duration wait = Duration.ofMinutes(1L << Math.min(6, d.attempts() - 1));
                jdbc.sql("UPDATE resident_message SET next_attempt_at = ?, last_error = ? WHERE tenant_id = ? AND id = ? AND attempts = ?")
                        .params(Timestamp.from(at.plus(wait)), failure, d.tenant(), d.id(), d.attempts()).update();
            }
        }
        return sent;
    }

    /** Sends one message; null when it went, else why not (never the address or the text). */
    private String send(Due d) {
        Optional<Contact> contact = d.resident() != null ? residents.contact(TenantId.of(d.tenant()), d.resident())
                // the department's address as its administrators typed it: the mail server judges it, not Contact's rules
                : departments.find(TenantId.of(d.tenant()), d.department()).flatMap(dep -> dep.contactEmail())
                        .map(e -> new Contact(Contact.Kind.EMAIL, e.strip()));
        if (contact.isEmpty()) {
            return d.resident() != null ? "the resident has no contact" : "the department has no contact e-mail";
        }
        Optional<OneTimeCodeSender> sender = residents.sender(contact.get().kind());
        if (sender.isEmpty()) {
            return "this installation has no channel for " + contact.get().kind();
        }
        try {
            sender.get().send(contact.get(), d.subject(), d.body());
            return null;
        } catch (RuntimeException e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }
}
