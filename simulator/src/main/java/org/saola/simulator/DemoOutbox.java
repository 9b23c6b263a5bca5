package org.saola.simulator;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.saola.platform.residents.Contact;
import org.saola.platform.residents.OneTimeCodeSender;

/**
 * The demo city's residents' mailboxes and phones: where sign-in codes go when the demo runs without a mail
 * server or SMS gateway, shown on {@code /demo/outbox} so that a visitor can sign in as a resident within
 * minutes. Only the demo profile has it (it is the simulator's), and it keeps the last 20 messages in memory.
 */
public final class DemoOutbox {

    public record Message(Instant at, Contact.Kind channel, String to, String text) {
    }

    private final Deque<Message> messages = new ArrayDeque<>();
    private final InstantSource clock;

    public DemoOutbox(InstantSource clock) {
        this.clock = clock;
    }

    public synchronized List<Message> newestFirst() {
        return List.copyOf(messages);
    }

    synchronized void keep(Contact.Kind channel, Contact to, String text) {
        messages.addFirst(new Message(clock.instant(), channel, to.value(), text));
        while (messages.size() > 20) {
            messages.removeLast();
        }
    }

    /** A sender for one channel that delivers into this outbox. */
    public OneTimeCodeSender sender(Contact.Kind channel) {
        return new OneTimeCodeSender() {
            @Override
            public Contact.Kind channel() {
                return channel;
            }

            @Override
            public void send(Contact to, String text) {
                keep(channel, to, text);
            }

            @Override
            public void send(Contact to, String subject, String text) {
                keep(channel, to, channel == Contact.Kind.EMAIL ? subject + "\n\n" + text : text);
            }
        };
    }
}
