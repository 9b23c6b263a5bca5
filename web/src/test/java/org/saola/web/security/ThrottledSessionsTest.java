package org.saola.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.MapSession;

/** A session is written back when it changed, or when its stored last-access time is a minute old. */
class ThrottledSessionsTest {

    /** Sessions kept as their stored copies, counting the writes. */
    static final class Store implements FindByIndexNameSessionRepository<MapSession> {
        final Map<String, MapSession> rows = new HashMap<>();
        int writes;

        @Override
        public MapSession createSession() {
            return new MapSession();
        }

        @Override
        public void save(MapSession session) {
            writes++;
            rows.put(session.getId(), new MapSession(session));
        }

        @Override
        public MapSession findById(String id) {
            MapSession row = rows.get(id);
            return row == null ? null : new MapSession(row);
        }

        @Override
        public void deleteById(String id) {
            rows.remove(id);
        }

        @Override
        public Map<String, MapSession> findByIndexNameAndIndexValue(String indexName, String indexValue) {
            return Map.of();
        }
    }

    private final Store store = new Store();
    private final ThrottledSessions<MapSession> sessions = ThrottledSessions.over(store);

    /** One request, as Spring Session's filter makes it: find, stamp, use, save. */
    private ThrottledSessions.Throttled<MapSession> request(String id, Instant at) {
        ThrottledSessions.Throttled<MapSession> session = sessions.findById(id);
        session.setLastAccessedTime(at);
        return session;
    }

    @Test
    void aNewSessionIsWrittenThenRequestsWithinTheMinuteWriteNothing() {
        Instant start = Instant.parse("2026-12-03T08:00:00Z");
        var created = sessions.createSession();
        created.setLastAccessedTime(start);
        created.setAttribute("SPRING_SECURITY_CONTEXT", "resident:42");
        sessions.save(created);
        assertThat(store.writes).isEqualTo(1);

        for (int second = 1; second < 60; second += 7) {
            var session = request(created.getId(), start.plusSeconds(second));
            assertThat((String) session.getAttribute("SPRING_SECURITY_CONTEXT")).isEqualTo("resident:42");
            sessions.save(session);
        }
        assertThat(store.writes).isEqualTo(1);
        assertThat(store.rows.get(created.getId()).getLastAccessedTime()).isEqualTo(start);
    }

    @Test
    void theLastAccessTimeIsWrittenOnceAMinuteOld() {
        Instant start = Instant.parse("2026-12-03T08:00:00Z");
        var created = sessions.createSession();
        created.setLastAccessedTime(start);
        sessions.save(created);

        sessions.save(request(created.getId(), start.plus(Duration.ofSeconds(61))));
        assertThat(store.writes).isEqualTo(2);
        assertThat(store.rows.get(created.getId()).getLastAccessedTime()).isEqualTo(start.plusSeconds(61));
        sessions.save(request(created.getId(), start.plus(Duration.ofSeconds(90))));
        assertThat(store.writes).isEqualTo(2);
    }

    @Test
    void aChangedAttributeLifetimeOrIdIsWrittenAtOnce() {
        Instant start = Instant.parse("2026-12-03T08:00:00Z");
        var created = sessions.createSession();
        created.setLastAccessedTime(start);
        sessions.save(created);

        // As Spring Session's filter does: the time is stamped first (within the minute: not kept), then the change.
        var withToken = request(created.getId(), start.plusSeconds(5));
        withToken.setAttribute("csrf", "t1");
        sessions.save(withToken);
        assertThat(store.writes).isEqualTo(2);
        assertThat((String) store.rows.get(created.getId()).getAttribute("csrf")).isEqualTo("t1");
        assertThat(store.rows.get(created.getId()).getLastAccessedTime()).as("a minute's grace, even when written").isEqualTo(start);

        var signedIn = request(created.getId(), start.plusSeconds(8));
        String before = signedIn.getId();
        String after = signedIn.changeSessionId();
        sessions.save(signedIn);
        assertThat(after).isNotEqualTo(before);
        assertThat(store.writes).as("a new id (a sign-in) is written").isEqualTo(3);
        assertThat(store.rows).containsKey(after);
        created = sessions.findById(after);

        var lasting = request(created.getId(), start.plusSeconds(10));
        lasting.setMaxInactiveInterval(Duration.ofDays(30));
        sessions.save(lasting);
        assertThat(store.rows.get(created.getId()).getMaxInactiveInterval()).isEqualTo(Duration.ofDays(30));

        var removed = request(created.getId(), start.plusSeconds(12));
        removed.removeAttribute("csrf");
        sessions.save(removed);
        assertThat(store.writes).isEqualTo(5);
        assertThat(store.rows.get(created.getId()).getAttributeNames()).doesNotContain("csrf");
    }

    @Test
    void anUnknownSessionIsNone() {
        assertThat(sessions.findById("no-such-session")).isNull();
    }
}
