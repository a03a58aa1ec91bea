package org.labelcrew.task;

import java.time.Instant;
import java.util.OptionalLong;
import org.labelcrew.project.ProjectSettings;

/**
 * One link of the next-task chain. Each link either finds an assignment for the labeler (and says why, by its
 * {@link #reason()}) or passes. Links run in {@code @Order}, inside one transaction that holds the labeler's lock.
 */
interface NextTaskStrategy {

    String reason();

    /** Returns the id of the assignment now leased to the labeler, or empty to pass to the next link. */
    OptionalLong pick(ProjectSettings project, long labelerId, Instant now, Instant leaseUntil);
}
