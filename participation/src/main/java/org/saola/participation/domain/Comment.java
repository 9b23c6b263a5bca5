package org.saola.participation.domain;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A comment on a proposal, perhaps a reply to another. Who wrote it is never shown: {@code authorLabel} 0 is the
 * proposal's author, n the n-th other resident to comment on this proposal ("resident 2"), the same for each
 * of their comments there, so a thread can be followed without names.
 */
public record Comment(UUID id, Optional<UUID> parent, int authorLabel, String body, String hiddenReason, Instant createdAt) {

    public boolean hidden() {
        return !hiddenReason.isEmpty();
    }

    /** The comment with its words left out while hidden, for the public. */
    public Comment redacted() {
        return hidden() ? new Comment(id, parent, authorLabel, "", hiddenReason, createdAt) : this;
    }
}
