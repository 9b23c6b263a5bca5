package org.saola.web.shell;

import org.saola.platform.SaolaException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;

/**
 * A domain problem as a page shows it: in the reader's language when the exception carries a message key (see
 * {@link SaolaException#messageKey()}), else its own message (the API's English).
 */
public final class ProblemText {

    private ProblemText() {
    }

    public static String of(MessageSource messages, RuntimeException e) {
        if (e instanceof SaolaException s && s.messageKey().isPresent()) {
            return messages.getMessage(s.messageKey().get(), s.messageArgs(), e.getMessage(), LocaleContextHolder.getLocale());
        }
        return e.getMessage();
    }
}
