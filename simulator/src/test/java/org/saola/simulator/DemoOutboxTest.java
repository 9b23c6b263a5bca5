package org.saola.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.saola.platform.residents.Contact;

class DemoOutboxTest {

    @Test
    void keepsTheLastTwentyMessagesNewestFirstPerChannel() {
        DemoOutbox outbox = new DemoOutbox(InstantSource.fixed(Instant.parse("2026-11-29T08:00:00Z")));
        for (int i = 0; i < 25; i++) {
            outbox.sender(Contact.Kind.EMAIL).send(Contact.parse("r" + i + "@example.vn"), "code " + i);
        }
        outbox.sender(Contact.Kind.PHONE).send(Contact.parse("0905123456"), "code sms");
        assertThat(outbox.newestFirst()).hasSize(20);
        assertThat(outbox.newestFirst().getFirst().to()).isEqualTo("+84905123456");
        assertThat(outbox.newestFirst().getFirst().channel()).isEqualTo(Contact.Kind.PHONE);
        assertThat(outbox.newestFirst().get(1).text()).isEqualTo("code 24");
    }
}
