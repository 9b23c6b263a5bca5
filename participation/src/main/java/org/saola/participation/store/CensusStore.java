package org.saola.participation.store;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.saola.platform.TenantId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The census list as kept: keyed hashes of ID numbers with their ward, and the resident linked to each. */
public class CensusStore {

    /** What the list holds, in numbers only. */
    public record Counts(int entries, int linked, Map<String, Integer> perWard, Optional<Instant> uploadedAt) {
    }

    /** An entry of the list: its ward, and the resident who proved it, if any. */
    public record Entry(String ward, Optional<UUID> resident) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    public CensusStore(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    public Optional<byte[]> sealedKey(TenantId tenant) {
        return jdbc.sql("SELECT key_sealed FROM participation_census_key WHERE tenant_id = ?").param(tenant.value())
                .query((rs, i) -> rs.getBytes(1)).optional();
    }

    /** Keeps this key unless the city has one already; the key kept is returned. */
    public byte[] keepKey(TenantId tenant, byte[] sealed) {
        jdbc.sql("INSERT INTO participation_census_key (tenant_id, key_sealed) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(tenant.value(), sealed).update();
        return sealedKey(tenant).orElseThrow();
    }

    /** Starts a replacement of the list (within the caller's transaction): an empty staging table. */
    public void beginReplace() {
        jdbc.sql("CREATE TEMPORARY TABLE IF NOT EXISTS census_upload (id_hash bytea PRIMARY KEY, ward text NOT NULL) ON COMMIT DROP")
                .update();
    }

    /** A chunk of the new list into the staging table; an ID number given twice keeps its last ward. */
    public void stage(List<Object[]> rows) {
        template.batchUpdate("INSERT INTO census_upload (id_hash, ward) VALUES (?, ?) ON CONFLICT (id_hash) DO UPDATE SET ward = EXCLUDED.ward",
                rows);
    }

    /** What the staging table holds: how many different ID numbers. */
    public int staged() {
        return jdbc.sql("SELECT count(*) FROM census_upload").query(Integer.class).single();
    }

    /**
     * The staged list becomes the city's: entries no longer listed go (with their link), the others keep
     * their link and take their new ward. Answers the links dropped.
     */
    public int replace(TenantId tenant, Instant now) {
        int dropped = jdbc.sql("""
                WITH gone AS (DELETE FROM participation_census c WHERE c.tenant_id = ?
                    AND NOT EXISTS (SELECT 1 FROM census_upload u WHERE u.id_hash = c.id_hash) RETURNING resident_id)
                SELECT count(resident_id) FROM gone""").param(tenant.value()).query(Integer.class).single();
        jdbc.sql("""
                INSERT INTO participation_census (tenant_id, id_hash, ward) SELECT ?, id_hash, ward FROM census_upload
                ON CONFLICT (tenant_id, id_hash) DO UPDATE SET ward = EXCLUDED.ward""").param(tenant.value()).update();
        jdbc.sql("UPDATE participation_census_key SET uploaded_at = ? WHERE tenant_id = ?").params(Timestamp.from(now), tenant.value())
                .update();
        jdbc.sql("DROP TABLE census_upload").update();
        return dropped;
    }

    public Counts counts(TenantId tenant) {
        Map<String, Integer> perWard = new LinkedHashMap<>();
        int[] totals = new int[2];
        jdbc.sql("SELECT ward, count(*), count(resident_id) FROM participation_census WHERE tenant_id = ? GROUP BY ward ORDER BY ward")
                .param(tenant.value()).query(rs -> {
                    perWard.put(rs.getString(1), rs.getInt(2));
                    totals[0] += rs.getInt(2);
                    totals[1] += rs.getInt(3);
                });
        Optional<Instant> uploaded = jdbc.sql("SELECT uploaded_at FROM participation_census_key WHERE tenant_id = ?")
                .param(tenant.value()).query((rs, i) -> Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant))
                .optional().flatMap(x -> x);
        return new Counts(totals[0], totals[1], perWard, uploaded);
    }

    public Optional<Entry> entry(TenantId tenant, byte[] hash) {
        return jdbc.sql("SELECT ward, resident_id FROM participation_census WHERE tenant_id = ? AND id_hash = ?")
                .params(tenant.value(), hash)
                .query((rs, i) -> new Entry(rs.getString(1), Optional.ofNullable(rs.getObject(2, UUID.class)))).optional();
    }

    /** The ward of the entry this resident proved, if they proved one. */
    public Optional<String> wardOf(TenantId tenant, UUID resident) {
        return jdbc.sql("SELECT ward FROM participation_census WHERE tenant_id = ? AND resident_id = ?")
                .params(tenant.value(), resident).query(String.class).optional();
    }

    /** Links the entry to the resident if it is free and they have no other; false otherwise. */
    public boolean link(TenantId tenant, byte[] hash, UUID resident, LocalDate day) {
        return jdbc.sql("""
                UPDATE participation_census SET resident_id = ?, linked_on = ? WHERE tenant_id = ? AND id_hash = ?
                    AND resident_id IS NULL
                    AND NOT EXISTS (SELECT 1 FROM participation_census o WHERE o.tenant_id = ? AND o.resident_id = ?)""")
                .params(resident, Date.valueOf(day), tenant.value(), hash, tenant.value(), resident).update() == 1;
    }
}
