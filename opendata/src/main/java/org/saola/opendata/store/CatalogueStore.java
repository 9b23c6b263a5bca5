package org.saola.opendata.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.saola.opendata.domain.Dataset;
import org.saola.opendata.domain.Licence;
import org.saola.platform.TenantId;
import org.saola.platform.publish.DataColumn;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The catalogue's datasets (V2026_12_01_80). */
public class CatalogueStore {

    private static final String COLUMNS = "id, name, source_key, title_vi, title_en, notes_vi, notes_en, department, theme,"
            + " keywords, license_id, frequency, columns::text, people_counts, row_count, created_at, modified_at, refreshed_at, access";
    private static final TypeReference<List<DataColumn>> COLUMN_LIST = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public CatalogueStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The same store on another client (the transaction that swaps a dataset's table in). */
    public CatalogueStore with(JdbcClient other) {
        return new CatalogueStore(other, json);
    }

    /** Adds a dataset; false when its name or its source is already published. */
    public boolean insert(TenantId tenant, Dataset d) {
        return jdbc.sql("""
                INSERT INTO opendata_dataset (tenant_id, id, name, source_key, title_vi, title_en, notes_vi, notes_en, department,
                    theme, keywords, license_id, frequency, columns, people_counts, created_at, modified_at, access)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(tenant.value(), d.id(), d.name(), d.sourceKey(), d.titleVi(), d.titleEn(), d.notesVi(), d.notesEn(),
                        d.department().orElse(null), d.theme(), d.keywords().toArray(String[]::new), d.licence().id(), d.frequency(),
                        json.writeValueAsString(d.columns()), d.peopleCounts(), Timestamp.from(d.created()), Timestamp.from(d.modified()),
                        d.access().name())
                .update() == 1;
    }

    /** Its description changed (titles, notes, publisher, keywords, licence, who may read it). */
    public void describe(TenantId tenant, Dataset d) {
        jdbc.sql("""
                UPDATE opendata_dataset SET title_vi = ?, title_en = ?, notes_vi = ?, notes_en = ?, department = ?, keywords = ?,
                    license_id = ?, modified_at = ?, access = ? WHERE tenant_id = ? AND id = ?""")
                .params(d.titleVi(), d.titleEn(), d.notesVi(), d.notesEn(), d.department().orElse(null),
                        d.keywords().toArray(String[]::new), d.licence().id(), Timestamp.from(d.modified()), d.access().name(),
                        tenant.value(), d.id())
                .update();
    }

    /** An uploaded file's new version has these columns. */
    public void recolumn(TenantId tenant, UUID id, List<DataColumn> columns) {
        jdbc.sql("UPDATE opendata_dataset SET columns = ?::jsonb WHERE tenant_id = ? AND id = ?")
                .params(json.writeValueAsString(columns), tenant.value(), id).update();
    }

    public List<Dataset> list(TenantId tenant) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM opendata_dataset WHERE tenant_id = ? ORDER BY name")
                .param(tenant.value()).query((rs, i) -> dataset(rs)).list();
    }

    public Optional<Dataset> find(TenantId tenant, String name) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM opendata_dataset WHERE tenant_id = ? AND name = ?")
                .params(tenant.value(), name).query((rs, i) -> dataset(rs)).optional();
    }

    public boolean delete(TenantId tenant, UUID id) {
        return jdbc.sql("DELETE FROM opendata_dataset WHERE tenant_id = ? AND id = ?").params(tenant.value(), id).update() == 1;
    }

    /** Tenants that publish anything. */
    public List<TenantId> tenants() {
        return jdbc.sql("SELECT DISTINCT tenant_id FROM opendata_dataset").query(String.class).list().stream().map(TenantId::of).toList();
    }

    /**
     * Claims the datasets of a tenant last refreshed before {@code dueBefore} for {@code lease} (so that of several
     * nodes one refreshes each), returning their names.
     */
    public List<String> claimDue(TenantId tenant, Instant now, Instant dueBefore, Duration lease) {
        return jdbc.sql("""
                UPDATE opendata_dataset SET refresh_lease = ? WHERE tenant_id = ?
                    AND source_key NOT LIKE 'upload:%' AND source_key NOT LIKE 'document:%' AND (refreshed_at IS NULL OR refreshed_at < ?)
                    AND (refresh_lease IS NULL OR refresh_lease < ?)
                RETURNING name""")
                .params(Timestamp.from(now.plus(lease)), tenant.value(), Timestamp.from(dueBefore), Timestamp.from(now))
                .query(String.class).list();
    }

    /** Its rows were read again: the count, and when the content changed the modification date; false if it is gone. */
    public boolean refreshed(TenantId tenant, UUID id, long rows, String hash, Instant now) {
        return jdbc.sql("""
                UPDATE opendata_dataset SET row_count = ?, refreshed_at = ?, refresh_lease = NULL,
                    modified_at = CASE WHEN content_hash IS DISTINCT FROM ? THEN ? ELSE modified_at END, content_hash = ?
                WHERE tenant_id = ? AND id = ?""")
                .params(rows, Timestamp.from(now), hash, Timestamp.from(now), hash, tenant.value(), id).update() == 1;
    }

    /** A document's file, replacing the one before (V2026_12_06_82). */
    public void putDocument(TenantId tenant, UUID dataset, String fileName, String mediaType, byte[] content, String sha256) {
        jdbc.sql("""
                INSERT INTO opendata_document (tenant_id, dataset_id, file_name, media_type, size, sha256, content) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, dataset_id) DO UPDATE SET file_name = excluded.file_name, media_type = excluded.media_type,
                    size = excluded.size, sha256 = excluded.sha256, content = excluded.content""")
                .params(tenant.value(), dataset, fileName, mediaType, (long) content.length, sha256, content).update();
    }

    /** The SHA-256 of a document's file. */
    public Optional<String> documentHash(TenantId tenant, UUID dataset) {
        return jdbc.sql("SELECT sha256 FROM opendata_document WHERE tenant_id = ? AND dataset_id = ?").params(tenant.value(), dataset)
                .query(String.class).optional();
    }

    /** A document's file. */
    public Optional<byte[]> document(TenantId tenant, UUID dataset) {
        return jdbc.sql("SELECT content FROM opendata_document WHERE tenant_id = ? AND dataset_id = ?").params(tenant.value(), dataset)
                .query((rs, i) -> rs.getBytes(1)).optional();
    }

    private Dataset dataset(ResultSet rs) throws SQLException {
        Timestamp refreshed = rs.getTimestamp("refreshed_at");
        return new Dataset(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("source_key"),
                rs.getString("title_vi"), rs.getString("title_en"), rs.getString("notes_vi"), rs.getString("notes_en"),
                Optional.ofNullable(rs.getString("department")), rs.getString("theme"),
                Arrays.asList((String[]) rs.getArray("keywords").getArray()), Licence.of(rs.getString("license_id")),
                rs.getString("frequency"), json.readValue(rs.getString("columns"), COLUMN_LIST), rs.getBoolean("people_counts"),
                rs.getLong("row_count"), rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("modified_at").toInstant(),
                Optional.ofNullable(refreshed).map(Timestamp::toInstant), Dataset.Access.valueOf(rs.getString("access")));
    }
}
