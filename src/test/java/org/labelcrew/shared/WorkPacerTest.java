package org.labelcrew.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.labelcrew.account.Role;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.Fixtures.User;
import org.labelcrew.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An import gives way to people (issue 14, P8): it pauses after each chunk only while someone labels on the instance,
 * and the labelers' own calls are what tell it so.
 */
@IntegrationTest
class WorkPacerTest {

    @Autowired
    Fixtures fx;

    @Autowired
    WorkPacer pacer;

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void pausesInProportionOnlyWhilePeopleWork() {
        WorkPacer p = new WorkPacer(1.0);
        assertThat(p.giveWay(50 * MS)).as("nobody working: no pause").isZero();

        p.personWorking();
        long t0 = System.nanoTime();
        assertThat(p.giveWay(30 * MS)).isEqualTo(30 * MS);
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(30 * MS);
        assertThat(p.giveWay(5_000 * MS)).as("one pause is capped").isEqualTo(200 * MS);

        WorkPacer off = new WorkPacer(0);
        off.personWorking();
        assertThat(off.giveWay(50 * MS)).isZero();
        WorkPacer half = new WorkPacer(0.5);
        half.personWorking();
        assertThat(half.giveWay(40 * MS)).isEqualTo(20 * MS);
    }

    @Test
    void nextTaskSubmitAndDraftSayThatPeopleWork() throws InterruptedException {
        User manager = fx.user("mgr", Role.MANAGER);
        long projectId = fx.project(manager, Fixtures.TOPIC_SCHEMA, "\"overlap\": 1").get("id").asLong();
        User labeler = fx.user("lab", Role.LABELER);
        fx.member(manager, projectId, labeler, "LABELER");
        fx.tasks(projectId, "한 문장");

        // Timestamps, not the one-second window: on a loaded machine a call may take longer than that.
        long before = quietBefore();
        long assignmentId = labeler.api().post("/api/v1/projects/" + projectId + "/next-task", null).expect(200).json()
                .get("assignmentId").asLong();
        assertThat(pacer.lastPersonNanos()).as("after next-task").isGreaterThanOrEqualTo(before);

        before = quietBefore();
        labeler.api().put("/api/v1/assignments/" + assignmentId + "/draft", "{\"result\": {\"topic\": \"경제\"}}").expect(200);
        assertThat(pacer.lastPersonNanos()).as("after a draft").isGreaterThanOrEqualTo(before);

        before = quietBefore();
        labeler.api().post("/api/v1/assignments/" + assignmentId + "/submit", "{\"result\": {\"topic\": \"경제\"}}").expect(200);
        assertThat(pacer.lastPersonNanos()).as("after submit").isGreaterThanOrEqualTo(before);
    }

    /** A moment past the pacer's 10 ms resolution, so that the next call must move its timestamp. */
    private static long quietBefore() throws InterruptedException {
        Thread.sleep(30);
        return System.nanoTime();
    }

}
