package org.labelcrew.academy;

import java.util.List;
import org.labelcrew.account.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Courses, cohorts, registration, attendance, the funnel, and the trainee's own view. */
@RestController
@RequestMapping("/api/v1")
class AcademyController {

    private final Courses courses;
    private final Cohorts cohorts;
    private final Registrations registrations;
    private final MyAcademy my;
    private final Notifications notifications;
    private final AcademyEvents events;
    private final Owners owners;

    AcademyController(Courses courses, Cohorts cohorts, Registrations registrations, MyAcademy my,
            Notifications notifications, AcademyEvents events, Owners owners) {
        this.owners = owners;
        this.courses = courses;
        this.cohorts = cohorts;
        this.registrations = registrations;
        this.my = my;
        this.notifications = notifications;
        this.events = events;
    }

    @PostMapping("/courses")
    @ResponseStatus(HttpStatus.CREATED)
    Courses.Course createCourse(@AuthenticationPrincipal CurrentUser user, @RequestBody Courses.CourseRequest body) {
        return courses.create(body, user);
    }

    @GetMapping("/courses")
    List<Courses.Course> courses() {
        return courses.list();
    }

    @GetMapping("/courses/{id}")
    Courses.Course course(@PathVariable long id) {
        return courses.get(id);
    }

    @PostMapping("/cohorts")
    @ResponseStatus(HttpStatus.CREATED)
    Cohorts.Cohort createCohort(@AuthenticationPrincipal CurrentUser user, @RequestBody Cohorts.CohortRequest body) {
        return cohorts.create(body, user);
    }

    /** Public: open and upcoming cohorts with seats left; {@code ?all=true} includes past ones. */
    @GetMapping("/cohorts")
    List<Cohorts.Cohort> cohorts(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(defaultValue = "false") boolean all) {
        return cohorts.list(all, user);
    }

    @GetMapping("/cohorts/{id}")
    Cohorts.Cohort cohort(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return cohorts.get(id, user);
    }

    @PostMapping("/cohorts/{id}/registrations")
    @ResponseStatus(HttpStatus.CREATED)
    Registrations.Registered register(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return registrations.register(id, user);
    }

    @DeleteMapping("/cohorts/{id}/registrations/me")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void cancel(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        registrations.cancel(id, user);
    }

    @GetMapping("/cohorts/{id}/registrations")
    List<Cohorts.RosterRow> registrations(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        owners.requireCohort(id, user);
        return cohorts.roster(id);
    }

    @PutMapping("/cohorts/{id}/sessions/{sessionId}/attendance")
    Cohorts.Attendance attendance(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
            @PathVariable long sessionId, @RequestBody Cohorts.AttendanceRequest body) {
        return cohorts.recordAttendance(id, sessionId, body, user);
    }

    @GetMapping("/cohorts/{id}/funnel")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", content = {
            @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json",
                    schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = Cohorts.Funnel.class)),
            @io.swagger.v3.oas.annotations.media.Content(mediaType = "text/csv")})
    ResponseEntity<?> funnel(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
            @RequestParam(required = false) String format) {
        Cohorts.Funnel f = cohorts.funnel(id, user);
        if ("csv".equalsIgnoreCase(format)) {
            return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                    .header("Content-Disposition", "attachment; filename=\"cohort-" + id + "-funnel.csv\"")
                    .body(Cohorts.csv(f));
        }
        return ResponseEntity.ok(f);
    }

    @GetMapping("/cohorts/{id}/events")
    List<AcademyEvents.Event> events(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        owners.requireCohort(id, user);
        return events.forCohort(id);
    }

    @GetMapping("/me/academy")
    MyAcademy.Overview myAcademy(@AuthenticationPrincipal CurrentUser user) {
        return my.of(user);
    }

    @GetMapping("/me/notifications")
    List<Notifications.Notification> myNotifications(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(defaultValue = "false") boolean unread) {
        Access.requireSignedIn(user);
        return notifications.mine(user.id(), unread);
    }

    @PostMapping("/me/notifications/{id}/read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void read(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        Access.requireSignedIn(user);
        notifications.markRead(user.id(), id);
    }
}
