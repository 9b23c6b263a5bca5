package org.saola.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.saola.platform.events.DomainEvents;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.support.TransactionTemplate;

/** The event seam: a fact is heard only once the transaction that made it true has committed. */
@RecordApplicationEvents
class DomainEventsTest extends PlatformTest {

    record LampRepaired(String lamp) {
    }

    @Autowired
    DomainEvents events;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    ApplicationEvents heard;

    @Test
    void anEventIsDeliveredAfterCommitNeverAfterRollbackAndAtOnceOutsideATransaction() {
        transactions.executeWithoutResult(status -> {
            events.publish(new LampRepaired("committed"));
            assertThat(heard.stream(LampRepaired.class)).as("not before commit").isEmpty();
        });
        assertThat(heard.stream(LampRepaired.class)).containsExactly(new LampRepaired("committed"));

        transactions.executeWithoutResult(status -> {
            events.publish(new LampRepaired("rolled back"));
            status.setRollbackOnly();
        });
        assertThat(heard.stream(LampRepaired.class)).doesNotContain(new LampRepaired("rolled back"));

        events.publish(new LampRepaired("no transaction"));
        assertThat(heard.stream(LampRepaired.class)).contains(new LampRepaired("no transaction"));
    }
}
