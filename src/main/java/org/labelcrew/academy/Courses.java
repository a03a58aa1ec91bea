package org.labelcrew.academy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.labelcrew.account.CurrentUser;
import org.labelcrew.shared.ApiException;
import org.labelcrew.shared.ApiException.FieldError;
import org.labelcrew.shared.Json;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/** Courses: what a cohort teaches (name, description, materials, the hours it takes). */
@Service
class Courses {

    private final JdbcClient jdbc;
    private final Json json;

    Courses(JdbcClient jdbc, Json json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** materials: free JSON, typically a list of {title, url}. */
    record CourseRequest(String name, String description, JsonNode materials, Double hours) {
    }

    record Course(long id, String name, String description, JsonNode materials, double hours, Instant createdAt) {
    }

    Course create(CourseRequest req, CurrentUser user) {
        Access.requireManager(user);
        List<FieldError> errors = new ArrayList<>();
        if (req.name() == null || req.name().isBlank()) errors.add(FieldError.coded("name", "field.required", "is required"));
        if (req.hours() == null || req.hours() <= 0 || req.hours() > 1000) {
            errors.add(FieldError.coded("hours", "academy.badHours", "must be more than 0 and at most 1000", "max", 1000));
        }
        if (req.materials() != null && !req.materials().isArray() && !req.materials().isNull()) {
            errors.add(FieldError.coded("materials", "value.mustBeArray", "must be an array"));
        }
        if (!errors.isEmpty()) throw ApiException.invalid("The course is not valid", errors)
                .withCode("academy.courseInvalid", java.util.Map.of("count", errors.size()));
        long id = jdbc.sql("""
                INSERT INTO course (name, description, materials, hours, created_by)
                VALUES (:name, :description, :materials::jsonb, :hours, :by) RETURNING id""")
                .param("name", req.name().trim())
                .param("description", req.description() == null ? "" : req.description())
                .param("materials", json.write(req.materials() == null || req.materials().isNull()
                        ? json.mapper().createArrayNode() : req.materials()))
                .param("hours", req.hours()).param("by", user.id())
                .query(Long.class).single();
        return get(id);
    }

    List<Course> list() {
        return jdbc.sql("SELECT * FROM course ORDER BY id").query((rs, i) -> map(rs)).list();
    }

    Course get(long id) {
        return jdbc.sql("SELECT * FROM course WHERE id = :id").param("id", id).query((rs, i) -> map(rs)).optional()
                .orElseThrow(() -> ApiException.notFound("Course", id));
    }

    private Course map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Course(rs.getLong("id"), rs.getString("name"), rs.getString("description"),
                json.column(rs, "materials"), rs.getDouble("hours"), Sql.instant(rs, "created_at"));
    }
}
