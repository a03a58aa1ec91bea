package org.labelcrew.support;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.labelcrew.account.Account;
import org.labelcrew.account.AccountService;
import org.labelcrew.account.CurrentUser;
import org.labelcrew.account.Role;
import org.labelcrew.account.TokenService;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Builds the people and projects a test needs, through the real services and the real HTTP API. Every name is unique
 * (tests share one database per context), and every user comes with an {@link Api} client that signs its requests
 * with a personal API token, as a script would.
 */
@TestComponent
public class Fixtures {

    private static final AtomicInteger SEQ = new AtomicInteger();
    public static final String PASSWORD = "correct-horse-battery";

    private final AccountService accounts;
    private final TokenService tokens;
    private final Environment env;
    private final ObjectMapper mapper;
    private final JdbcClient jdbc;

    Fixtures(AccountService accounts, TokenService tokens, Environment env, ObjectMapper mapper, JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.tokens = tokens;
        this.env = env;
        this.mapper = mapper;
    }

    /** A person with the given roles and an API client signed in as them. */
    public User user(String prefix, Role... roles) {
        String username = prefix + "-" + ProcessHandle.current().pid() % 10000 + "-" + SEQ.incrementAndGet();
        Set<Role> set = roles.length == 0 ? EnumSet.of(Role.LABELER) : EnumSet.of(roles[0], roles);
        Account account = accounts.create(new AccountService.NewAccount(username, PASSWORD, prefix + " " + SEQ.get(),
                null, null, set));
        CurrentUser principal = new CurrentUser(account.id(), account.username(), account.displayName(), account.roles());
        String token = tokens.create(principal, "test").token();
        return new User(account.id(), username, principal, new Api(baseUrl(), token, mapper));
    }

    /** An API client that signs with the given token. */
    public Api withToken(String token) {
        return new Api(baseUrl(), token, mapper);
    }

    /** A browser-like client with a cookie jar and no session yet; {@code signIn} gives it one. */
    public SessionClient browser() {
        return new SessionClient(baseUrl(), mapper);
    }

    /** An API client with no credentials. */
    public Api anonymous() {
        return new Api(baseUrl(), null, mapper);
    }

    public String baseUrl() {
        return "http://localhost:" + env.getRequiredProperty("local.server.port");
    }

    /** The canonical single-label schema of the foundation: Korean topic classification. */
    public static final String TOPIC_SCHEMA = """
            {"fields": [{"name": "topic", "type": "choice", "options": ["정치", "경제", "사회"], "required": true}]}""";

    /** Creates a project as {@code manager} and returns it as JSON. */
    public JsonNode project(User manager, String schemaJson, String settingsJson) {
        String body = "{\"name\": \"프로젝트 " + SEQ.incrementAndGet() + "\", \"schema\": " + schemaJson
                + (settingsJson == null || settingsJson.isBlank() ? "" : ", " + settingsJson) + "}";
        Api.Response r = manager.api().post("/api/v1/projects", body);
        r.expect(201);
        return r.json();
    }

    public void member(User manager, long projectId, User who, String role) {
        manager.api().put("/api/v1/projects/" + projectId + "/members/" + who.id(), "{\"role\": \"" + role + "\"}")
                .expect(200);
    }

    /**
     * Puts tasks straight into a project, one per text, as an import would leave them; returns their ids in order.
     * (Import itself is tested through its own API.)
     */
    public List<Long> tasks(long projectId, String... texts) {
        List<Long> ids = new ArrayList<>();
        for (String text : texts) {
            String data = mapper.writeValueAsString(java.util.Map.of("text", text));
            ids.add(jdbc.sql("INSERT INTO task (project_id, data) VALUES (:p, :d::jsonb) RETURNING id")
                    .param("p", projectId).param("d", data).query(Long.class).single());
        }
        return ids;
    }

    /** A project with its manager, {@code labelers} labelers and one reviewer, all members in those roles. */
    public record Team(long projectId, User manager, List<User> labelers, User reviewer) {
    }

    /** Creates a topic project ({@link #TOPIC_SCHEMA}, {@code settingsJson} as {@link #project} takes it) and its team. */
    public Team team(int labelers, String settingsJson) {
        User manager = user("mgr", Role.MANAGER);
        long projectId = project(manager, TOPIC_SCHEMA, settingsJson).get("id").asLong();
        List<User> people = new ArrayList<>();
        for (int i = 0; i < labelers; i++) {
            User labeler = user("lab", Role.LABELER);
            member(manager, projectId, labeler, "LABELER");
            people.add(labeler);
        }
        User reviewer = user("rev", Role.REVIEWER);
        member(manager, projectId, reviewer, "REVIEWER");
        return new Team(projectId, manager, people, reviewer);
    }

    public JdbcClient jdbc() {
        return jdbc;
    }

    public record User(long id, String username, CurrentUser principal, Api api) {
    }
}
