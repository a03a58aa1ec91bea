package org.labelcrew.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.labelcrew.account.Role;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;

/** Task references are checked per statement (V6), not per row: the same guarantees as foreign keys. */
@IntegrationTest
class TaskIntegrityTest {

    @Autowired
    Fixtures fx;

    @Test
    void aTaskCannotBelongToAProjectThatDoesNotExist() {
        assertThatThrownBy(() -> fx.jdbc().sql("INSERT INTO task (project_id, data) VALUES (987654321, '{}')").update())
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("existing project");
    }

    @Test
    void aTaskCannotClaimAnotherProjectsImport() {
        var manager = fx.user("mgr", Role.MANAGER);
        long a = fx.project(manager, Fixtures.TOPIC_SCHEMA, null).get("id").asLong();
        long b = fx.project(manager, Fixtures.TOPIC_SCHEMA, null).get("id").asLong();
        long importOfA = fx.jdbc().sql("INSERT INTO import_job (project_id, format) VALUES (:p, 'jsonl') RETURNING id")
                .param("p", a).query(Long.class).single();
        assertThatThrownBy(() -> fx.jdbc().sql("INSERT INTO task (project_id, import_id, data) VALUES (:p, :i, '{}')")
                .param("p", b).param("i", importOfA).update())
                .isInstanceOf(DataIntegrityViolationException.class);
        long taskId = fx.tasks(a, "옮길 수 없음").get(0);
        assertThatThrownBy(() -> fx.jdbc().sql("UPDATE task SET project_id = :b WHERE id = :t")
                .param("b", b).param("t", taskId).update())
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void deletingAProjectDeletesItsTasksAndTheirWork() {
        var manager = fx.user("mgr", Role.MANAGER);
        var labeler = fx.user("lab", Role.LABELER);
        long projectId = fx.project(manager, Fixtures.TOPIC_SCHEMA, null).get("id").asLong();
        fx.member(manager, projectId, labeler, "LABELER");
        long taskId = fx.tasks(projectId, "지울 문장").get(0);
        labeler.api().post("/api/v1/projects/" + projectId + "/next-task", null).expect(200);

        fx.jdbc().sql("DELETE FROM project WHERE id = :p").param("p", projectId).update();
        assertThat(fx.jdbc().sql("SELECT count(*) FROM task WHERE id = :t").param("t", taskId).query(Long.class).single())
                .isZero();
        assertThat(fx.jdbc().sql("SELECT count(*) FROM assignment WHERE task_id = :t").param("t", taskId)
                .query(Long.class).single()).isZero();
    }
}
