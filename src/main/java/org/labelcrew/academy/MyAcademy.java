package org.labelcrew.academy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;
import org.labelcrew.account.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Everything one person has in the academy, for the "my academy" page. */
@Service
class MyAcademy {

    private final JdbcClient jdbc;
    private final Cohorts cohorts;
    private final Exams exams;
    private final Placements placements;

    MyAcademy(JdbcClient jdbc, Cohorts cohorts, Exams exams, Placements placements) {
        this.jdbc = jdbc;
        this.cohorts = cohorts;
        this.exams = exams;
        this.placements = placements;
    }

    record MyAttendance(double attendedHours, double totalHours, double ratio, double required, boolean completed,
            Map<Long, Boolean> sessions) {
    }

    record MyRegistration(long registrationId, @Schema(implementation = RegistrationStatus.class) String status, @Nullable Integer position, java.time.Instant registeredAt,
            Cohorts.Cohort cohort, MyAttendance attendance) {
    }

    record Overview(List<MyRegistration> registrations, List<Exams.ExamSummary> exams,
            List<Exams.AttemptSummary> attempts, List<Placements.Placement> placements) {
    }

    Overview of(CurrentUser user) {
        Access.requireSignedIn(user);
        List<Long> cohortIds = jdbc.sql("""
                SELECT cohort_id FROM registration WHERE account_id = :a AND status <> 'CANCELLED' ORDER BY id""")
                .param("a", user.id()).query(Long.class).list();
        List<MyRegistration> regs = new ArrayList<>();
        for (long cohortId : cohortIds) {
            Cohorts.Cohort cohort = cohorts.get(cohortId, user);
            cohorts.roster(cohortId).stream().filter(r -> r.accountId() == user.id()).findFirst().ifPresent(r ->
                    regs.add(new MyRegistration(r.registrationId(), r.status(), r.position(), r.registeredAt(), cohort,
                            new MyAttendance(r.attendedHours(), r.totalHours(), r.attendanceRatio(), cohort.minAttendance(),
                                    r.completed(), r.attendance()))));
        }
        return new Overview(regs, exams.list(user), exams.attemptsOf(user.id()), placements.mine(user.id()));
    }
}
