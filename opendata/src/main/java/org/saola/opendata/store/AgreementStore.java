package org.saola.opendata.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.saola.opendata.domain.DataSharing;
import org.saola.platform.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Data-sharing agreements, their keys (hashes only) and every use of them (V2026_12_06_80). */
public class AgreementStore {

    private static final String AGREEMENT = "id, title, party_kind, party_name, party_department, party_contact, owner_department,"
            + " purpose, legal_basis, licence, ip_terms, starts_at, expires_at, ended_at, end_reason, created_by, created_at";

    private final JdbcClient jdbc;

    public AgreementStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(TenantId tenant, DataSharing.Agreement a) {
        DataSharing.Party p = a.party();
        jdbc.sql("INSERT INTO opendata_agreement (tenant_id, " + AGREEMENT + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(tenant.value(), a.id(), a.title(), p.kind().name(), p.name(), p.department().orElse(null), p.contact().orElse(null),
                        a.owner().orElse(null), a.purpose(), a.legalBasis(), a.licence(), a.intellectualProperty(), Timestamp.from(a.starts()),
                        Timestamp.from(a.expires()), null, null, a.createdBy(), Timestamp.from(a.created()))
                .update();
        int position = 0;
        for (DataSharing.Shared s : a.datasets()) {
            jdbc.sql("""
                    INSERT INTO opendata_agreement_dataset (tenant_id, agreement_id, dataset_id, dataset_name, fields, position)
                    VALUES (?, ?, ?, ?, ?, ?)""")
                    .params(tenant.value(), a.id(), s.datasetId(), s.datasetName(), s.fields().toArray(String[]::new), position++)
                    .update();
        }
    }

    /** Ends an agreement in force; false if it had ended already. */
    public boolean end(TenantId tenant, UUID id, Instant at, String reason) {
        return jdbc.sql("UPDATE opendata_agreement SET ended_at = ?, end_reason = ? WHERE tenant_id = ? AND id = ? AND ended_at IS NULL")
                .params(Timestamp.from(at), reason, tenant.value(), id).update() == 1;
    }

    public List<DataSharing.Agreement> list(TenantId tenant) {
        Map<UUID, List<DataSharing.Shared>> shared = new LinkedHashMap<>();
        jdbc.sql("SELECT agreement_id, dataset_id, dataset_name, fields FROM opendata_agreement_dataset WHERE tenant_id = ? ORDER BY position")
                .param(tenant.value()).query(rs -> {
                    shared.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(shared(rs));
                });
        return jdbc.sql("SELECT " + AGREEMENT + " FROM opendata_agreement WHERE tenant_id = ? ORDER BY created_at DESC, id")
                .param(tenant.value()).query((rs, i) -> agreement(rs, shared.getOrDefault(rs.getObject("id", UUID.class), List.of()))).list();
    }

    public Optional<DataSharing.Agreement> find(TenantId tenant, UUID id) {
        List<DataSharing.Shared> shared = jdbc.sql("""
                SELECT agreement_id, dataset_id, dataset_name, fields FROM opendata_agreement_dataset
                WHERE tenant_id = ? AND agreement_id = ? ORDER BY position""")
                .params(tenant.value(), id).query((rs, i) -> shared(rs)).list();
        return jdbc.sql("SELECT " + AGREEMENT + " FROM opendata_agreement WHERE tenant_id = ? AND id = ?")
                .params(tenant.value(), id).query((rs, i) -> agreement(rs, shared)).optional();
    }

    public void insertKey(TenantId tenant, DataSharing.Key k, byte[] hash) {
        jdbc.sql("""
                INSERT INTO opendata_agreement_key (tenant_id, id, agreement_id, name, key_hash, created_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(tenant.value(), k.id(), k.agreement(), k.name(), hash, k.createdBy(), Timestamp.from(k.created())).update();
    }

    public boolean revokeKey(TenantId tenant, UUID agreement, UUID key, Instant at) {
        return jdbc.sql("UPDATE opendata_agreement_key SET revoked_at = ? WHERE tenant_id = ? AND agreement_id = ? AND id = ? AND revoked_at IS NULL")
                .params(Timestamp.from(at), tenant.value(), agreement, key).update() == 1;
    }

    public List<DataSharing.Key> keys(TenantId tenant, UUID agreement) {
        return jdbc.sql("""
                SELECT id, agreement_id, name, created_by, created_at, revoked_at FROM opendata_agreement_key
                WHERE tenant_id = ? AND agreement_id = ? ORDER BY created_at, id""")
                .params(tenant.value(), agreement).query((rs, i) -> key(rs)).list();
    }

    /** The key with this hash, if the tenant issued one. */
    public Optional<DataSharing.Key> keyByHash(TenantId tenant, byte[] hash) {
        return jdbc.sql("""
                SELECT id, agreement_id, name, created_by, created_at, revoked_at FROM opendata_agreement_key
                WHERE tenant_id = ? AND key_hash = ?""")
                .params(tenant.value(), hash).query((rs, i) -> key(rs)).optional();
    }

    public void use(TenantId tenant, UUID agreement, UUID key, Instant at, String action, String dataset, long rows, boolean allowed,
            String detail) {
        jdbc.sql("""
                INSERT INTO opendata_agreement_use (tenant_id, agreement_id, key_id, at, action, dataset_name, row_count, allowed, detail)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(tenant.value(), agreement, key, Timestamp.from(at), action, dataset, rows, allowed, detail).update();
    }

    /** An agreement's uses, newest first, with the name of the key used. */
    public List<DataSharing.Use> uses(TenantId tenant, UUID agreement, int limit) {
        return jdbc.sql("""
                SELECT u.id, u.key_id, k.name, u.at, u.action, u.dataset_name, u.row_count, u.allowed, u.detail
                FROM opendata_agreement_use u LEFT JOIN opendata_agreement_key k ON k.tenant_id = u.tenant_id AND k.id = u.key_id
                WHERE u.tenant_id = ? AND u.agreement_id = ? ORDER BY u.at DESC, u.id DESC LIMIT ?""")
                .params(tenant.value(), agreement, limit)
                .query((rs, i) -> new DataSharing.Use(rs.getLong(1), rs.getObject(2, UUID.class), Optional.ofNullable(rs.getString(3)).orElse(""),
                        rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getString(6), rs.getLong(7), rs.getBoolean(8),
                        Optional.ofNullable(rs.getString(9))))
                .list();
    }

    /** Per agreement: how many times its keys were used (allowed uses), and when last. */
    public Map<UUID, DataSharing.UseSummary> useSummaries(TenantId tenant) {
        Map<UUID, DataSharing.UseSummary> m = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT agreement_id, count(*) FILTER (WHERE allowed), count(*) FILTER (WHERE NOT allowed), max(at) FILTER (WHERE allowed)
                FROM opendata_agreement_use WHERE tenant_id = ? GROUP BY agreement_id""")
                .param(tenant.value()).query(rs -> {
                    Timestamp last = rs.getTimestamp(4);
                    m.put(rs.getObject(1, UUID.class), new DataSharing.UseSummary(rs.getLong(2), rs.getLong(3),
                            Optional.ofNullable(last).map(Timestamp::toInstant)));
                });
        return m;
    }

    /** Removes uses recorded before {@code cutoff}, a batch at a time; how many went. */
    public long forgetUsesBefore(Instant cutoff) {
        long total = 0;
        int n;
        do {
            n = jdbc.sql("""
                    DELETE FROM opendata_agreement_use WHERE ctid IN (SELECT ctid FROM opendata_agreement_use WHERE at < ? LIMIT 10000)""")
                    .param(Timestamp.from(cutoff)).update();
            total += n;
        } while (n > 0);
        return total;
    }

    private static DataSharing.Shared shared(ResultSet rs) throws SQLException {
        return new DataSharing.Shared(rs.getObject("dataset_id", UUID.class), rs.getString("dataset_name"),
                Arrays.asList((String[]) rs.getArray("fields").getArray()));
    }

    private static DataSharing.Key key(ResultSet rs) throws SQLException {
        Timestamp revoked = rs.getTimestamp("revoked_at");
        return new DataSharing.Key(rs.getObject("id", UUID.class), rs.getObject("agreement_id", UUID.class), rs.getString("name"),
                rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(), Optional.ofNullable(revoked).map(Timestamp::toInstant));
    }

    private static DataSharing.Agreement agreement(ResultSet rs, List<DataSharing.Shared> shared) throws SQLException {
        Timestamp ended = rs.getTimestamp("ended_at");
        return new DataSharing.Agreement(rs.getObject("id", UUID.class), rs.getString("title"),
                new DataSharing.Party(DataSharing.PartyKind.valueOf(rs.getString("party_kind")), rs.getString("party_name"),
                        Optional.ofNullable(rs.getString("party_department")), Optional.ofNullable(rs.getString("party_contact"))),
                Optional.ofNullable(rs.getString("owner_department")), rs.getString("purpose"), rs.getString("legal_basis"),
                rs.getString("licence"), rs.getString("ip_terms"), rs.getTimestamp("starts_at").toInstant(),
                rs.getTimestamp("expires_at").toInstant(), Optional.ofNullable(ended).map(Timestamp::toInstant),
                Optional.ofNullable(rs.getString("end_reason")), shared, rs.getString("created_by"), rs.getTimestamp("created_at").toInstant());
    }
}
