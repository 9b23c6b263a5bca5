package org.saola.participation.domain;

/**
 * The stages of a participatory process, in the order they come (Decidim's phases, named for what residents
 * do in each). A process need not have all of them, but those it has do not overlap and come in this order.
 */
public enum Phase {
    /** The city explains what is at stake and how to take part. */
    INFORMATION,
    /** Residents propose. */
    PROPOSALS,
    /** Proposals are debated and the department assesses them; some become projects. */
    DELIBERATION,
    /** Residents vote on the projects. */
    VOTING,
    /** The count is published. */
    RESULTS,
    /** The city reports what it did ("you said, we did"). */
    FOLLOW_UP
}
