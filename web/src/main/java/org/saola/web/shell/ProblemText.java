package org.saola.web.shell;

import org.saola.platform.SaolaException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * A domain problem as a page shows it, in the reader's language: the exception's own words when it carries a
 * message key (see {@link SaolaException#messageKey()}); else the API's English detail, introduced in the
 * reader's language ({@code problem.untranslated}) so a Vietnamese reader is told what happened and that the
 * detail that follows is in English.
 */
public final class ProblemText {

    /** The message that introduces a detail no bundle translates; its argument is the detail. */
    static final String UNTRANSLATED = "problem.untranslated";

    private ProblemText() {
    }

    public static String of(MessageSource messages, RuntimeException e) {
        if (e instanceof SaolaException s && s.messageKey().isPresent()) {
            return messages.getMessage(s.messageKey().get(), s.messageArgs(), e.getMessage(), LocaleContextHolder.getLocale());
        }
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return messages.getMessage(UNTRANSLATED, new Object[] {detail}, detail, LocaleContextHolder.getLocale());
    }

    /** The same, for a page controller: the messages are the application's, found from the request being answered. */
    public static String of(RuntimeException e) {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request) {
            MessageSource messages = RequestContextUtils.findWebApplicationContext(request.getRequest());
            if (messages != null) {
                return of(messages, e);
            }
        }
        return e.getMessage();
    }
}
