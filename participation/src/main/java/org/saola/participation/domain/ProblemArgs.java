package org.saola.participation.domain;

import org.saola.platform.SaolaException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * Arguments of a problem's message ({@link SaolaException#messageKey()}) that are words to translate themselves: a
 * form field's label, a phase's name, another problem quoted. Spring resolves such an argument in the reader's
 * language before it formats the message, so a Vietnamese page says "Tiêu đề tiếng Việt", not {@code titleVi}.
 */
public final class ProblemArgs {

    private ProblemArgs() {
    }

    /** The label of form field {@code name} ({@code participation.field.<name>}); the name itself where none is given. */
    public static MessageSourceResolvable field(String name) {
        return text("participation.field." + name, name);
    }

    /** The name of a phase of a process, as its pages give it ({@code participation.phase.<PHASE>}). */
    public static MessageSourceResolvable phase(Phase phase) {
        return text("participation.phase." + phase.name(), phase.name());
    }

    /** The message of {@code key} (one without arguments), or {@code otherwise} where the bundles have none. */
    public static MessageSourceResolvable text(String key, String otherwise) {
        return new DefaultMessageSourceResolvable(new String[] {key}, otherwise);
    }

    /** What {@code e} says, in the reader's language when it has a message key: for a problem that quotes another. */
    public static MessageSourceResolvable of(SaolaException e) {
        return new DefaultMessageSourceResolvable(e.messageKey().map(k -> new String[] {k}).orElse(new String[0]),
                e.messageArgs(), e.getMessage());
    }
}
