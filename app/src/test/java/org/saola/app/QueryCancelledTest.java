package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A query the database stops before it finishes (SQLSTATE 57014: it ran past {@code saola.db.statement-timeout}, or
 * an operator cancelled it) is answered as what it is, in each API's own error shape, and not as an unexpected
 * error: a year of raw history aggregated through the temporal API ran past the 30 s timeout in the history bench
 * and was answered 500 "an unexpected error occurred". Here the request's statement is made to wait on a table
 * lock and is cancelled as an operator would cancel it ({@code pg_cancel_backend}), which PostgreSQL reports with
 * the same SQLSTATE as its statement timeout; the same request succeeds once the lock is gone.
 */
class QueryCancelledTest extends PlatformTest {

    @Autowired
    DataSource dataSource;
    @Autowired
    TestClock clock;

    @Test
    void aTemporalQueryStoppedByTheDatabaseIsAnsweredAsSuch() throws Exception {
        SaolaClient api = client().withApiKey(client().issueApiKey("query cancelled"));
        String type = "WaterObserved" + UUID.randomUUID().toString().substring(0, 8);
        String id = "urn:ngsi-ld:" + type + ":1";
        assertThat(api.send("POST", "/ngsi-ld/v1/temporal/entities", """
                {"id": "%s", "type": "%s", "level": [{"type": "Property", "value": 1.5, "observedAt": "2026-10-01T00:00:00Z"},
                  {"type": "Property", "value": 1.7, "observedAt": "2026-10-01T00:01:00Z"}]}""".formatted(id, type)).status())
                .isEqualTo(201);
        String path = "/ngsi-ld/v1/temporal/entities?type=" + type + "&aggrMethods=avg,max&timerel=after&timeAt=2026-01-01T00:00:00Z";

        SaolaClient.Response stopped = cancelledWhileLocked("context_attribute_history", () -> api.get(path));

        assertThat(stopped.status()).as(stopped.body()).isEqualTo(503);
        JsonNode problem = stopped.json();
        assertThat(problem.get("type").asString()).isEqualTo("https://uri.etsi.org/ngsi-ld/errors/InternalError");
        assertThat(problem.get("detail").asString()).contains("stopped this request's query").contains("Ask for less")
                .doesNotContain("unexpected");
        SaolaClient.Response after = api.get(path);
        assertThat(after.status()).as(after.body()).isEqualTo(200);
        assertThat(after.json().get(0).at("/level/max/0/0").asDouble()).isEqualTo(1.7);
    }

    @Test
    void saolasOwnApiAnswersProblemDetails() throws Exception {
        SaolaClient.Response stopped = cancelledWhileLocked("device", () -> client().get("/api/v1/devices"));

        assertThat(stopped.status()).as(stopped.body()).isEqualTo(503);
        assertThat(stopped.header("Content-Type")).startsWith("application/problem+json");
        assertThat(stopped.json().get("type").asString()).isEqualTo("https://saola.city/problems/query-cancelled");
        assertThat(stopped.json().get("detail").asString()).contains("Ask for less");
        assertThat(client().get("/api/v1/devices").status()).isEqualTo(200);
    }

    @Test
    void theCkanApiAnswersAsCkansDataStoreDoes() throws Exception {
        // The catalogue keeps what it read for 5 s: another test's CKAN call just before would answer this one from
        // memory, without waiting on the lock.
        clock.advance(java.time.Duration.ofSeconds(6));
        SaolaClient.Response stopped = cancelledWhileLocked("opendata_dataset",
                () -> client().anonymous().get("/api/3/action/package_list"));

        assertThat(stopped.status()).as(stopped.body()).isEqualTo(409);
        JsonNode body = stopped.json();
        assertThat(body.get("success").asBoolean()).isFalse();
        assertThat(body.at("/error/__type").asString()).isEqualTo("Validation Error");
        assertThat(body.at("/error/query/0").asString()).isEqualTo("Query took too long");
        assertThat(client().anonymous().get("/api/3/action/package_list").status()).isEqualTo(200);
    }

    /**
     * Sends the request while {@code table} is locked and cancels every statement that waits for that lock until the
     * request is answered (a background statement waiting there too is cancelled as well, rather than mistaken for
     * the request's), then releases the lock: the request's answer.
     */
    private SaolaClient.Response cancelledWhileLocked(String table, Supplier<SaolaClient.Response> request) throws Exception {
        try (Connection holder = dataSource.getConnection(); Connection watcher = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement lock = holder.createStatement()) {
                lock.execute("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
            }
            try {
                CompletableFuture<SaolaClient.Response> answer = CompletableFuture.supplyAsync(request);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!answer.isDone() && System.nanoTime() < deadline) {
                    try (Statement cancel = watcher.createStatement()) {
                        cancel.execute("SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                                + " AND pid <> pg_backend_pid() AND query LIKE '%" + table + "%'");
                    }
                    Thread.sleep(20);
                }
                return answer.get(30, TimeUnit.SECONDS);
            } finally {
                holder.rollback();
            }
        }
    }
}
