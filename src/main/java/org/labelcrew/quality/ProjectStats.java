package org.labelcrew.quality;

import java.util.List;
import java.util.Map;
import org.labelcrew.account.CurrentUser;
import org.labelcrew.project.ProjectAccess;
import org.labelcrew.project.ProjectRole;
import org.labelcrew.project.ProjectService;
import org.labelcrew.task.TaskStore;
import org.springframework.stereotype.Service;

/** A project's progress figures for its managers and reviewers: counts by state, daily throughput, per labeler. */
@Service
public class ProjectStats {

    private final ProjectAccess access;
    private final ProjectService projects;
    private final TaskStore tasks;

    ProjectStats(ProjectAccess access, ProjectService projects, TaskStore tasks) {
        this.access = access;
        this.projects = projects;
        this.tasks = tasks;
    }

    public record Stats(Map<String, Long> counts, List<TaskStore.Throughput> throughput,
            List<TaskStore.WorkerStats> workers) {
    }

    public Stats stats(long projectId, CurrentUser user) {
        ProjectAccess.Membership m = access.require(projectId, user, ProjectRole.MANAGER, ProjectRole.REVIEWER);
        return new Stats(projects.counts(projectId, m.role()), tasks.throughput(projectId), tasks.workers(projectId));
    }
}
