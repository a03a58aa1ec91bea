package org.labelcrew.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Function;
import org.labelcrew.account.Role;
import org.labelcrew.support.Api;
import org.labelcrew.support.Fixtures;
import tools.jackson.databind.JsonNode;

/**
 * A project with a manager, a labeler and a reviewer, and the round trip the format tests share: import a file,
 * label every task through the API, approve every task, export and fetch the file.
 */
public final class Crowd {

    public final Fixtures.User manager;
    public final Fixtures.User labeler;
    public final Fixtures.User reviewer;
    public final long projectId;

    public Crowd(Fixtures fixtures, String schemaJson) {
        this(fixtures, schemaJson, null);
    }

    /** {@code settingsJson}: more project fields, as {@link Fixtures#project} takes them (null for none). */
    public Crowd(Fixtures fixtures, String schemaJson, String settingsJson) {
        manager = fixtures.user("mgr", Role.MANAGER);
        labeler = fixtures.user("lab", Role.LABELER);
        reviewer = fixtures.user("rev", Role.REVIEWER);
        projectId = fixtures.project(manager, schemaJson, settingsJson).get("id").asLong();
        fixtures.member(manager, projectId, labeler, "LABELER");
        fixtures.member(manager, projectId, reviewer, "REVIEWER");
    }

    public JsonNode importFile(String format, byte[] content) {
        return Jobs.importFile(manager.api(), projectId, format, content);
    }

    /** Labels every task with the result {@code result} makes of its data (a JSON object as text). */
    public void labelAll(Function<JsonNode, String> result) {
        while (true) {
            var next = labeler.api().post("/api/v1/projects/" + projectId + "/next-task", null);
            if (next.status() == 204) return;
            JsonNode task = next.expect(200).json();
            labeler.api().post("/api/v1/assignments/" + task.get("assignmentId").asLong() + "/submit",
                    "{\"result\": " + result.apply(task.get("data")) + "}").expect(200);
        }
    }

    public void approveAll() {
        while (true) {
            var next = reviewer.api().post("/api/v1/projects/" + projectId + "/next-review", null);
            if (next.status() == 204) return;
            long review = next.expect(200).json().get("reviewId").asLong();
            reviewer.api().post("/api/v1/reviews/" + review + "/decision", "{\"verdict\": \"APPROVE\"}").expect(200);
        }
    }

    /** Runs an export to the end and returns its file. */
    public Api.Response export(String body) {
        JsonNode started = manager.api().post("/api/v1/projects/" + projectId + "/exports", body).expect(202).json();
        long id = started.get("id").asLong();
        JsonNode job = Jobs.awaitEnd(manager.api(), "/api/v1/exports/" + id);
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        return manager.api().get("/api/v1/exports/" + id + "/file").expect(200);
    }

    /** Tasks of the project as the API lists them (data included). */
    public JsonNode tasks() {
        return manager.api().get("/api/v1/projects/" + projectId + "/tasks?limit=100").expect(200).json().get("items");
    }
}
