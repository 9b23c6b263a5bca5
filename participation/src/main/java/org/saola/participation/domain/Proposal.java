package org.saola.participation.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A resident's proposal in a process, as anyone may read it: never who wrote it. {@code number} is its public
 * reference within the process. While a moderator has hidden it ({@code hiddenReason} not empty) its words and
 * photos are shown to staff only.
 */
public record Proposal(UUID id, String processCode, int number, String title, String body, ProposalCategory category,
        String ward, String place, Double lat, Double lon, List<Photo> photos, int supports, State state, String answer,
        Integer mergedInto, String hiddenReason, boolean assisted, Instant createdAt, Optional<Instant> thresholdAt,
        Optional<Instant> answeredAt) {

    /**
     * Where a proposal is: collecting supports; with the department (its supports reached the process's
     * threshold), answered (accepted, rejected with reasons, merged into another), or withdrawn by its author.
     */
    public enum State {
        COLLECTING, EVALUATING, ACCEPTED, REJECTED, MERGED, WITHDRAWN;

        public boolean answered() {
            return this == ACCEPTED || this == REJECTED || this == MERGED;
        }
    }

    /** A photo of the proposal (re-encoded without metadata); a moderator may hide one with a reason. */
    public record Photo(UUID id, String hiddenReason) {
    }

    /**
     * The hidden reason of words enough residents reported (Decidim's "hide after N reports"): hidden until a
     * moderator hides them with a reason of their own or finds nothing wrong, which shows them again.
     */
    public static final String AWAITING_MODERATION = "awaiting-moderation";

    public boolean hidden() {
        return !hiddenReason.isEmpty();
    }

    public boolean located() {
        return lat != null && lon != null;
    }

    /** The same proposal with its words and photos left out, for the public while it is hidden. */
    public Proposal redacted() {
        return hidden() ? new Proposal(id, processCode, number, "", "", category, ward, "", null, null, List.of(), supports,
                state, answer, mergedInto, hiddenReason, assisted, createdAt, thresholdAt, answeredAt) : this;
    }
}
