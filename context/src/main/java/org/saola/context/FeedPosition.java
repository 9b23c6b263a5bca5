package org.saola.context;

/**
 * How far a change-feed consumer has got: the last group commit it was given, the last one committed, and how
 * many group commits lie between (those of types it does not watch included).
 */
public record FeedPosition(long position, long head) {

    public long behind() {
        return Math.max(0, head - position);
    }
}
