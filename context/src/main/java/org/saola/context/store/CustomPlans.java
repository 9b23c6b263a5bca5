package org.saola.context.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGStatement;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;

/**
 * Statements of entity queries, planned for their own values at every run (issue #17).
 *
 * <p>PgJDBC turns a statement run five times on one connection into a named prepared statement, and PostgreSQL then
 * plans it once for any values (a generic plan) as soon as that plan's estimated cost is no worse than the average of
 * the plans it made for the values. For a query by {@code q} that is the wrong plan: made without the values, it takes
 * every term for 0.5 % of its attribute's rows, so the cost it estimates is low, while a term may hold half the
 * entities. A dashboard sending the same query again and again got the generic plan from about its tenth time on: at a
 * million entities, two terms counted in 3.8-5.9 s where the plan made for the values takes 1.2-1.5 s
 * (docs/PERFORMANCE.md, session 44). Sent as an unnamed statement ({@code prepareThreshold} 0), each run is planned
 * anew with its values, for a few hundred microseconds of planning. The group commit's statements, whose plans do not
 * depend on the values, stay prepared.
 */
final class CustomPlans {

    private CustomPlans() {
    }

    static <T> List<T> query(JdbcTemplate jdbc, String sql, List<Object> params, RowMapper<T> rows) {
        return query(jdbc, sql, params, rows, 0);
    }

    /**
     * The same, reading at most {@code maxRows} rows (0: all): a bound the driver keeps, which PostgreSQL's planner
     * does not see (a {@code LIMIT} it would plan for).
     */
    static <T> List<T> query(JdbcTemplate jdbc, String sql, List<Object> params, RowMapper<T> rows, int maxRows) {
        return jdbc.query(c -> {
            PreparedStatement ps = statement(c, sql, params);
            ps.setMaxRows(maxRows);
            return ps;
        }, rows);
    }

    static void query(JdbcTemplate jdbc, String sql, List<Object> params, RowCallbackHandler rows) {
        jdbc.query(c -> statement(c, sql, params), rows);
    }

    private static PreparedStatement statement(java.sql.Connection c, String sql, List<Object> params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        try {
            ps.unwrap(PGStatement.class).setPrepareThreshold(0);
            new ArgumentPreparedStatementSetter(params.toArray()).setValues(ps);
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }
}
