package org.saola.context.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.saola.context.EntityChange;
import org.saola.context.StoredEntity;
import org.saola.context.Timestamps;
import org.saola.platform.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The change feed's table (one row per group commit, its changes as a JSON array) and its consumers'
 * positions. Positions are taken in commit order: a group commit takes a transaction-level advisory lock right
 * before it inserts its row and commits, and PostgreSQL releases that lock only once the commit is visible; so
 * whoever has read position P will never see a position below P appear later, across writer threads and nodes.
 */
@Repository
public class ChangeFeedStore {

    private static final String ORDER_LOCK = "SELECT pg_advisory_xact_lock(hashtext('saola.context.change-feed'))";
    private static final String APPEND = """
            INSERT INTO context_change_feed (position, committed_at, changes)
            VALUES (nextval('context_change_position'), ?, ?)""";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    /** Group commits this node has recorded (consumers are woken only when it moves). */
    private final java.util.concurrent.atomic.AtomicLong appended = new java.util.concurrent.atomic.AtomicLong();
    /** What the live consumers watch together, as the writers last read it; null until first read. */
    private volatile Interest interest;

    /** The union of what the live consumers watch: everything, or these expanded types. */
    public record Interest(boolean everything, Set<String> types) {
        boolean wants(List<String> entityTypes) {
            if (everything) {
                return true;
            }
            for (String t : entityTypes) {
                if (types.contains(t)) {
                    return true;
                }
            }
            return false;
        }
    }

    public ChangeFeedStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The changes of one group commit, written as one JSON array as they are applied. */
    final class Group {
        private final StringBuilder changes = new StringBuilder(4096).append('[');
        private int count;

        /** An entity written: {@code attributesJson} is its attributes as already serialized for its row. */
        void written(TenantId tenant, EntityRow row, String attributesJson, Set<String> written, boolean created) {
            begin(tenant, created ? "c" : "u", row);
            changes.append(",\"written\":");
            strings(written);
            changes.append(",\"attrs\":").append(attributesJson).append('}');
        }

        void deleted(TenantId tenant, EntityRow before) {
            begin(tenant, "d", before);
            changes.append(",\"written\":[],\"attrs\":").append(json.writeValueAsString(before.attributes())).append('}');
        }

        private void begin(TenantId tenant, String kind, EntityRow row) {
            if (count++ > 0) {
                changes.append(',');
            }
            changes.append("{\"t\":");
            quote(tenant.value());
            changes.append(",\"k\":\"").append(kind).append("\",\"id\":");
            quote(row.id());
            changes.append(",\"types\":");
            strings(row.types());
            changes.append(",\"scopes\":");
            strings(row.scopes());
            changes.append(",\"createdAt\":\"").append(row.createdAt()).append('"')
                    .append(",\"modifiedAt\":\"").append(row.modifiedAt()).append('"');
        }

        private void strings(java.util.Collection<String> values) {
            changes.append('[');
            boolean first = true;
            for (String v : values) {
                if (!first) {
                    changes.append(',');
                }
                first = false;
                quote(v);
            }
            changes.append(']');
        }

        /** A JSON string: quotes, backslashes and control characters escaped (RFC 8259 §7). */
        private void quote(String v) {
            changes.append('"');
            for (int i = 0; i < v.length(); i++) {
                char ch = v.charAt(i);
                if (ch == '"' || ch == '\\') {
                    changes.append('\\').append(ch);
                } else if (ch < 0x20) {
                    changes.append(String.format("\\u%04x", (int) ch));
                } else {
                    changes.append(ch);
                }
            }
            changes.append('"');
        }

        boolean isEmpty() {
            return count == 0;
        }

        /**
         * Adds the group's record to {@code pipeline}, after the lock that keeps records in commit order; the
         * pipeline runs last before the commit, so the lock is held no longer than before.
         */
        void append(Pipeline pipeline, Instant now) {
            if (count == 0) {
                return;
            }
            String text = changes.append(']').toString();
            pipeline.add(ORDER_LOCK, (ps, i) -> i);
            pipeline.add(APPEND, (ps, i) -> {
                ps.setTimestamp(i, Timestamp.from(now));
                ps.setString(i + 1, text);
                return i + 2;
            });
            appended.incrementAndGet();
        }
    }

    Group group() {
        return new Group();
    }

    /** How many group commits this node has recorded (rolled-back ones included: a spurious wake-up is harmless). */
    public long appended() {
        return appended.get();
    }

    /** Whether some live consumer watches entities of these types (read once from the database when first asked). */
    boolean wanted(List<String> entityTypes) {
        Interest i = interest;
        if (i == null) {
            i = refreshInterest(Instant.EPOCH);
        }
        return i.wants(entityTypes);
    }

    /** Reads again what the consumers seen since {@code activeSince} watch together. */
    public Interest refreshInterest(Instant activeSince) {
        boolean[] everything = {false};
        Set<String> types = new HashSet<>();
        jdbc.sql("SELECT entity_types FROM context_feed_consumer WHERE updated_at >= ?").param(Timestamp.from(activeSince))
                .query(rs -> {
                    java.sql.Array a = rs.getArray(1);
                    if (a == null) {
                        everything[0] = true;
                    } else {
                        types.addAll(Arrays.asList((String[]) a.getArray()));
                    }
                });
        Interest i = new Interest(everything[0], Set.copyOf(types));
        interest = i;
        return i;
    }

    /** Up to {@code maxRows} group commits after {@code position}, their changes in order. */
    public List<EntityChange> read(long position, int maxRows) {
        List<EntityChange> changes = new ArrayList<>();
        jdbc.sql("SELECT position, committed_at, changes FROM context_change_feed WHERE position > ? ORDER BY position LIMIT ?")
                .params(position, maxRows)
                .query(rs -> {
                    long p = rs.getLong(1);
                    Instant committed = rs.getTimestamp(2).toInstant();
                    for (JsonNode c : json.readTree(rs.getString(3))) {
                        changes.add(change(p, committed, c));
                    }
                });
        return changes;
    }

    private static EntityChange change(long position, Instant committed, JsonNode c) {
        EntityChange.Kind kind = switch (c.get("k").asString()) {
            case "c" -> EntityChange.Kind.CREATED;
            case "d" -> EntityChange.Kind.DELETED;
            default -> EntityChange.Kind.UPDATED;
        };
        StoredEntity entity = new StoredEntity(c.get("id").asString(), strings(c.get("types")), (ObjectNode) c.get("attrs"),
                Timestamps.parse(c.get("createdAt").asString()), Timestamps.parse(c.get("modifiedAt").asString()),
                strings(c.get("scopes")));
        return new EntityChange(position, committed, TenantId.of(c.get("t").asString()), kind, entity,
                new HashSet<>(strings(c.get("written"))));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>(array.size());
        array.forEach(v -> values.add(v.asString()));
        return values;
    }

    /**
     * The last position committed: taken under the order lock, so no commit holding a smaller one is still under
     * way. A consumer that starts there misses nothing that commits after.
     */
    public long head() {
        jdbc.sql(ORDER_LOCK).query(rs -> { });
        return lastPosition();
    }

    /**
     * Registers a consumer at {@code position} unless it has a position already, and records what it watches
     * ({@code types} null: everything).
     */
    public void register(String consumer, long position, Set<String> types, Instant now) {
        jdbc.sql("INSERT INTO context_feed_consumer (name, position, updated_at, entity_types) VALUES (?, ?, ?, ?::text[]) "
                + "ON CONFLICT (name) DO UPDATE SET entity_types = EXCLUDED.entity_types, updated_at = EXCLUDED.updated_at")
                .params(consumer, position, Timestamp.from(now), types == null ? null : arrayLiteral(types)).update();
    }

    /**
     * The newest position committed (a commit holding a larger one may be under way). Not the sequence's last
     * value: a transaction that took a position and then rolled back or died leaves a gap, and after a crash
     * PostgreSQL restarts a sequence up to 32 values ahead of the last one handed out, so a consumer that has read
     * everything would never reach it. The feed's rows can be pruned, the consumers' positions cannot go back:
     * the larger of the two is the head.
     */
    public long lastPosition() {
        return jdbc.sql("SELECT greatest((SELECT coalesce(max(position), 0) FROM context_change_feed), "
                + "(SELECT coalesce(max(position), 0) FROM context_feed_consumer))").query(Long.class).single();
    }

    /** Records what a consumer watches ({@code types} null: everything). */
    public void watch(String consumer, Set<String> types, Instant now) {
        jdbc.sql("UPDATE context_feed_consumer SET entity_types = ?::text[], updated_at = ? WHERE name = ?")
                .params(types == null ? null : arrayLiteral(types), Timestamp.from(now), consumer).update();
    }

    private static String arrayLiteral(Set<String> types) {
        return EntityStore.arrayLiteral(new ArrayList<>(new java.util.TreeSet<>(types)));
    }

    /**
     * The consumer's position, its row locked for the transaction (its lease); empty if another node holds it.
     */
    public Optional<Long> lease(String consumer) {
        return jdbc.sql("SELECT position FROM context_feed_consumer WHERE name = ? FOR UPDATE SKIP LOCKED")
                .param(consumer).query(Long.class).optional();
    }

    public void advance(String consumer, long position, Instant now) {
        jdbc.sql("UPDATE context_feed_consumer SET position = ?, updated_at = ? WHERE name = ?")
                .params(position, Timestamp.from(now), consumer).update();
    }

    public Optional<Long> position(String consumer) {
        return jdbc.sql("SELECT position FROM context_feed_consumer WHERE name = ?").param(consumer)
                .query(Long.class).optional();
    }

    /**
     * Deletes the group commits every consumer seen since {@code activeSince} has passed (all of them when there
     * is none); one node at a time. Returns the rows deleted.
     */
    public int prune(Instant activeSince) {
        boolean mine = jdbc.sql("SELECT pg_try_advisory_xact_lock(hashtext('saola.context.change-feed.prune'))")
                .query(Boolean.class).single();
        if (!mine) {
            return 0;
        }
        return jdbc.sql("""
                DELETE FROM context_change_feed WHERE position <= coalesce(
                    (SELECT min(position) FROM context_feed_consumer WHERE updated_at >= ?),
                    (SELECT max(position) FROM context_change_feed))""")
                .param(Timestamp.from(activeSince)).update();
    }
}
