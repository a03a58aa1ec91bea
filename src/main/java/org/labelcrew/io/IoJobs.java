package org.labelcrew.io;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import org.labelcrew.account.CurrentUser;
import org.labelcrew.project.ProjectAccess;
import org.labelcrew.project.ProjectRole;
import org.labelcrew.shared.ApiException;
import org.labelcrew.shared.Page;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What imports and exports share: who may run them, the project's job list, the formats by name, finished jobs. */
final class IoJobs {

    private IoJobs() {
    }

    static void requireManager(ProjectAccess access, long projectId, CurrentUser user) {
        ProjectAccess.Membership m = access.requireMember(projectId, user);
        if (m.role() != ProjectRole.MANAGER) {
            throw ApiException.forbidden("Only managers of project " + projectId + " can import and export its data")
                    .withCode("io.managersOnly", java.util.Map.of("projectId", projectId));
        }
    }

    /** The project's jobs, newest first: {@code select} is the job table's SELECT without a WHERE. */
    static <J> Page<J> list(JdbcClient jdbc, String select, RowMapper<J> row, ToLongFunction<J> id, long projectId,
            String after, Integer limit) {
        int n = Page.limit(limit);
        long before = Page.after(after);
        List<J> rows = jdbc.sql(select + " WHERE project_id = :p AND (:before = 0 OR id < :before) ORDER BY id DESC LIMIT :n")
                .param("p", projectId).param("before", before).param("n", n + 1)
                .query(row).list();
        return Page.of(rows, n, id);
    }

    /** A job that a run picks up again only when it has not finished either way. */
    static boolean finished(String status) {
        return status.equals("DONE") || status.equals("FAILED");
    }

    /** What a failed job says about the exception that stopped it. */
    static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The formats of one direction by name. */
    static final class Formats<F> {

        private final Map<String, F> byName;

        Formats(List<F> formats, Function<F, String> name) {
            this.byName = formats.stream().collect(Collectors.toMap(name, Function.identity()));
        }

        Optional<F> get(String name) {
            return Optional.ofNullable(name == null ? null : byName.get(name));
        }

        List<String> names() {
            return byName.keySet().stream().sorted().toList();
        }
    }
}
