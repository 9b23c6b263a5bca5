package org.saola.alerts.warnings;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.saola.platform.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Public warnings' messages, each kept as published. */
public class WarningStore {

    private static final String COLUMNS = """
            id, warning_id, identifier, msg_type, status, sent, expires, severity, urgency, event_vi, event_en,
            headline_vi, headline_en, draft::text, areas::text, alert_id, author""";

    private final JdbcClient jdbc;

    public WarningStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(TenantId tenant, Warning w, String xml) {
        jdbc.sql("""
                INSERT INTO public_warning_message (tenant_id, id, warning_id, identifier, msg_type, status, sent, expires,
                    severity, urgency, event_vi, event_en, headline_vi, headline_en, draft, areas, alert_id, author, xml)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?)""")
                .params(tenant.value(), w.id(), w.warningId(), w.identifier(), w.msgType(), w.status(),
                        Timestamp.from(w.sent()), Timestamp.from(w.expires()), w.severity(), w.urgency(), w.event().vi(),
                        w.event().en(), w.headline().vi(), w.headline().en(), w.draftJson(), w.areasJson(),
                        w.alertId().orElse(null), w.author(), xml)
                .update();
    }

    /** The messages of a warning, oldest first. */
    public List<Warning> chain(TenantId tenant, UUID warning) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM public_warning_message WHERE tenant_id = ? AND warning_id = ? ORDER BY n")
                .params(tenant.value(), warning).query(WarningStore::warning).list();
    }

    /** The last message of each warning that expires after a time, newest first. */
    public List<Warning> latest(TenantId tenant, Instant expiringAfter, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM (SELECT DISTINCT ON (warning_id) * FROM public_warning_message WHERE tenant_id = ?
                       ORDER BY warning_id, n DESC) last
                WHERE expires > ? ORDER BY n DESC LIMIT ?""")
                .params(tenant.value(), Timestamp.from(expiringAfter), limit).query(WarningStore::warning).list();
    }

    /** Messages sent since a time, and every message of the warnings still in effect, newest first. */
    public List<Warning> feed(TenantId tenant, Instant since, Instant now, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM public_warning_message m WHERE tenant_id = ? AND (sent >= ? OR warning_id IN (
                    SELECT warning_id FROM (SELECT DISTINCT ON (warning_id) warning_id, msg_type, expires
                        FROM public_warning_message WHERE tenant_id = ? ORDER BY warning_id, n DESC) last
                    WHERE msg_type <> 'Cancel' AND expires > ?))
                ORDER BY n DESC LIMIT ?""")
                .params(tenant.value(), Timestamp.from(since), tenant.value(), Timestamp.from(now), limit)
                .query(WarningStore::warning).list();
    }

    public Optional<Warning> find(TenantId tenant, UUID message) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM public_warning_message WHERE tenant_id = ? AND id = ?")
                .params(tenant.value(), message).query(WarningStore::warning).optional();
    }

    public Optional<String> xml(TenantId tenant, UUID message) {
        return jdbc.sql("SELECT xml FROM public_warning_message WHERE tenant_id = ? AND id = ?")
                .params(tenant.value(), message).query(String.class).optional();
    }

    public boolean identifierKnown(TenantId tenant, String identifier) {
        return jdbc.sql("SELECT count(*) FROM public_warning_message WHERE tenant_id = ? AND identifier = ?")
                .params(tenant.value(), identifier).query(Long.class).single() > 0;
    }

    /** The warning a rule issued for an alert, if any. */
    public Optional<UUID> warningOfAlert(TenantId tenant, UUID alert) {
        return jdbc.sql("SELECT warning_id FROM public_warning_message WHERE tenant_id = ? AND alert_id = ? ORDER BY n LIMIT 1")
                .params(tenant.value(), alert).query(UUID.class).optional();
    }

    /** Takes the warning's lock for the transaction, so two changes to one warning are made one after the other. */
    public void lock(TenantId tenant, UUID warning) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 7))").param(tenant.value() + "/warning/" + warning)
                .query((rs, i) -> 1).list();
    }

    private static Warning warning(ResultSet rs, int row) throws SQLException {
        int c = 0;
        return new Warning(rs.getObject(c + 1, UUID.class), rs.getObject(c + 2, UUID.class), rs.getString(c + 3),
                rs.getString(c + 4), rs.getString(c + 5), rs.getTimestamp(c + 6).toInstant(), rs.getTimestamp(c + 7).toInstant(),
                rs.getString(c + 8), rs.getString(c + 9), new WarningDraft.Text(rs.getString(c + 10), rs.getString(c + 11)),
                new WarningDraft.Text(rs.getString(c + 12), rs.getString(c + 13)), rs.getString(c + 14), rs.getString(c + 15),
                Optional.ofNullable(rs.getObject(c + 16, UUID.class)), rs.getString(c + 17));
    }
}
