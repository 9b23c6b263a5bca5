import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The floor of Saola's partial updates under issue #17's item 3 (docs/PERFORMANCE.md, session 46): the least a
 * server can do to store what Saola stores for {@code PATCH /ngsi-ld/v1/entities/{id}/attrs/temperature}, in
 * Saola's own tables, with its statements and its group commit, and nothing else.
 * <ul>
 * <li>the Tomcat Saola embeds, on virtual threads, one servlet: no filter, no key, no rate limit, no JSON-LD;</li>
 * <li>the body parsed by Jackson (Saola's), its {@code value} taken as it is;</li>
 * <li>the write handed to one of {@code writers} threads by the entity's hash, which drain their queues and commit
 * each group in one transaction: the group's statements in one pipeline (one round trip), then {@code COMMIT}, as
 * Saola's group commit does; the entities' states held in memory, no read before a write;</li>
 * <li>the statements are Saola's own, for a partial update of a number with no subscription, no change feed
 * consumer and no context source: the entities' new states ({@code UPDATE … FROM unnest}, with the version check),
 * history's rows, the value index's rows (deleted and inserted) and the counts by bucket behind
 * {@code count=true}. They are copies (this file runs from the source launcher, without Saola's classes) of
 * {@code EntityStore.UPDATE_ALL}, {@code HistoryCopy.INSERT_SMALL}, {@code EntityValues.Group}'s
 * {@code DELETE_ATTRIBUTES} and {@code INSERT}, and {@code ValueCounts}' upsert: change them with those.</li>
 * </ul>
 * Run by {@code write-floor.sh} against the embedded PostgreSQL of an idle Saola that created the entities:
 * arguments: port, a directory for Tomcat's files, a JDBC URL, the tenant, the number of writer threads, and which
 * statements: {@code all} (every one above), {@code no-counts} (all but the counts) or {@code entities-history} (the
 * new states and history only), to tell what the value index and its counts, issue #17's item 1, cost the writes;
 * {@code in-place}: all, the value index's row updated instead of deleted and inserted again.
 * The environment's {@code FLOOR_SESSION_SQL}, if set, is run in each writer's session after the planner settings:
 * a what-if that no setting of Saola allows (session 48: {@code SET synchronous_commit = off}, the cost of waiting for
 * each commit's flush).
 */
public class WriteFloor {

    static final String ATTR = "https://uri.etsi.org/ngsi-ld/default-context/temperature";
    static final String PREFIX = "/ngsi-ld/v1/entities/";
    static final String SUFFIX = "/attrs/temperature";

    static final String UPDATE = """
            UPDATE context_entity e SET types = v.types::text[], attrs = v.attrs::jsonb, created_at = v.created_at::timestamptz,
                   modified_at = v.modified_at::timestamptz, location_box = v.box::box, scopes = v.scopes::text[],
                   version = nextval('context_entity_version')
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int8[])
                 AS v(id, types, attrs, created_at, modified_at, box, scopes, version)
            WHERE e.tenant_id = ? AND e.id = ANY (?::text[]) AND e.id = v.id AND e.version = v.version
            RETURNING e.id, e.version""";
    static final String HISTORY = """
            INSERT INTO context_attribute_history (tenant_id, entity_id, attr, observed_at, instance, written_at)
            SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::jsonb[], ?::timestamptz[])""";
    static final String VALUES_DELETE = """
            DELETE FROM context_entity_value v USING unnest(?::text[], ?::text[]) AS d(entity_id, attr)
            WHERE v.tenant_id = ? AND v.entity_id = ANY (?::text[]) AND v.entity_id = d.entity_id AND v.attr = d.attr""";
    static final String VALUES_INSERT = """
            INSERT INTO context_entity_value (tenant_id, entity_id, attr, inst, path, kind, num, txt, flag, ts,
                   observed_at, unit_code, dataset_id)
            SELECT ?, r.entity_id, r.attr, r.inst, r.path, r.kind::"char", r.num, r.txt, r.flag, r.ts::timestamptz,
                   r.observed_at::timestamptz, r.unit_code, r.dataset_id
            FROM unnest(?::text[], ?::text[], ?::int2[], ?::text[], ?::text[], ?::float8[], ?::text[], ?::bool[],
                   ?::text[], ?::text[], ?::text[], ?::text[])
                 AS r(entity_id, attr, inst, path, kind, num, txt, flag, ts, observed_at, unit_code, dataset_id)""";
    /** The value index's row changed in place (its key, kind and path unchanged): a what-if, not Saola's today. */
    static final String VALUES_UPDATE = """
            UPDATE context_entity_value v SET num = d.num
            FROM unnest(?::text[], ?::text[], ?::float8[]) AS d(entity_id, attr, num)
            WHERE v.tenant_id = ? AND v.entity_id = ANY (?::text[]) AND v.entity_id = d.entity_id AND v.attr = d.attr
              AND v.inst = 0 AND v.path = ''""";
    static final String COUNTS = """
            INSERT INTO context_value_count AS c (tenant_id, type, attr, bucket, stripe, entities)
            SELECT ?, d.type, d.attr, d.bucket, ?, d.delta
            FROM unnest(?::text[], ?::text[], ?::int8[], ?::int8[]) WITH ORDINALITY AS d(type, attr, bucket, delta, n)
            ORDER BY d.n
            ON CONFLICT (tenant_id, type, attr, bucket, stripe) DO UPDATE SET entities = c.entities + excluded.entities""";

    /** An entity as the writer holds it: its row's columns, its attributes, its version. */
    static final class Entity {
        final String id;
        final String types;
        final String type;
        final String createdAt;
        ObjectNode attrs;
        long version;

        Entity(String id, String types, String type, String createdAt, ObjectNode attrs, long version) {
            this.id = id;
            this.types = types;
            this.type = type;
            this.createdAt = createdAt;
            this.attrs = attrs;
            this.version = version;
        }
    }

    record Job(Entity entity, JsonNode value, CompletableFuture<Void> done) {
    }

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** Which statements each group sends (the last argument). */
    enum Statements {
        ALL, NO_COUNTS, ENTITIES_HISTORY, IN_PLACE;

        static Statements of(String argument) {
            for (Statements s : values()) {
                if (s.name().toLowerCase().replace('_', '-').equals(argument)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("all, no-counts, entities-history or in-place: " + argument);
        }

        boolean counts() {
            return this == ALL || this == IN_PLACE;
        }
    }

    /** One statement of a group's pipeline, and how it sets its parameters from {@code first} on. */
    record Step(String sql, Parameters parameters) {
    }

    interface Parameters {
        /** Returns the index after the statement's last parameter. */
        int set(PreparedStatement statement, int first) throws SQLException;
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String url = args[2];
        String tenant = args[3];
        int writers = Integer.parseInt(args[4]);
        Statements statements = Statements.of(args[5]);
        Map<String, Entity> entities = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url);
                PreparedStatement s = c.prepareStatement("SELECT id, types::text, types[1], created_at::text, attrs::text, "
                        + "version FROM context_entity WHERE tenant_id = ?")) {
            s.setString(1, tenant);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    entities.put(rs.getString(1), new Entity(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), (ObjectNode) JSON.readTree(rs.getString(5)), rs.getLong(6)));
                }
            }
        }
        List<BlockingQueue<Job>> queues = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            BlockingQueue<Job> queue = new ArrayBlockingQueue<>(10_000);
            queues.add(queue);
            Connection c = DriverManager.getConnection(url);
            try (var settings = c.createStatement()) {
                // What Saola's group commit plans under (EntityStore.GROUP_COMMIT_SETTINGS), here for the session.
                settings.execute("SET enable_seqscan = off; SET enable_bitmapscan = off; "
                        + "SET plan_cache_mode = force_generic_plan");
                String more = System.getenv("FLOOR_SESSION_SQL");   // a what-if for the writers' sessions
                if (more != null && !more.isBlank()) {
                    settings.execute(more);
                }
            }
            c.setAutoCommit(false);
            short stripe = (short) i;
            Thread.ofPlatform().name("floor-writer-" + i).daemon(true).start(() -> drain(queue, c, tenant, stripe, statements));
        }

        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(args[1]);
        Connector connector = new Connector("org.apache.coyote.http11.Http11NioProtocol");
        connector.setPort(port);
        connector.getProtocolHandler().setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", null);
        Tomcat.addServlet(context, "floor", new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                String uri = request.getRequestURI();
                byte[] body = request.getInputStream().readAllBytes();
                if (!uri.startsWith(PREFIX) || !uri.endsWith(SUFFIX) || request.getHeader("Authorization") == null) {
                    response.setStatus(404);
                    return;
                }
                Entity entity = entities.get(uri.substring(PREFIX.length(), uri.length() - SUFFIX.length()));
                JsonNode value = JSON.readTree(body).get("value");
                if (entity == null || value == null || !value.isNumber()) {
                    response.setStatus(400);
                    return;
                }
                CompletableFuture<Void> done = new CompletableFuture<>();
                if (!queues.get(Math.floorMod(entity.id.hashCode(), queues.size())).offer(new Job(entity, value, done))) {
                    response.setStatus(503);
                    return;
                }
                done.join();
                response.setStatus(204);
            }
        });
        context.addServletMappingDecoded("/*", "floor");
        tomcat.start();
        tomcat.getServer().await();
    }

    static void drain(BlockingQueue<Job> queue, Connection c, String tenant, short stripe, Statements statements) {
        List<Job> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(queue.take());
                queue.drainTo(batch, 999);
                commit(batch, c, tenant, stripe, statements);
                batch.forEach(j -> j.done().complete(null));
            } catch (Exception e) {
                batch.forEach(j -> j.done().completeExceptionally(e));
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the next group fails too, and says why
                }
            } finally {
                batch.clear();
            }
        }
    }

    static long bucket(double d) {
        long bits = Double.doubleToLongBits(d == 0 ? 0.0 : d);
        return (bits ^ ((bits >> 63) & Long.MAX_VALUE)) >> 42;
    }

    /** One group: every job applied in memory, each entity's last state written once, in one pipeline, committed. */
    static void commit(List<Job> batch, Connection c, String tenant, short stripe, Statements statements)
            throws SQLException {
        Instant now = Instant.now();
        String at = now.toString();
        Map<Entity, ObjectNode> states = new LinkedHashMap<>();
        Map<String, Long> deltas = new TreeMap<>();             // bucket changes, by type and bucket, in key order
        int n = batch.size();
        String[] hTenant = new String[n];
        String[] hEntity = new String[n];
        String[] hAttr = new String[n];
        String[] hObserved = new String[n];
        String[] hInstance = new String[n];
        String[] hWritten = new String[n];
        for (int i = 0; i < n; i++) {
            Job job = batch.get(i);
            Entity e = job.entity();
            ObjectNode before = states.getOrDefault(e, e.attrs);
            ObjectNode after = JSON.createObjectNode();           // a new object of the same nodes, as Saola's
            after.setAll(before);
            ObjectNode instance = JSON.createObjectNode().put("type", "Property");
            instance.set("value", job.value());
            instance.put("instanceId", "urn:ngsi-ld:" + UUID.randomUUID());
            after.set(ATTR, instance);
            states.put(e, after);
            JsonNode old = before.path(ATTR).path("value");
            if (old.isNumber()) {
                deltas.merge(e.type + " " + bucket(old.asDouble()), -1L, Long::sum);
            }
            deltas.merge(e.type + " " + bucket(job.value().asDouble()), 1L, Long::sum);
            hTenant[i] = tenant;
            hEntity[i] = e.id;
            hAttr[i] = ATTR;
            hObserved[i] = at;
            hInstance[i] = JSON.writeValueAsString(instance);
            hWritten[i] = at;
        }
        int m = states.size();
        String[] ids = new String[m];
        String[] types = new String[m];
        String[] attrs = new String[m];
        String[] created = new String[m];
        String[] modified = new String[m];
        String[] boxes = new String[m];
        String[] scopes = new String[m];
        Long[] versions = new Long[m];
        String[] vAttrs = new String[m];
        Short[] insts = new Short[m];
        String[] paths = new String[m];
        String[] kinds = new String[m];
        Double[] nums = new Double[m];
        String[] none = new String[m];
        Boolean[] flags = new Boolean[m];
        int k = 0;
        for (var s : states.entrySet()) {
            Entity e = s.getKey();
            ids[k] = e.id;
            types[k] = e.types;
            attrs[k] = JSON.writeValueAsString(s.getValue());
            created[k] = e.createdAt;
            modified[k] = at;
            scopes[k] = "{}";
            versions[k] = e.version;
            vAttrs[k] = ATTR;
            insts[k] = 0;
            paths[k] = "";
            kinds[k] = "n";
            nums[k] = s.getValue().get(ATTR).get("value").asDouble();
            k++;
        }
        List<Map.Entry<String, Long>> changed = !statements.counts() ? List.of()
                : deltas.entrySet().stream().filter(d -> d.getValue() != 0).toList();
        String[] cTypes = new String[changed.size()];
        String[] cAttrs = new String[changed.size()];
        Long[] cBuckets = new Long[changed.size()];
        Long[] cDeltas = new Long[changed.size()];
        for (int i = 0; i < changed.size(); i++) {
            String key = changed.get(i).getKey();
            cTypes[i] = key.substring(0, key.lastIndexOf(' '));
            cAttrs[i] = ATTR;
            cBuckets[i] = Long.parseLong(key.substring(key.lastIndexOf(' ') + 1));
            cDeltas[i] = changed.get(i).getValue();
        }
        Array idArray = c.createArrayOf("text", ids);
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(UPDATE, (s, p) -> {
            for (Object[] column : new Object[][] {ids, types, attrs, created, modified, boxes, scopes}) {
                s.setArray(p++, c.createArrayOf("text", column));
            }
            s.setArray(p++, c.createArrayOf("int8", versions));
            s.setString(p++, tenant);
            s.setArray(p++, idArray);
            return p;
        }));
        steps.add(new Step(HISTORY, (s, p) -> {
            s.setArray(p++, c.createArrayOf("text", hTenant));
            s.setArray(p++, c.createArrayOf("text", hEntity));
            s.setArray(p++, c.createArrayOf("text", hAttr));
            s.setArray(p++, c.createArrayOf("timestamptz", hObserved));
            s.setArray(p++, c.createArrayOf("jsonb", hInstance));
            s.setArray(p++, c.createArrayOf("timestamptz", hWritten));
            return p;
        }));
        if (statements == Statements.IN_PLACE) {
            steps.add(new Step(VALUES_UPDATE, (s, p) -> {
                s.setArray(p++, idArray);
                s.setArray(p++, c.createArrayOf("text", vAttrs));
                s.setArray(p++, c.createArrayOf("float8", nums));
                s.setString(p++, tenant);
                s.setArray(p++, idArray);
                return p;
            }));
        } else if (statements != Statements.ENTITIES_HISTORY) {
            steps.add(new Step(VALUES_DELETE, (s, p) -> {
                s.setArray(p++, idArray);
                s.setArray(p++, c.createArrayOf("text", vAttrs));
                s.setString(p++, tenant);
                s.setArray(p++, idArray);
                return p;
            }));
            steps.add(new Step(VALUES_INSERT, (s, p) -> {
                s.setString(p++, tenant);
                s.setArray(p++, idArray);
                s.setArray(p++, c.createArrayOf("text", vAttrs));
                s.setArray(p++, c.createArrayOf("int2", insts));
                s.setArray(p++, c.createArrayOf("text", paths));
                s.setArray(p++, c.createArrayOf("text", kinds));
                s.setArray(p++, c.createArrayOf("float8", nums));
                s.setArray(p++, c.createArrayOf("text", none));
                s.setArray(p++, c.createArrayOf("bool", flags));
                for (int i = 0; i < 4; i++) {
                    s.setArray(p++, c.createArrayOf("text", none));
                }
                return p;
            }));
        }
        if (!changed.isEmpty()) {
            steps.add(new Step(COUNTS, (s, p) -> {
                s.setString(p++, tenant);
                s.setShort(p++, stripe);
                s.setArray(p++, c.createArrayOf("text", cTypes));
                s.setArray(p++, c.createArrayOf("text", cAttrs));
                s.setArray(p++, c.createArrayOf("int8", cBuckets));
                s.setArray(p++, c.createArrayOf("int8", cDeltas));
                return p;
            }));
        }
        try (PreparedStatement s = c.prepareStatement(String.join(";\n", steps.stream().map(Step::sql).toList()))) {
            int p = 1;
            for (Step step : steps) {
                p = step.parameters().set(s, p);
            }
            execute(s, c, states, m);
        }
    }

    /** Runs the group's statements, checks every entity was written at the version held, commits. */
    static void execute(PreparedStatement s, Connection c, Map<Entity, ObjectNode> states, int m) throws SQLException {
        s.execute();
        Map<String, Long> written = new HashMap<>();
        try (ResultSet rs = s.getResultSet()) {
            while (rs.next()) {
                written.put(rs.getString(1), rs.getLong(2));
            }
        }
        if (written.size() != m) {
            throw new SQLException("an entity's version moved under the floor: " + (m - written.size()) + " rows");
        }
        while (s.getMoreResults() || s.getUpdateCount() != -1) {
            // each statement's count of rows, in order
        }
        c.commit();
        for (var e : states.entrySet()) {
            e.getKey().attrs = e.getValue();
            e.getKey().version = written.get(e.getKey().id);
        }
    }
}
