package org.saola.platform.residents;

import org.saola.platform.SaolaException;

/** The code could not be handed to the mail server or the SMS gateway; the resident may try again. */
public class CodeNotSentException extends SaolaException {
    public CodeNotSentException(String message) {
        super(message, "problem.codeNotSent");
    }
}
