package org.saola.devices.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.saola.devices.domain.IngestionMetrics;
import org.saola.devices.domain.ReadingIngestion.Outcome;
import org.saola.devices.domain.RejectedReading;
import org.saola.devices.domain.RejectionReason;

/** What an HTTP sender is told: above all, whether it must send the message again. */
class IngestAnswersTest {

    private final IngestionMetrics metrics = new IngestionMetrics(new SimpleMeterRegistry());

    private int status(Outcome outcome) throws InterruptedException {
        return IngestAnswers.answer(CompletableFuture.completedFuture(outcome), Duration.ofSeconds(1), metrics)
                .getStatusCode().value();
    }

    private static RejectedReading r(RejectionReason reason) {
        return new RejectedReading(reason, reason.name());
    }

    @Test
    void aGatewayMessageWithAnyReadingNotStoredIsToBeSentAgainWhateverElseHappened() throws InterruptedException {
        assertThat(status(new Outcome(3, List.of(r(RejectionReason.NOT_BEHIND_GATEWAY), r(RejectionReason.NOT_STORED)))))
                .isEqualTo(503);
        assertThat(status(new Outcome(0, List.of(r(RejectionReason.NOT_BEHIND_GATEWAY), r(RejectionReason.NOT_STORED)))))
                .isEqualTo(503);
    }

    @Test
    void otherwiseStoredReadingsAnswer200AndRefusalsAloneNameTheFirstReason() throws InterruptedException {
        assertThat(status(new Outcome(1, List.of(r(RejectionReason.OUT_OF_RANGE))))).isEqualTo(200);
        assertThat(status(new Outcome(0, List.of(r(RejectionReason.OUT_OF_RANGE))))).isEqualTo(400);
        assertThat(status(new Outcome(0, List.of(r(RejectionReason.REPLAYED))))).isEqualTo(409);
        assertThat(status(new Outcome(0, List.of(r(RejectionReason.NOT_BEHIND_GATEWAY))))).isEqualTo(403);
    }
}
