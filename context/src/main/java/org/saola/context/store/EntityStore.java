package org.saola.context.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.saola.context.StoredEntity;
import org.saola.context.Timestamps;
import org.saola.context.geo.GeoJson;
import org.saola.context.geo.Geometries;
import org.saola.context.query.EntityQuery;
import org.saola.context.query.GeoQuery;
import org.saola.platform.TenantId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Entities' latest state and attribute history in PostgreSQL. Every statement binds its values. */
@Repository
public class EntityStore {

    /** A mutation of one entity, submitted by a caller. */
    public record Job(TenantId tenant, String entityId, Mutation mutation) {
    }

    /** What became of a job: its result, or the exception with which its mutation refused. */
    public record JobOutcome(Object result, RuntimeException refusal, Written written) {
    }

    /** An entity a job wrote: its new state, the attributes written, and whether it is new. */
    public record Written(TenantId tenant, EntityRow entity, Set<String> changed, boolean created) {
    }

    private record Key(TenantId tenant, String id) {
    }

    private static final String LOCK = """
            SELECT id, types, attrs::text, created_at, modified_at, scopes, version FROM context_entity
            WHERE tenant_id = ? AND id = ANY (?) FOR UPDATE""";
    /**
     * New entities of one tenant, in one statement; each row's version comes back, so the entity's next write can
     * start from memory. An entity that exists after all (made by another node since it was found missing, or
     * taken to be absent by a creation) is left as it is and does not come back: the group is applied again, from
     * the database.
     */
    private static final String INSERT_ALL = """
            INSERT INTO context_entity (tenant_id, id, types, attrs, created_at, modified_at, location_box, scopes)
            SELECT ?, v.id, v.types::text[], v.attrs::jsonb, v.created_at::timestamptz, v.modified_at::timestamptz,
                   v.box::box, v.scopes::text[]
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                 AS v(id, types, attrs, created_at, modified_at, box, scopes)
            ON CONFLICT (tenant_id, id) DO NOTHING
            RETURNING id, version""";
    /** The default GeoProperty (NGSI-LD core), whose bounding box is indexed for geo-queries. */
    public static final String LOCATION = "https://uri.etsi.org/ngsi-ld/location";
    private static final String DELETE = "DELETE FROM context_entity WHERE tenant_id = ? AND id = ?";
    /**
     * The most rows {@link #UPDATE_ALL} (and the value index's deletion, {@link EntityValues}) is given at once; a
     * larger group takes several, in the same pipeline. The generic plan compares each entity the {@code = ANY}
     * finds with each row of the statement (a nested loop over the {@code unnest}), a cost that grows with the
     * square of the rows: the value index's deletion took 16 ms a call for the groups of 250 entities of bench
     * ingest's MQTT devices (issue #13). In statements of 64 the comparisons cost less than the rows' writes.
     */
    static final int STATEMENT_ROWS = 64;
    /**
     * What every group commit's transaction plans under (setting to value), set by its first statement and
     * nowhere else, and the settings {@link #groupCommitPlans} shows the plans of.
     *
     * <p>Rows found by plain index scans, neither by bitmaps nor by reading a table whole. Its statements all name
     * their rows by key; the planner's choice otherwise follows the table's statistics, and went wrong both ways
     * under many writes to few entities. The value index's rows are deleted and inserted again on every change, so
     * between two vacuums (a minute apart by default) an entity written a few times a second leaves hundreds of
     * dead entries under its key. A plain index scan marks each one it finds dead to every transaction, so the next
     * probe skips it and the page's next split removes it; a bitmap scan, which the planner chose once the table had
     * grown, marks none and visits every dead row's heap page on every probe: 2 000 entries and 1 600 pages for a
     * group of 11 partial updates under 64 clients, 1.3 ms a call, half of PostgreSQL's time (docs/PERFORMANCE.md,
     * session 34). A sequential scan, chosen while the table is small, is kept by the prepared statement while the
     * table grows until the next vacuum's statistics.
     *
     * <p>Generic plans: a prepared statement otherwise keeps planning each run anew when its generic plan's estimate
     * (an array parameter taken for a hundred rows) costs more than the plans made for the few rows each run really
     * has. PostgreSQL did so for every run of the new states' {@code UPDATE} and of the value index's
     * {@code DELETE}, 115 µs of planning a partial update under 4 clients, a quarter of its time
     * (docs/PERFORMANCE.md, session 39). Both generic plans find their rows by key ({@link #groupCommitPlans},
     * checked by QueryPlanAtScaleTest); the transaction's other statements name their rows by key too, and used
     * their generic plans already. Under many clients the groups are large enough that PostgreSQL chose the generic
     * plans of these two as well.
     */
    private static final List<Map.Entry<String, String>> GROUP_COMMIT_SETTINGS = List.of(Map.entry("enable_seqscan", "off"),
            Map.entry("enable_bitmapscan", "off"), Map.entry("plan_cache_mode", "force_generic_plan"));
    /** {@link #GROUP_COMMIT_SETTINGS} for one transaction: the group commit's first statement. */
    private static final String GROUP_COMMIT_PLANNING = "SELECT " + String.join(", ", GROUP_COMMIT_SETTINGS.stream()
            .map(e -> "set_config('" + e.getKey() + "', '" + e.getValue() + "', true)").toList());
    /**
     * The new state of many existing entities of one tenant, {@link #STATEMENT_ROWS} at most a statement. The ids are named twice: as the
     * {@code unnest} the rows come from, and as an {@code = ANY} the primary key is probed with. Without the
     * second, the generic plan that a prepared statement settles on after five runs may, depending on the
     * estimates, join the group's few rows with every entity of the tenant: it did, by a sequential scan per group
     * commit, at a thousand entities.
     */
    private static final String UPDATE_ALL = """
            UPDATE context_entity e SET types = v.types::text[], attrs = v.attrs::jsonb, created_at = v.created_at::timestamptz,
                   modified_at = v.modified_at::timestamptz, location_box = v.box::box, scopes = v.scopes::text[],
                   version = nextval('context_entity_version')
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int8[])
                 AS v(id, types, attrs, created_at, modified_at, box, scopes, version)
            WHERE e.tenant_id = ? AND e.id = ANY (?::text[]) AND e.id = v.id AND e.version = v.version
            RETURNING e.id, e.version""";

    /** A late instance, appended unless history has it at that time already (one probe of the primary key). */
    private static final String APPEND_HISTORY_ONCE = """
            INSERT INTO context_attribute_history (tenant_id, entity_id, attr, observed_at, instance, written_at)
            SELECT ?, ?, ?, ?, ?::jsonb, ? WHERE NOT EXISTS (SELECT 1 FROM context_attribute_history
                WHERE tenant_id = ? AND entity_id = ? AND attr = ? AND observed_at = ? AND instance = ?::jsonb)""";

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    /** For the statements of queries, planned for their values at every run ({@link CustomPlans}). */
    private final JdbcTemplate queries;
    /** A query's count and page read in one snapshot ({@link #queryCounted}). */
    private final org.springframework.transaction.support.TransactionTemplate snapshot;
    private final JsonMapper json;
    private final List<ChangeHook> hooks;
    /**
     * The latest committed state of entities this node wrote or read for writing lately, with their version: a
     * group commit takes them from here instead of reading and locking their rows, and writes each only if its
     * version is unchanged ({@link StaleState} otherwise). Rebuilt from the database as entities are written
     * after a start; never read by queries, which read the database.
     */
    private final com.github.benmanes.caffeine.cache.Cache<Key, Cached> latest;

    private record Cached(EntityRow row, long version) {
    }

    /** Entities another node wrote since this one cached them; the group is applied again, from the database. */
    private static final class StaleState extends RuntimeException {
        final Set<Key> keys;

        StaleState(Set<Key> keys) {
            super("entities written by another node meanwhile: " + keys.size(), null, false, false);
            this.keys = keys;
        }
    }

    private final ChangeFeedStore feed;

    public EntityStore(DataSource dataSource, JdbcClient jdbc, JsonMapper json, List<ChangeHook> hooks,
            org.saola.context.ContextProperties properties, ChangeFeedStore feed,
            org.springframework.transaction.support.TransactionTemplate transaction) {
        this.feed = feed;
        this.snapshot = Snapshots.of(transaction);
        this.latest = com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
                .maximumSize(properties.latestStateCache()).build();
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.queries = new JdbcTemplate(dataSource);
        this.json = json;
        this.hooks = List.copyOf(hooks);
    }

    /**
     * Runs a group of jobs in one transaction (group commit): locks the entities they touch, applies each
     * mutation in order to the state the previous one left, writes each entity's final state once and appends
     * the history. A mutation that refuses fails alone; a database error fails the whole group.
     */
    public List<JobOutcome> run(List<Job> jobs, Instant now) throws SQLException {
        boolean ahead = true;
        for (int attempt = 1; ; attempt++) {
            try {
                return attempt(jobs, now, ahead);
            } catch (StaleState stale) {
                stale.keys.forEach(latest::invalidate);     // read and locked from the database next time
                if (attempt == 3) {
                    throw stale;
                }
            } catch (ChangeHook.Again again) {
                if (attempt == 3) {
                    throw again;
                }
            } catch (Guessed guessed) {
                if (attempt == 3) {
                    throw guessed.error;
                }
            } catch (SQLException e) {
                // Two nodes locking the same entities in another order: PostgreSQL breaks the deadlock; try again.
                if (attempt == 3 || !("40P01".equals(e.getSQLState()) || "40001".equals(e.getSQLState()))) {
                    throw e;
                }
            }
            ahead = false;                                  // again, the safe way: what was guessed is read first
        }
    }

    /**
     * The database error of a group that took something for granted to save round trips (entities absent, no
     * subscription written meanwhile): it may come of what was guessed, so the group is applied again, the safe way.
     */
    private static final class Guessed extends RuntimeException {
        final SQLException error;

        Guessed(SQLException error) {
            super(error.getMessage(), error, false, false);
            this.error = error;
        }
    }

    /**
     * Applies the group in one transaction. Everything it writes goes in one pipeline (one round trip) before the
     * commit. What the hooks must read first ({@link ChangeHook#groupStarts}) and the entities not held in memory
     * are read in one round trip before that; {@code ahead}, a group with nothing to read (its entities held in
     * memory, or created) sends that too in the pipeline that writes, and checks afterwards that nothing it took for
     * granted was wrong: so a single write costs that round trip and the commit's.
     */
    private List<JobOutcome> attempt(List<Job> jobs, Instant now, boolean ahead) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Pipeline pipeline = new Pipeline();
                pipeline.add(GROUP_COMMIT_PLANNING, (ps, i) -> i);
                for (ChangeHook hook : hooks) {
                    hook.groupStarts(pipeline);
                }
                Map<Key, Long> versions = new HashMap<>();
                Set<Key> fromCache = new java.util.HashSet<>();
                Set<Key> assumedAbsent = new java.util.HashSet<>();
                Map<Key, Optional<EntityRow>> state = new HashMap<>();
                boolean reads = lock(c, pipeline, jobs, state, versions, fromCache, ahead ? assumedAbsent : null);
                boolean deferred = ahead && !reads;
                if (!deferred) {
                    pipeline.run(c);
                    for (ChangeHook hook : hooks) {
                        hook.groupStarted(c, pipeline, false);
                    }
                }
                Map<Key, Optional<EntityRow>> initial = new HashMap<>(state);
                Set<Key> dirty = new LinkedHashSet<>();
                List<JobOutcome> outcomes = new ArrayList<>(jobs.size());
                HistoryCopy history = HistoryCopy.start();
                ChangeFeedStore.Group changes = feed.group();
                Map<Key, String> serialized = new HashMap<>();
                Set<Key> existed = new java.util.HashSet<>();
                state.forEach((k, v) -> {
                    if (v.isPresent()) {
                        existed.add(k);
                    }
                });
                Set<HistoryBlocks.Day> lateDays = new java.util.HashSet<>();
                try (PreparedStatement late = c.prepareStatement(APPEND_HISTORY_ONCE)) {
                    for (Job job : jobs) {
                        Key key = new Key(job.tenant(), job.entityId());
                        Effect effect;
                        try {
                            effect = job.mutation().apply(state.get(key), now);
                        } catch (RuntimeException refused) {
                            outcomes.add(new JobOutcome(null, refused, null));
                            continue;
                        }
                        Written written = null;
                        switch (effect) {
                            case Effect.Write w when w.history().isEmpty() && !w.late().isEmpty() -> addHistory(late, key, w.late(), now, true, lateDays);
                            case Effect.Write w -> {
                                addHistory(late, key, w.late(), now, true, lateDays);
                                EntityRow before = state.get(key).orElse(null);
                                state.put(key, Optional.of(w.row()));
                                dirty.add(key);
                                copyHistory(history, key, w.history(), now);
                                written = new Written(key.tenant(), w.row(), Set.copyOf(w.history().propertyNames()),
                                        before == null);
                                if (feed.wanted(w.row().types())) {
                                    // The text made for the feed is the row's, if this is the entity's last write.
                                    String attributes = json.writeValueAsString(w.row().attributes());
                                    serialized.put(key, attributes);
                                    changes.written(key.tenant(), w.row(), attributes, written.changed(), before == null);
                                } else {
                                    serialized.remove(key);
                                }
                                ChangeHook.Change change = new ChangeHook.Change(key.tenant(), before, w.row(),
                                        written.changed());
                                for (ChangeHook hook : hooks) {
                                    hook.changed(c, pipeline, change, now);
                                }
                            }
                            case Effect.Delete d -> {
                                EntityRow before = state.get(key).orElse(null);
                                state.put(key, Optional.empty());
                                dirty.add(key);
                                if (before != null && feed.wanted(before.types())) {
                                    changes.deleted(key.tenant(), before);
                                }
                                if (before != null) {
                                    ChangeHook.Change change = new ChangeHook.Change(key.tenant(), before, null, Set.of());
                                    for (ChangeHook hook : hooks) {
                                        hook.changed(c, pipeline, change, now);
                                    }
                                }
                            }
                            case Effect.Unchanged u -> {
                            }
                        }
                        outcomes.add(new JobOutcome(effect.result(), null, written));
                    }
                    List<Runnable> checks = new ArrayList<>();
                    writeStates(c, pipeline, state, dirty, existed, versions, serialized, checks);
                    requireCurrent(c, pipeline, fromCache, dirty, versions, checks);
                    EntityValues.Group values = new EntityValues.Group();
                    for (Key key : dirty) {
                        values.changed(key.tenant(), initial.get(key).orElse(null), state.get(key).orElse(null));
                    }
                    // The history (a few rows, with no late instance to check against them), the new states, the
                    // value index, its counts and the change feed's record: one round trip.
                    if (!lateDays.isEmpty() || !history.into(c, pipeline)) {
                        history.send(c);
                        // A late instance for a day already compacted: the day goes back to rows first, so the check
                        // that it is not there already sees it.
                        HistoryBlocks.expandDays(c, json, lateDays);
                        late.executeBatch();
                    }
                    values.write(c, pipeline);
                    changes.append(pipeline, now);
                    try {
                        pipeline.run(c);
                    } catch (SQLException e) {
                        if (deferred || !assumedAbsent.isEmpty()) {
                            throw new Guessed(e);
                        }
                        throw e;
                    }
                    for (Runnable check : checks) {
                        check.run();
                    }
                    if (deferred) {
                        for (ChangeHook hook : hooks) {
                            hook.groupStarted(c, pipeline, true);
                        }
                    }
                }
                c.commit();
                for (Key key : dirty) {
                    Optional<EntityRow> row = state.get(key);
                    if (row.isPresent() && versions.containsKey(key)) {
                        latest.put(key, new Cached(row.get(), versions.get(key)));
                    } else {
                        latest.invalidate(key);             // gone
                    }
                }
                return outcomes;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /**
     * The state of each entity the jobs touch, and its version, into {@code state}: from {@link #latest} if there;
     * else, if {@code assumedAbsent} is given and the entity's first job creates it, absent (and added to that set);
     * else read from the database and locked ({@code FOR UPDATE}) by a statement added to {@code pipeline}, absent if
     * it does not exist. Returns whether a statement was added (the pipeline must then run before the jobs).
     */
    private boolean lock(Connection c, Pipeline pipeline, List<Job> jobs, Map<Key, Optional<EntityRow>> state,
            Map<Key, Long> versions, Set<Key> fromCache, Set<Key> assumedAbsent) throws SQLException {
        Map<TenantId, Set<String>> idsByTenant = new LinkedHashMap<>();
        for (Job job : jobs) {
            Key key = new Key(job.tenant(), job.entityId());
            if (state.containsKey(key)) {
                continue;
            }
            Cached cached = latest.getIfPresent(key);
            if (cached != null) {
                state.put(key, Optional.of(cached.row()));
                versions.put(key, cached.version());
                fromCache.add(key);
                continue;
            }
            state.put(key, Optional.empty());
            if (assumedAbsent != null && job.mutation().onlyIfAbsent()) {
                assumedAbsent.add(key);
                continue;
            }
            idsByTenant.computeIfAbsent(job.tenant(), t -> new TreeSet<>()).add(job.entityId());
        }
        for (var e : idsByTenant.entrySet()) {
            TenantId tenant = e.getKey();
            java.sql.Array ids = c.createArrayOf("text", e.getValue().toArray());
            pipeline.add(LOCK, (ps, i) -> {
                ps.setString(i, tenant.value());
                ps.setArray(i + 1, ids);
                return i + 2;
            }, rs -> {
                while (rs.next()) {
                    EntityRow row = row(rs, 0);
                    Key key = new Key(tenant, row.id());
                    state.put(key, Optional.of(row));
                    versions.put(key, rs.getLong(7));
                }
            });
        }
        return !idsByTenant.isEmpty();
    }

    /**
     * Adds to the pipeline the final state of each entity the group changed: the ones that existed when the group
     * locked them by one set-based {@code UPDATE … FROM unnest(…)} per tenant, new ones by one insert per tenant,
     * removed ones by delete. Adds to {@code checks} what must hold once the pipeline has run: every row written,
     * else {@link StaleState} (another node wrote or made one meanwhile, or an entity taken to be absent was there).
     */
    private void writeStates(Connection c, Pipeline pipeline, Map<Key, Optional<EntityRow>> state, Set<Key> dirty,
            Set<Key> existed, Map<Key, Long> versions, Map<Key, String> serialized, List<Runnable> checks)
            throws SQLException {
        Map<TenantId, List<EntityRow>> updates = new LinkedHashMap<>();
        Map<TenantId, List<EntityRow>> created = new LinkedHashMap<>();
        List<Key> deleted = new ArrayList<>();
        for (Key key : dirty) {
            Optional<EntityRow> row = state.get(key);
            if (row.isPresent()) {
                (existed.contains(key) ? updates : created).computeIfAbsent(key.tenant(), t -> new ArrayList<>())
                        .add(row.get());
            } else {
                deleted.add(key);
            }
        }
        // Rows in id order, as LOCK takes them, so that two nodes never wait for each other's rows in a circle.
        updates.values().forEach(rows -> rows.sort(java.util.Comparator.comparing(EntityRow::id)));
        created.values().forEach(rows -> rows.sort(java.util.Comparator.comparing(EntityRow::id)));
        for (var e : updates.entrySet()) {
            TenantId tenant = e.getKey();
            List<EntityRow> all = e.getValue();
            Set<String> written = new java.util.HashSet<>(all.size() * 2);
            for (int from = 0; from < all.size(); from += STATEMENT_ROWS) {
                List<EntityRow> rows = all.subList(from, Math.min(all.size(), from + STATEMENT_ROWS));
                int n = rows.size();
                Long[] expected = new Long[n];
                for (int i = 0; i < n; i++) {
                    expected[i] = versions.get(new Key(tenant, rows.get(i).id()));
                }
                java.sql.Array[] columns = rowArrays(c, tenant, rows, serialized);
                java.sql.Array expectedVersions = c.createArrayOf("int8", expected);
                java.sql.Array ids = columns[0];
                pipeline.add(UPDATE_ALL, (ps, i) -> {
                    for (java.sql.Array column : columns) {
                        ps.setArray(i++, column);
                    }
                    ps.setArray(i++, expectedVersions);
                    ps.setString(i++, tenant.value());
                    ps.setArray(i++, ids);
                    return i;
                }, rs -> readVersions(rs, tenant, written, versions));
            }
            checks.add(() -> requireAll(tenant, all, written));
        }
        for (Key key : deleted) {
            pipeline.add(DELETE, (ps, i) -> {
                ps.setString(i, key.tenant().value());
                ps.setString(i + 1, key.id());
                return i + 2;
            });
        }
        for (var e : created.entrySet()) {
            TenantId tenant = e.getKey();
            List<EntityRow> rows = e.getValue();
            java.sql.Array[] columns = rowArrays(c, tenant, rows, serialized);
            Set<String> written = new java.util.HashSet<>(rows.size() * 2);
            pipeline.add(INSERT_ALL, (ps, i) -> {
                ps.setString(i++, tenant.value());
                for (java.sql.Array column : columns) {
                    ps.setArray(i++, column);
                }
                return i;
            }, rs -> readVersions(rs, tenant, written, versions));
            checks.add(() -> requireAll(tenant, rows, written));
        }
    }

    private static void readVersions(ResultSet rs, TenantId tenant, Set<String> written, Map<Key, Long> versions)
            throws SQLException {
        while (rs.next()) {
            written.add(rs.getString(1));
            versions.put(new Key(tenant, rs.getString(1)), rs.getLong(2));
        }
    }

    /** {@link StaleState} naming the rows a statement did not write. */
    private static void requireAll(TenantId tenant, List<EntityRow> rows, Set<String> written) {
        if (written.size() == rows.size()) {
            return;
        }
        Set<Key> stale = new java.util.HashSet<>();
        for (EntityRow r : rows) {
            if (!written.contains(r.id())) {
                stale.add(new Key(tenant, r.id()));
            }
        }
        throw new StaleState(stale);
    }

    /**
     * The seven text arrays {@link #UPDATE_ALL} and {@link #INSERT_ALL} read rows from (id, types, attributes, created,
     * modified, location box, scopes).
     */
    private java.sql.Array[] rowArrays(Connection c, TenantId tenant, List<EntityRow> rows, Map<Key, String> serialized)
            throws SQLException {
        int n = rows.size();
        String[][] columns = new String[7][n];
        for (int i = 0; i < n; i++) {
            EntityRow r = rows.get(i);
            String made = serialized.get(new Key(tenant, r.id()));
            columns[0][i] = r.id();
            columns[1][i] = arrayLiteral(r.types());
            columns[2][i] = made != null ? made : json.writeValueAsString(r.attributes());
            columns[3][i] = r.createdAt().toString();          // ISO 8601 in UTC: no session time zone involved
            columns[4][i] = r.modifiedAt().toString();
            columns[5][i] = locationBox(r.attributes());
            columns[6][i] = arrayLiteral(r.scopes());
        }
        java.sql.Array[] arrays = new java.sql.Array[columns.length];
        for (int k = 0; k < columns.length; k++) {
            arrays[k] = c.createArrayOf("text", columns[k]);
        }
        return arrays;
    }

    /**
     * Entities a group read from memory but did not write (a refused or unchanged job): their answer holds only if
     * no other node wrote them meanwhile, which one look-up of their versions tells.
     */
    private static final String VERSIONS = "SELECT id, version FROM context_entity WHERE tenant_id = ? AND id = ANY (?)";

    private void requireCurrent(Connection c, Pipeline pipeline, Set<Key> fromCache, Set<Key> dirty,
            Map<Key, Long> versions, List<Runnable> checks) throws SQLException {
        Map<TenantId, List<String>> unwritten = new LinkedHashMap<>();
        for (Key key : fromCache) {
            if (!dirty.contains(key)) {
                unwritten.computeIfAbsent(key.tenant(), t -> new ArrayList<>()).add(key.id());
            }
        }
        for (var e : unwritten.entrySet()) {
            TenantId tenant = e.getKey();
            java.sql.Array ids = c.createArrayOf("text", e.getValue().toArray());
            Map<String, Long> found = new HashMap<>();
            pipeline.add(VERSIONS, (ps, i) -> {
                ps.setString(i, tenant.value());
                ps.setArray(i + 1, ids);
                return i + 2;
            }, rs -> {
                while (rs.next()) {
                    found.put(rs.getString(1), rs.getLong(2));
                }
            });
            checks.add(() -> {
                Set<Key> stale = new java.util.HashSet<>();
                for (String id : e.getValue()) {
                    Key key = new Key(tenant, id);
                    if (!versions.get(key).equals(found.get(id))) {
                        stale.add(key);
                    }
                }
                if (!stale.isEmpty()) {
                    throw new StaleState(stale);
                }
            });
        }
    }

    /** A PostgreSQL array literal of texts, each quoted and escaped ({@code {"a","b"}}). */
    static String arrayLiteral(List<String> values) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            b.append(i == 0 ? "\"" : ",\"");
            String v = values.get(i);
            for (int j = 0; j < v.length(); j++) {
                char ch = v.charAt(j);
                if (ch == '"' || ch == '\\') {
                    b.append('\\');
                }
                b.append(ch);
            }
            b.append('"');
        }
        return b.append('}').toString();
    }

    /** Adds the instances to the group's history COPY. */
    private void copyHistory(HistoryCopy history, Key key, ObjectNode instances, Instant now) {
        for (var attr : instances.properties()) {
            for (JsonNode instance : org.saola.context.AttributeInstances.of(attr.getValue())) {
                Instant observed = instance.has("observedAt") ? Timestamps.parse(instance.get("observedAt").asString()) : now;
                history.add(key.tenant().value(), key.id(), attr.getKey(), observed, json.writeValueAsBytes(instance), now);
            }
        }
    }

    /** Adds the instances to the batch; {@code once}: to {@link #APPEND_HISTORY_ONCE}, whose values come twice. */
    private void addHistory(PreparedStatement history, Key key, ObjectNode instances, Instant now, boolean once,
            Set<HistoryBlocks.Day> lateDays) throws SQLException {
        for (var attr : instances.properties()) {
          for (JsonNode instance : org.saola.context.AttributeInstances.of(attr.getValue())) {
            Instant observed = instance.has("observedAt") ? Timestamps.parse(instance.get("observedAt").asString()) : now;
            lateDays.add(new HistoryBlocks.Day(key.tenant().value(), key.id(), attr.getKey(),
                    HistoryBlocks.periodOf(HistoryBlocks.micros(observed))));
            String text = json.writeValueAsString(instance);
            history.setTimestamp(6, Timestamp.from(now));
            for (int offset : once ? new int[] {0, 6} : new int[] {0}) {
                history.setString(offset + 1, key.tenant().value());
                history.setString(offset + 2, key.id());
                history.setString(offset + 3, attr.getKey());
                history.setTimestamp(offset + 4, Timestamp.from(observed));
                history.setString(offset + 5, text);
            }
            history.addBatch();
          }
        }
    }

    public Optional<StoredEntity> find(TenantId tenant, String id) {
        return jdbc.sql("SELECT id, types, attrs::text, created_at, modified_at, scopes FROM context_entity WHERE tenant_id = ? AND id = ?")
                .params(tenant.value(), id)
                .query(this::entity)
                .optional();
    }

    private static String locationBox(ObjectNode attributes) {
        JsonNode location = org.saola.context.AttributeInstances.primary(attributes.get(LOCATION));
        if (location == null || !"GeoProperty".equals(location.path("type").asString(""))
                || !GeoJson.looksLikeGeometry(location.path("value"))) {
            return null;
        }
        return Geometries.boxLiteral(Geometries.bbox(location.get("value")));
    }

    /** Entities a query selects, in id order (a unique key, so paging never skips or repeats one). */
    public List<StoredEntity> query(EntityQuery query, int limit, int offset) {
        if (query.geo().isPresent()) {
            List<String> ids = geoMatches(query);
            if (offset >= ids.size() || limit == 0) {
                return List.of();
            }
            List<String> page = ids.subList(offset, Math.min(ids.size(), offset + limit));
            return jdbc.sql("SELECT id, types, attrs::text, created_at, modified_at, scopes FROM context_entity"
                            + " WHERE tenant_id = ? AND id = ANY (?) ORDER BY id")
                    .params(query.tenant().value(), page.toArray(String[]::new)).query(this::entity).list();
        }
        EntityQuerySql sql = new EntityQuerySql(query, json);
        List<Object> params = new ArrayList<>(sql.params);
        params.add(limit);
        params.add(offset);
        return CustomPlans.query(queries, pageSql(sql), params, this::entity);
    }

    /** A page of a query's matches and the number of all its matches, as one snapshot saw them. */
    public record Counted(List<StoredEntity> page, long count) {
    }

    /**
     * A page and the count of all matches ({@code count=true}), read in one snapshot, so the count agrees with the
     * page whatever is written meanwhile. The count comes first and decides how the page is read: none if it has no
     * match from {@code offset} on; read for all its rows if it holds the last match, since a plan that stops at
     * the page's last entity would read every candidate there (a page of two terms whose entities hardly meet,
     * docs/PERFORMANCE.md, session 45); as {@link #query} otherwise.
     */
    public Counted queryCounted(EntityQuery query, int limit, int offset) {
        return snapshot.execute(tx -> {
            long count = count(query);
            if (limit == 0 || count <= offset) {
                return new Counted(List.of(), count);
            }
            if (query.geo().isPresent() || count >= (long) offset + limit) {
                return new Counted(query(query, limit, offset), count);
            }
            EntityQuerySql sql = new EntityQuerySql(query, json);
            List<Object> params = new ArrayList<>(sql.params);
            params.add(offset);
            // (at most limit rows, should the count ever be short of the matches)
            return new Counted(CustomPlans.query(queries, lastPageSql(sql), params, this::entity, limit), count);
        });
    }

    /** The matches from an offset to the last: no LIMIT, so PostgreSQL plans for reading them all. */
    private static String lastPageSql(EntityQuerySql sql) {
        return matchesSql(sql) + " OFFSET ?";
    }

    /** A query's matching entities, in id order. */
    private static String matchesSql(EntityQuerySql sql) {
        return "SELECT id, types, attrs::text, created_at, modified_at, scopes FROM context_entity WHERE " + sql.where
                + " ORDER BY id";
    }

    private static String pageSql(EntityQuerySql sql) {
        return matchesSql(sql) + " LIMIT ? OFFSET ?";
    }

    private static String countSql(EntityQuerySql sql) {
        return "SELECT count(*) FROM context_entity WHERE " + sql.where;
    }

    /**
     * The plan PostgreSQL chooses for a query's page ({@code count}: for its count), as {@code EXPLAIN} prints it:
     * what tests and operators read to see that a query stays index-driven as the city grows. Planned for its values
     * as the query itself is ({@link CustomPlans}), however often it is asked for.
     */
    public List<String> plan(EntityQuery query, int limit, boolean count) {
        Optional<ValueCounts.Statement> counted = count ? ValueCounts.statement(query) : Optional.empty();
        if (counted.isPresent()) {
            return explain(counted.get().sql(), counted.get().params());
        }
        EntityQuerySql sql = new EntityQuerySql(query, json);
        List<Object> params = new ArrayList<>(sql.params);
        if (!count) {
            params.add(limit);
            params.add(0);
        }
        return explain(count ? countSql(sql) : pageSql(sql), params);
    }

    /**
     * The plan of a page of {@link #queryCounted} that holds the last match, from {@code offset}: read for all its
     * rows.
     */
    public List<String> planLastPage(EntityQuery query, int offset) {
        EntityQuerySql sql = new EntityQuerySql(query, json);
        List<Object> params = new ArrayList<>(sql.params);
        params.add(offset);
        return explain(lastPageSql(sql), params);
    }

    private List<String> explain(String sql, List<Object> params) {
        return CustomPlans.query(queries, "EXPLAIN " + sql, params, (rs, n) -> rs.getString(1));
    }

    /**
     * The generic plans (those a prepared statement keeps after its fifth run, whatever the values) of the group
     * commit's statements on entities that exist, under the group commit's {@link #GROUP_COMMIT_SETTINGS}: the new
     * states, and the value index's rows of changed attributes going. Each must find its rows by key, not by the
     * tenant, or every group commit reads the tenant whole. {@code planner} gives other planner settings first
     * (name to value: costs, say, standing for a table's statistics).
     */
    public List<List<String>> groupCommitPlans(Map<String, String> planner) {
        List<List<String>> plans = new ArrayList<>();
        if (!planner.keySet().stream().allMatch(name -> name.matches("[a-z_]+"))) {
            throw new IllegalArgumentException("not a setting's name: " + planner.keySet());
        }
        Map<String, String> settings = new LinkedHashMap<>(planner);
        GROUP_COMMIT_SETTINGS.forEach(e -> settings.put(e.getKey(), e.getValue()));
        // On a pooled connection, left as found: the settings reset, the statement deallocated (neither is undone by
        // a rollback), each in a finally of its own.
        try (Connection c = dataSource.getConnection(); java.sql.Statement st = c.createStatement()) {
            try {
                for (var setting : settings.entrySet()) {
                    try (PreparedStatement set = c.prepareStatement("SELECT set_config(?, ?, false)")) {
                        set.setString(1, setting.getKey());
                        set.setString(2, setting.getValue());
                        set.execute();
                    }
                }
                for (String sql : List.of(UPDATE_ALL, EntityValues.Group.DELETE_ATTRIBUTES)) {
                    // The JDBC placeholders as PostgreSQL's own ($1, $2 …), each given NULL: the generic plan,
                    // forced above, does not depend on the values.
                    StringBuilder numbered = new StringBuilder();
                    java.util.StringJoiner nulls = new java.util.StringJoiner(", ", "(", ")");
                    int n = 0;
                    for (char ch : sql.toCharArray()) {
                        if (ch == '?') {
                            numbered.append('$').append(++n);
                            nulls.add("NULL");
                        } else {
                            numbered.append(ch);
                        }
                    }
                    st.execute("PREPARE group_commit_plan AS " + numbered);
                    try (ResultSet rs = st.executeQuery("EXPLAIN EXECUTE group_commit_plan" + nulls)) {
                        List<String> plan = new ArrayList<>();
                        while (rs.next()) {
                            plan.add(rs.getString(1));
                        }
                        plans.add(plan);
                    } finally {
                        st.execute("DEALLOCATE group_commit_plan");
                    }
                }
            } finally {
                for (String name : settings.keySet()) {
                    st.execute("RESET " + name);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return plans;
    }

    public long count(EntityQuery query) {
        if (query.geo().isPresent()) {
            return geoMatches(query).size();
        }
        Optional<Long> counted = ValueCounts.count(queries, query);
        if (counted.isPresent()) {
            return counted.get();
        }
        EntityQuerySql sql = new EntityQuerySql(query, json);
        return CustomPlans.query(queries, countSql(sql), sql.params, (rs, n) -> rs.getLong(1)).getFirst();
    }

    /**
     * Ids, in order, of the entities matching a query with a geo-query: the other selectors and the indexed
     * bounding box of {@code location} narrow the candidates in SQL; the exact relation is decided in Java.
     */
    private List<String> geoMatches(EntityQuery query) {
        GeoQuery geo = query.geo().orElseThrow();
        EntityQuerySql sql = new EntityQuerySql(query, json);
        List<Object> params = new ArrayList<>();
        params.add(geo.geoproperty());
        params.add(geo.geoproperty());
        params.addAll(sql.params);
        StringBuilder where = new StringBuilder(sql.where);
        Optional<double[]> box = LOCATION.equals(geo.geoproperty()) ? geo.candidateBox() : Optional.empty();
        box.ifPresent(b -> {
            where.append(" AND location_box && ?::box");
            params.add(Geometries.boxLiteral(b));
        });
        List<String> ids = new ArrayList<>();
        CustomPlans.query(queries, "SELECT id, coalesce(attrs -> ? -> 'value', attrs -> ? -> 0 -> 'value') FROM context_entity"
                + " WHERE " + where + " ORDER BY id", params, (RowCallbackHandler) rs -> {
                    String geometry = rs.getString(2);
                    if (geometry != null && matches(geo, json.readTree(geometry))) {
                        ids.add(rs.getString(1));
                    }
                });
        return ids;
    }

    private static boolean matches(GeoQuery geo, JsonNode geometry) {
        try {
            return GeoJson.looksLikeGeometry(geometry) && geo.matches(geometry);
        } catch (RuntimeException notAGeometry) {
            return false;
        }
    }

    /** How many entities of a type have an attribute of a kind (Property, Relationship, ...). */
    public record AttributeUse(String type, String attribute, String kind, long entities) {
    }

    /** Every (type, attribute, kind) in use in a tenant, with how many entities have it (discovery). */
    public List<AttributeUse> attributeUses(TenantId tenant) {
        return jdbc.sql("""
                SELECT t.type, a.key, coalesce(a.value ->> 'type', a.value -> 0 ->> 'type', 'Property'), count(*)
                FROM context_entity e CROSS JOIN LATERAL unnest(e.types) t(type) CROSS JOIN LATERAL jsonb_each(e.attrs) a
                WHERE e.tenant_id = ? GROUP BY 1, 2, 3 ORDER BY 1, 2, 3""")
                .params(tenant.value())
                .query((rs, n) -> new AttributeUse(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)))
                .list();
    }

    /** Entity types in use in a tenant, with how many entities have each (among their other types). */
    public Map<String, Long> typeCounts(TenantId tenant) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("SELECT t, count(*) FROM context_entity, unnest(types) t WHERE tenant_id = ? GROUP BY t ORDER BY t")
                .params(tenant.value())
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .list().forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    private StoredEntity entity(ResultSet rs, int row) throws SQLException {
        return new StoredEntity(rs.getString(1), strings(rs, 2), (ObjectNode) json.readTree(rs.getString(3)),
                rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant(), strings(rs, 6));
    }

    private EntityRow row(ResultSet rs, int row) throws SQLException {
        return new EntityRow(rs.getString(1), strings(rs, 2), (ObjectNode) json.readTree(rs.getString(3)),
                rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant(), strings(rs, 6));
    }

    private static List<String> strings(ResultSet rs, int column) throws SQLException {
        java.sql.Array a = rs.getArray(column);
        return a == null ? List.of() : List.of((String[]) a.getArray());
    }
}
