package org.saola.devices.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.saola.devices.domain.IngestionMetrics;
import org.saola.devices.domain.ReadingIngestion;
import org.saola.devices.domain.RejectedReading;
import org.saola.devices.domain.RejectionReason;
import org.saola.platform.problem.ApiProblems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * The HTTP answer to readings handed to the pipeline, the same for every HTTP protocol adapter: 200 with what
 * was stored and refused once the good readings are committed; when nothing was stored, a problem naming each
 * refusal (400, 409 for a replayed frame, 403 for a foreign device or one not behind the gateway); 503 when any
 * reading was not committed (in time), so that the sender sends the message again.
 */
final class IngestAnswers {

    /** What became of a message: how many readings are stored, and each refused one with its reason. */
    record Accepted(int stored, List<RejectedReading> rejected) {
    }

    private IngestAnswers() {
    }

    static ResponseEntity<?> answer(CompletableFuture<ReadingIngestion.Outcome> pending, Duration timeout,
            IngestionMetrics metrics) throws InterruptedException {
        ReadingIngestion.Outcome outcome;
        try {
            outcome = pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            metrics.rejected(RejectionReason.NOT_STORED);
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "readings not committed in time; send them again",
                    Map.of(HttpHeaders.RETRY_AFTER, "5"));
        }
        if (!outcome.fullyRejected() && !outcome.needsResend()) {
            return ResponseEntity.ok(new Accepted(outcome.stored(), outcome.rejected()));
        }
        RejectedReading first = outcome.needsResend()
                ? outcome.rejected().stream().filter(r -> r.reason() == RejectionReason.NOT_STORED).findFirst().orElseThrow()
                : outcome.rejected().getFirst();
        HttpStatus status = switch (first.reason()) {
            case NOT_STORED -> HttpStatus.SERVICE_UNAVAILABLE;
            case FORBIDDEN_TOPIC, NOT_BEHIND_GATEWAY -> HttpStatus.FORBIDDEN;
            case REPLAYED -> HttpStatus.CONFLICT;
            default -> HttpStatus.BAD_REQUEST;
        };
        ProblemDetail p = status == HttpStatus.BAD_REQUEST
                ? ApiProblems.problem(status, "readings-refused", "Readings refused", first.detail())
                : problem(status, first.detail());
        p.setProperty("rejected", outcome.rejected());
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    /** {@code 429} with {@code Retry-After} if the device has used up its budget of messages, else empty. */
    static java.util.Optional<ResponseEntity<ProblemDetail>> rateLimited(org.saola.platform.security.RateLimits limits,
            IngestionMetrics metrics, org.saola.devices.DeviceIdentity device) {
        org.saola.platform.security.RateLimits.Verdict verdict = limits.reading(device.username());
        if (verdict.allowed()) {
            return java.util.Optional.empty();
        }
        metrics.rejected(RejectionReason.RATE_LIMITED);
        return java.util.Optional.of(problem(HttpStatus.TOO_MANY_REQUESTS, "too many messages from this device; slow down",
                Map.of(HttpHeaders.RETRY_AFTER, Long.toString(verdict.retryAfterSeconds()))));
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail, Map<String, String> headers) {
        ResponseEntity.BodyBuilder b = ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        headers.forEach(b::header);
        return b.body(problem(status, detail));
    }

    /** The platform's problem details ({@link ApiProblems}), typed by the status. */
    static ProblemDetail problem(HttpStatus status, String detail) {
        return ApiProblems.problem(status, status.getReasonPhrase().toLowerCase(java.util.Locale.ROOT).replace(' ', '-'),
                status.getReasonPhrase(), detail);
    }
}
