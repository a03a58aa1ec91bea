package org.labelcrew.project;

import java.util.List;
import java.util.Map;
import org.labelcrew.account.CurrentUser;
import org.labelcrew.schema.SchemaService;
import org.labelcrew.shared.Page;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/v1/projects")
class ProjectController {

    private final ProjectService projects;
    private final SchemaService schemas;

    ProjectController(ProjectService projects, SchemaService schemas) {
        this.projects = projects;
        this.schemas = schemas;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Project create(@AuthenticationPrincipal CurrentUser user, @RequestBody ProjectService.ProjectRequest body) {
        return projects.create(body, user);
    }

    @GetMapping
    Page<Project> list(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String after,
            @RequestParam(required = false) Integer limit) {
        return projects.list(user, after, limit);
    }

    @GetMapping("/{id}")
    Project get(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return projects.get(id, user);
    }

    @PatchMapping("/{id}")
    Project update(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
            @RequestBody ProjectService.ProjectRequest body) {
        return projects.update(id, body, user);
    }

    record SchemaCheck(JsonNode schema) {
    }

    /** Lets the schema editor show the server's verdict before saving. */
    @PostMapping("/schema/validate")
    Map<String, Object> validateSchema(@RequestBody SchemaCheck body) {
        schemas.check(body.schema(), "schema");
        return Map.of("valid", true, "types", schemas.supportedTypes());
    }

    @GetMapping("/{id}/members")
    List<ProjectService.Member> members(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return projects.members(id, user);
    }

    record MemberRequest(ProjectRole role, Boolean paused) {
    }

    @PutMapping("/{id}/members/{accountId}")
    ProjectService.Member putMember(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
            @PathVariable long accountId, @RequestBody MemberRequest body) {
        return projects.putMember(id, accountId, body.role(), body.paused(), user);
    }

    @DeleteMapping("/{id}/members/{accountId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeMember(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @PathVariable long accountId) {
        projects.removeMember(id, accountId, user);
    }
}
