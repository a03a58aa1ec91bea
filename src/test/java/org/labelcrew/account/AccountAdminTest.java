package org.labelcrew.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.Fixtures.User;
import org.labelcrew.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class AccountAdminTest {

    @Autowired
    Fixtures fx;

    @Test
    void adminCreatesAccountsWithRolesAndDeactivatesThem() {
        User admin = fx.user("root", Role.ADMIN);
        JsonNode created = admin.api().post("/api/v1/accounts", """
                {"username": "kim-labeler-%d", "password": "%s", "displayName": "김라벨", "roles": ["LABELER", "REVIEWER"]}"""
                .formatted(System.nanoTime() % 100000, Fixtures.PASSWORD)).expect(201).json();
        assertThat(created.get("roles").valueStream().map(JsonNode::asString)).containsExactlyInAnyOrder("LABELER", "REVIEWER");
        assertThat(created.get("active").asBoolean()).isTrue();

        long id = created.get("id").asLong();
        String username = created.get("username").asString();
        var login = fx.anonymous().post("/api/v1/auth/login",
                "{\"username\": \"" + username + "\", \"password\": \"" + Fixtures.PASSWORD + "\"}");
        login.expect(200);

        admin.api().patch("/api/v1/accounts/" + id, "{\"active\": false}").expect(200);
        fx.anonymous().post("/api/v1/auth/login",
                "{\"username\": \"" + username + "\", \"password\": \"" + Fixtures.PASSWORD + "\"}").expect(401);
    }

    @Test
    void deactivatedAccountsTokensStopWorking() {
        User admin = fx.user("root", Role.ADMIN);
        User worker = fx.user("worker", Role.LABELER);
        worker.api().get("/api/v1/me").expect(200);
        admin.api().patch("/api/v1/accounts/" + worker.id(), "{\"active\": false}").expect(200);
        worker.api().get("/api/v1/me").expect(401);
    }

    @Test
    void badAccountInputNamesEachField() {
        User admin = fx.user("root", Role.ADMIN);
        JsonNode problem = admin.api().post("/api/v1/accounts",
                "{\"username\": \"x\", \"password\": \"short\", \"displayName\": \"\", \"roles\": []}").expect(422).json();
        assertThat(problem.get("errors").valueStream().map(e -> e.get("field").asString()))
                .contains("username", "password", "displayName", "roles");
    }

    @Test
    void personalTokensAreShownOnceAndCanBeRevoked() {
        User me = fx.user("script", Role.LABELER);
        JsonNode token = me.api().post("/api/v1/tokens", "{\"name\": \"노트북\"}").expect(201).json();
        assertThat(token.get("token").asString()).startsWith("lc_");
        JsonNode list = me.api().get("/api/v1/tokens").expect(200).json();
        assertThat(list.valueStream().map(t -> t.has("token"))).containsOnly(false);
        var script = fx.withToken(token.get("token").asString());
        script.get("/api/v1/me").expect(200);
        me.api().delete("/api/v1/tokens/" + token.get("id").asLong()).expect(204);
        script.get("/api/v1/me").expect(401);
        fx.withToken("lc_not-a-real-token").get("/api/v1/me").expect(401);
    }

    @Test
    void signupNeedsPrivacyConsentAndMakesATrainee() {
        String name = "citizen-" + System.nanoTime() % 1000000;
        JsonNode refused = fx.anonymous().post("/api/v1/signup", """
                {"username": "%s", "password": "%s", "displayName": "시민", "privacyConsent": false}"""
                .formatted(name, Fixtures.PASSWORD)).expect(422).json();
        assertThat(refused.get("errors").get(0).get("field").asString()).isEqualTo("privacyConsent");
        JsonNode me = fx.anonymous().post("/api/v1/signup", """
                {"username": "%s", "password": "%s", "displayName": "시민", "privacyConsent": true}"""
                .formatted(name, Fixtures.PASSWORD)).expect(201).json();
        assertThat(me.get("roles").valueStream().map(JsonNode::asString)).containsExactly("TRAINEE");
    }
}
