package org.saola.web.security;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;

/**
 * The sessions of the pages, written back to PostgreSQL only when something in them changed. Spring Session
 * stamps every request's time on its session, which makes every page request, a ballot's included, an UPDATE
 * and a commit (one fsync) of the session's row; here the stamp is written only once it is at least
 * {@link #TOUCH_EVERY} older than the stored one, and a session whose attributes, lifetime and id did not
 * change is not written at all. A session therefore counts as idle up to {@link #TOUCH_EVERY} sooner than
 * Spring Session alone would say, which no session's lifetime (30 minutes for staff, 30 days for residents)
 * notices. See docs/PERFORMANCE.md (ballots).
 */
final class ThrottledSessions<S extends Session> implements FindByIndexNameSessionRepository<ThrottledSessions.Throttled<S>> {

    /** A session's last-access time is written back at most this often. */
    static final Duration TOUCH_EVERY = Duration.ofSeconds(60);

    private final FindByIndexNameSessionRepository<S> sessions;

    ThrottledSessions(FindByIndexNameSessionRepository<S> sessions) {
        this.sessions = sessions;
    }

    static <S extends Session> ThrottledSessions<S> over(FindByIndexNameSessionRepository<S> sessions) {
        return new ThrottledSessions<>(sessions);
    }

    @Override
    public Throttled<S> createSession() {
        Throttled<S> created = new Throttled<>(sessions.createSession());
        created.changed = true;
        return created;
    }

    @Override
    public void save(Throttled<S> session) {
        if (session.changed) {
            sessions.save(session.session);
            session.changed = false;
        }
    }

    @Override
    public Throttled<S> findById(String id) {
        S found = sessions.findById(id);
        return found == null ? null : new Throttled<>(found);
    }

    @Override
    public void deleteById(String id) {
        sessions.deleteById(id);
    }

    @Override
    public Map<String, Throttled<S>> findByIndexNameAndIndexValue(String indexName, String indexValue) {
        Map<String, Throttled<S>> found = new LinkedHashMap<>();
        sessions.findByIndexNameAndIndexValue(indexName, indexValue)
                .forEach((id, session) -> found.put(id, new Throttled<>(session)));
        return found;
    }

    /** One session as a request sees it; {@code changed} says whether saving it has anything to write. */
    static final class Throttled<S extends Session> implements Session {

        private final S session;
        private boolean changed;

        Throttled(S session) {
            this.session = session;
        }

        @Override
        public void setLastAccessedTime(Instant time) {
            if (Duration.between(session.getLastAccessedTime(), time).compareTo(TOUCH_EVERY) >= 0 || changed) {
                session.setLastAccessedTime(time);
                changed = true;
            }
        }

        @Override
        public Instant getLastAccessedTime() {
            return session.getLastAccessedTime();
        }

        @Override
        public String getId() {
            return session.getId();
        }

        @Override
        public String changeSessionId() {
            changed = true;
            return session.changeSessionId();
        }

        @Override
        public <T> T getAttribute(String name) {
            return session.getAttribute(name);
        }

        @Override
        public Set<String> getAttributeNames() {
            return session.getAttributeNames();
        }

        @Override
        public void setAttribute(String name, Object value) {
            changed = true;
            session.setAttribute(name, value);
        }

        @Override
        public void removeAttribute(String name) {
            changed = true;
            session.removeAttribute(name);
        }

        @Override
        public Instant getCreationTime() {
            return session.getCreationTime();
        }

        @Override
        public void setMaxInactiveInterval(Duration interval) {
            changed = true;
            session.setMaxInactiveInterval(interval);
        }

        @Override
        public Duration getMaxInactiveInterval() {
            return session.getMaxInactiveInterval();
        }

        @Override
        public boolean isExpired() {
            return session.isExpired();
        }
    }
}
