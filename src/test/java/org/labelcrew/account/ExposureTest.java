package org.labelcrew.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.Fixtures.User;
import org.labelcrew.support.IntegrationTest;
import org.labelcrew.support.SessionClient;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Finding 10 of the hardening probe: metrics, sessions, people's data, security headers. */
@IntegrationTest
class ExposureTest {

    @Autowired
    Fixtures fx;

    @Test
    void metricsAreForAdministratorsAndHealthIsPublic() {
        fx.anonymous().get("/actuator/health").expect(200);
        fx.anonymous().get("/actuator/prometheus").expect(401);
        fx.anonymous().get("/actuator/metrics").expect(401);
        User manager = fx.user("mgr", Role.MANAGER);
        manager.api().get("/actuator/prometheus").expect(403);
        manager.api().get("/actuator/metrics").expect(403);
        manager.api().get("/actuator").expect(403);
        User admin = fx.user("root", Role.ADMIN);
        assertThat(admin.api().get("/actuator/prometheus").expect(200).text()).contains("http_server_requests");
        admin.api().get("/actuator/metrics").expect(200);
    }

    @Test
    void anonymousRequestsLeaveNoSessionBehind() {
        long before = sessions();
        for (int i = 0; i < 50; i++) {
            fx.anonymous().get("/api/v1/me").expect(401);
            fx.anonymous().get("/api/v1/cohorts").expect(200);
        }
        fx.anonymous().post("/api/v1/auth/login", "{\"username\": \"nobody-at-all\", \"password\": \"x-wrong-1\"}").expect(401);
        // A browser that has not signed in yet still gets its CSRF cookie, without a session.
        SessionClient browser = fx.browser();
        browser.get("/api/v1/me").expect(401);
        assertThat(browser.sessionCookie()).isEmpty();
        assertThat(sessions()).isEqualTo(before);

        // Signing in makes exactly one, and the browser's CSRF-protected calls work with it.
        User manager = fx.user("mgr", Role.MANAGER);
        browser.signIn(manager.username(), Fixtures.PASSWORD);
        assertThat(sessions()).isEqualTo(before + 1);
        browser.post("/api/v1/projects", "{\"name\": \"세션 하나\", \"schema\": " + Fixtures.TOPIC_SCHEMA + "}").expect(201);
        browser.post("/api/v1/auth/logout", null).expect(204);
        assertThat(sessions()).isEqualTo(before);
    }

    @Test
    void managersSeeOnlyWhatTheyNeedAboutPeople() {
        User admin = fx.user("root", Role.ADMIN);
        User manager = fx.user("mgr", Role.MANAGER);
        String name = "citizen-" + System.nanoTime() % 1_000_000;
        long trainee = fx.anonymous().post("/api/v1/signup", """
                {"username": "%s", "password": "%s", "displayName": "시민", "email": "%s@example.com",
                 "phone": "010-1234-5678", "privacyConsent": true}""".formatted(name, Fixtures.PASSWORD, name))
                .expect(201).json().get("id").asLong();
        User labeler = fx.user("worker", Role.LABELER);
        admin.api().patch("/api/v1/accounts/" + labeler.id(), "{\"displayName\": \"일꾼\"}").expect(200);

        // Administrators see everything stored, e-mail included.
        JsonNode full = admin.api().get("/api/v1/accounts/" + trainee).expect(200).json();
        assertThat(full.get("email").asString()).isEqualTo(name + "@example.com");

        // Managers list the people they can add to a project (active labelers, reviewers, managers), without contact
        // details; a trainee, or anyone's e-mail, is not theirs to read.
        JsonNode list = pages(manager, "/api/v1/accounts");
        assertThat(list.valueStream().map(a -> a.get("id").asLong())).contains(labeler.id()).doesNotContain(trainee);
        assertThat(list.valueStream().filter(a -> a.has("email") && !a.get("email").isNull())).isEmpty();
        manager.api().get("/api/v1/accounts/" + trainee).expect(404);
        JsonNode one = manager.api().get("/api/v1/accounts/" + labeler.id()).expect(200).json();
        assertThat(one.get("email").isNull()).isTrue();
        assertThat(one.get("displayName").asString()).isEqualTo("일꾼");
    }

    @Test
    void pagesAndAnswersCarryContentSecurityAndReferrerPolicies() throws Exception {
        for (String path : new String[] {"/", "/api/v1/me", "/actuator/health"}) {
            HttpResponse<Void> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(fx.baseUrl() + path)).GET().build(), HttpResponse.BodyHandlers.discarding());
            String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
            assertThat(csp).as(path).contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'",
                    "object-src 'none'");
            assertThat(csp).as(path).doesNotContain("unsafe-eval");
            assertThat(r.headers().firstValue("Referrer-Policy")).as(path).hasValue("same-origin");
        }
    }

    private JsonNode pages(User who, String path) {
        tools.jackson.databind.node.ArrayNode out = new tools.jackson.databind.ObjectMapper().createArrayNode();
        String after = null;
        do {
            JsonNode page = who.api().get(path + "?limit=200" + (after == null ? "" : "&after=" + after)).expect(200).json();
            page.get("items").forEach(out::add);
            after = page.hasNonNull("next") ? page.get("next").asString() : null;
        } while (after != null);
        return out;
    }

    private long sessions() {
        return fx.jdbc().sql("SELECT count(*) FROM spring_session").query(Long.class).single();
    }
}
