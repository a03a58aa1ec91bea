package org.labelcrew.task;

import java.time.Instant;
import java.util.OptionalLong;
import java.util.Set;
import org.labelcrew.project.ProjectSettings;

/**
 * One link of the next-task chain. Each link either finds an assignment for the labeler (and says why, by its
 * {@link #reason()}) or passes. Links run in {@code @Order}, inside one transaction that holds the labeler's lock.
 */
interface NextTaskStrategy {

    String reason();

    /**
     * Whether this link can find anything, given the states of the labeler's own open assignments in the project
     * (REJECTED, LEASED, EXPIRED — read once per call). Links about the labeler's own work pass at no cost when the
     * labeler has none, which is the common case.
     */
    default boolean applies(Set<String> ownOpenStates) {
        return true;
    }

    /**
     * Whether a found assignment still needs the task's counts refreshed and an {@code ASSIGN} event written by the
     * chain. False for a link that hands back a lease the labeler already held (nothing changed), or one that
     * writes the event in its own statement (the hot path, {@link Strategies.Overlap}).
     */
    default Bookkeeping bookkeeping() {
        return Bookkeeping.REFRESH_AND_LOG;
    }

    enum Bookkeeping {
        /** The chain refreshes the task's counts and logs the assignment. */
        REFRESH_AND_LOG,
        /** The link logged the assignment itself; the chain refreshes the task's counts. */
        REFRESH,
        /** Nothing changed: a lease the labeler already held. */
        NONE
    }

    /** Returns the id of the assignment now leased to the labeler, or empty to pass to the next link. */
    OptionalLong pick(ProjectSettings project, long labelerId, Instant now, Instant leaseUntil);
}
