package org.saola.platform.residents;

/**
 * Delivers a sign-in code to a resident, by the channel its contact is (mail for e-mail, an SMS gateway for
 * telephone numbers). The code is never logged.
 */
public interface OneTimeCodeSender {

    Contact.Kind channel();

    /** @param text the whole message, in Vietnamese and English */
    void send(Contact to, String text);
}
