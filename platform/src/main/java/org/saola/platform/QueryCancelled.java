package org.saola.platform;

import java.sql.SQLException;
import java.util.Optional;

/**
 * A statement PostgreSQL cancelled before it finished (SQLSTATE 57014, {@code query_canceled}): it ran longer than
 * {@code saola.db.statement-timeout}, or an operator cancelled it ({@code pg_cancel_backend}). That is the answer to
 * a request that asked for more than a query may take (a year of raw history aggregated, a search over millions of
 * rows), not a fault of the platform: the error advices answer it as such, saying what to ask for instead, and log
 * it as a warning without the stack. Found through the causes, since Spring's JDBC layer wraps it in whatever
 * {@code DataAccessException} its translator picks.
 */
public final class QueryCancelled {

    /** PostgreSQL's {@code query_canceled}. */
    public static final String SQL_STATE = "57014";

    /** What a client is told, whatever the route's error shape. */
    public static final String DETAIL = "the database stopped this request's query before it finished: it ran longer than"
            + " a query may take here (saola.db.statement-timeout), or an operator cancelled it. Ask for less at once:"
            + " a shorter time window, fewer entities or attributes, coarser aggregation periods, or a narrower filter";

    private QueryCancelled() {
    }

    /** PostgreSQL's first line of the cancellation ("canceling statement due to statement timeout"), if {@code e} is one. */
    public static Optional<String> in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException s && SQL_STATE.equals(s.getSQLState())) {
                return Optional.of(org.saola.platform.problem.ApiProblems.firstLine(
                        s.getMessage() == null ? SQL_STATE : s.getMessage()));
            }
        }
        return Optional.empty();
    }
}
