package org.labelcrew.project;

import java.util.Collection;
import java.util.Map;

/**
 * What project needs to know about the work in its projects, answered by the feature that owns the tasks (task
 * implements it; project cannot call task, which depends on project). Project's SQL never names task's tables.
 */
public interface ProjectWork {

    /** Task counts by state (GOLD included) per project; a project without tasks may be missing. */
    Map<Long, Map<String, Long>> countsByState(Collection<Long> projectIds);

    /**
     * Per project, how many of this labeler's answers a reviewer rejected and that wait for their rework (the
     * "rework" next-task strategy hands them back first); projects with none may be missing.
     */
    Map<Long, Long> reworkWaiting(Collection<Long> projectIds, long labelerId);

    /** SQL: a scalar sub-select, the number of gold items of the project whose id {@code projectId} (a column) names. */
    String goldItemsSql(String projectId);

    /** The project's overlap changed: the tasks whose completion depends on it are derived again. */
    void overlapChanged(long projectId, int from, int to);
}
