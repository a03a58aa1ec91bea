package org.labelcrew.project;

import java.util.Arrays;
import java.util.Optional;
import org.labelcrew.account.CurrentUser;
import org.labelcrew.shared.ApiException;
import org.labelcrew.shared.Json;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Who may do what in a project. Administrators act as managers of every project; everyone else needs a membership.
 * Unknown project → 404; known project, no membership or wrong role → 403; paused member → 403 for new work.
 */
@Service
public class ProjectAccess {

    private final JdbcClient jdbc;
    private final Json json;

    ProjectAccess(JdbcClient jdbc, Json json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public record Membership(ProjectRole role, boolean paused) {
    }

    public Optional<Membership> membership(long projectId, CurrentUser user) {
        if (user.isAdmin()) return Optional.of(new Membership(ProjectRole.MANAGER, false));
        return jdbc.sql("SELECT role, paused FROM project_member WHERE project_id = :p AND account_id = :a")
                .param("p", projectId).param("a", user.id())
                .query((rs, i) -> new Membership(ProjectRole.valueOf(rs.getString(1)), rs.getBoolean(2)))
                .optional();
    }

    /** The caller's membership; 404 if the project does not exist, 403 if the caller is not in it. */
    public Membership requireMember(long projectId, CurrentUser user) {
        requireExists(projectId);
        return membership(projectId, user)
                .orElseThrow(() -> ApiException.forbidden("You are not a member of project " + projectId));
    }

    /** Like {@link #requireMember} and the role must be one of {@code roles}; managers pass every check. */
    public Membership require(long projectId, CurrentUser user, ProjectRole... roles) {
        Membership m = requireMember(projectId, user);
        if (m.role() == ProjectRole.MANAGER) return m;
        if (Arrays.asList(roles).contains(m.role())) return m;
        throw ApiException.forbidden("This needs the project role " + Arrays.toString(roles) + "; yours is " + m.role());
    }

    /** For starting new work: the role must fit exactly (a manager may review, but labels only as a labeler). */
    public Membership requireActive(long projectId, CurrentUser user, ProjectRole... roles) {
        Membership m = requireMember(projectId, user);
        if (!Arrays.asList(roles).contains(m.role())) {
            throw ApiException.forbidden("This needs the project role " + Arrays.toString(roles) + "; yours is " + m.role());
        }
        if (m.paused()) throw ApiException.forbidden("Your work in project " + projectId + " is paused by a manager");
        return m;
    }

    public void requireExists(long projectId) {
        boolean exists = jdbc.sql("SELECT exists(SELECT 1 FROM project WHERE id = :p)").param("p", projectId)
                .query(Boolean.class).single();
        if (!exists) throw ApiException.notFound("Project", projectId);
    }

    public ProjectSettings settings(long projectId) {
        return jdbc.sql("""
                SELECT id, schema, schema_version, overlap, review_mode, sample_rate, lease_minutes
                FROM project WHERE id = :p""")
                .param("p", projectId)
                .query((rs, i) -> new ProjectSettings(rs.getLong(1), json.column(rs, "schema"), rs.getInt(3),
                        rs.getInt(4), rs.getString(5), rs.getDouble(6), rs.getInt(7)))
                .optional().orElseThrow(() -> ApiException.notFound("Project", projectId));
    }
}
