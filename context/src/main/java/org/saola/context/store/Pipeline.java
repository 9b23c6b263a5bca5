package org.saola.context.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Statements sent to PostgreSQL together, in one round trip: the driver sends a text of several statements as
 * one pipeline (each parsed, bound and executed in order, one sync at the end), and the server runs them one after
 * the other in the transaction, each seeing what the ones before it did (under READ COMMITTED, each takes its
 * snapshot when it starts). A group commit's statements cost a round trip each otherwise, about as much as the
 * commit itself on a quiet machine (issue #17, docs/PERFORMANCE.md "Single writes"). The first statement that
 * fails fails the pipeline; the rest are not run.
 */
public final class Pipeline {

    /** Sets a statement's parameters from {@code first} on; returns the index after its last. */
    public interface Parameters {
        int set(PreparedStatement statement, int first) throws SQLException;
    }

    /** Reads a statement's rows. */
    public interface Rows {
        void read(ResultSet rows) throws SQLException;
    }

    private record Step(String sql, Parameters parameters, Rows rows) {
    }

    private final List<Step> steps = new ArrayList<>();
    private final java.util.Map<Object, Object> attached = new java.util.HashMap<>();

    /** Adds a statement that returns no rows (or whose rows are not wanted). */
    public Pipeline add(String sql, Parameters parameters) {
        return add(sql, parameters, null);
    }

    /**
     * What a {@link ChangeHook} keeps for one group commit (whose pipeline this is), made by {@code make} when first
     * asked for under {@code key}: hooks serve every writer thread at once, so a group's own state lives here.
     */
    @SuppressWarnings("unchecked")
    public <T> T attachment(Object key, java.util.function.Supplier<T> make) {
        return (T) attached.computeIfAbsent(key, k -> make.get());
    }

    /** Whether no statement waits to run. */
    boolean isEmpty() {
        return steps.isEmpty();
    }

    /** Adds a statement whose rows {@code rows} reads once the pipeline has run. */
    public Pipeline add(String sql, Parameters parameters, Rows rows) {
        if (sql.indexOf(';') >= 0) {
            throw new IllegalArgumentException("one statement per step: " + sql);
        }
        steps.add(new Step(sql, parameters, rows));
        return this;
    }

    /** Runs the statements added, in order, in one round trip on {@code c}; then forgets them. */
    void run(Connection c) throws SQLException {
        if (steps.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder();
        for (Step s : steps) {
            text.append(text.isEmpty() ? "" : ";\n").append(s.sql());
        }
        try (PreparedStatement statement = c.prepareStatement(text.toString())) {
            int next = 1;
            for (Step s : steps) {
                next = s.parameters().set(statement, next);
            }
            boolean rows = statement.execute();
            // One result per statement, in their order: rows, or a count of rows changed.
            for (Step s : steps) {
                if (rows) {
                    try (ResultSet rs = statement.getResultSet()) {
                        if (s.rows() != null) {
                            s.rows().read(rs);
                        }
                    }
                } else if (s.rows() != null) {
                    throw new IllegalStateException("no rows from " + s.sql());
                }
                rows = statement.getMoreResults();
            }
        } finally {
            steps.clear();
        }
    }
}
