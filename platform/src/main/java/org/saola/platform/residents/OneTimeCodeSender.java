package org.saola.platform.residents;

/**
 * Delivers a message to a resident (a sign-in code, a report's update), by the channel its contact is (mail
 * for e-mail, an SMS gateway for telephone numbers). What is sent is never logged.
 */
public interface OneTimeCodeSender {

    Contact.Kind channel();

    /** @param text the whole message, in Vietnamese and English */
    void send(Contact to, String text);

    /** A message with a subject (mail uses it; an SMS has none). */
    default void send(Contact to, String subject, String text) {
        send(to, text);
    }
}
