package org.labelcrew.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.Fixtures.User;
import org.labelcrew.support.IntegrationTest;
import org.labelcrew.support.SessionClient;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Finding 1 of the hardening probe: a browser session must end the moment its account is deactivated, its roles
 * change or its password is reset — with a real cookie session, signed in as the browser app signs in.
 */
@IntegrationTest
class SessionEndTest {

    @Autowired
    Fixtures fx;

    @Test
    void sessionsAreStoredUnderTheUsername() {
        User labeler = fx.user("named", Role.LABELER);
        SessionClient browser = fx.browser().signIn(labeler.username(), Fixtures.PASSWORD);
        assertThat(browser.get("/api/v1/me").expect(200).json().get("username").asString()).isEqualTo(labeler.username());
        assertThat(sessionsOf(labeler.username())).isEqualTo(1);
    }

    @Test
    void deactivationEndsTheSessionAtOnce() {
        User admin = fx.user("root", Role.ADMIN);
        User labeler = fx.user("leaver", Role.LABELER);
        SessionClient browser = fx.browser().signIn(labeler.username(), Fixtures.PASSWORD);
        browser.get("/api/v1/me").expect(200);

        admin.api().patch("/api/v1/accounts/" + labeler.id(), "{\"active\": false}").expect(200);

        browser.get("/api/v1/me").expect(401);
        browser.get("/api/v1/projects").expect(401);
        assertThat(sessionsOf(labeler.username())).isZero();
    }

    @Test
    void aDemotedAdminCannotUseItsSessionToRestoreItself() {
        User root = fx.user("root", Role.ADMIN);
        User other = fx.user("deputy", Role.ADMIN);
        SessionClient deputy = fx.browser().signIn(other.username(), Fixtures.PASSWORD);
        deputy.get("/api/v1/accounts").expect(200);

        root.api().patch("/api/v1/accounts/" + other.id(), "{\"roles\": [\"LABELER\"], \"active\": false}").expect(200);

        // What the probe did with the old session: create a new ADMIN and reactivate itself. Both refused.
        deputy.post("/api/v1/accounts", """
                {"username": "backdoor-%d", "password": "%s", "displayName": "x", "roles": ["ADMIN"]}"""
                .formatted(System.nanoTime() % 100000, Fixtures.PASSWORD)).expect(401);
        deputy.patch("/api/v1/accounts/" + other.id(), "{\"active\": true, \"roles\": [\"ADMIN\"]}").expect(401);
        assertThat(fx.jdbc().sql("SELECT active FROM account WHERE id = :id").param("id", other.id())
                .query(Boolean.class).single()).isFalse();
    }

    @Test
    void aRoleChangeEndsTheSessionSoTheNewRightsApplyFromTheNextSignIn() {
        User admin = fx.user("root", Role.ADMIN);
        User manager = fx.user("mgr", Role.MANAGER);
        SessionClient browser = fx.browser().signIn(manager.username(), Fixtures.PASSWORD);
        browser.post("/api/v1/projects", "{\"name\": \"세션 프로젝트\", \"schema\": " + Fixtures.TOPIC_SCHEMA + "}").expect(201);

        admin.api().patch("/api/v1/accounts/" + manager.id(), "{\"roles\": [\"LABELER\"]}").expect(200);

        browser.get("/api/v1/me").expect(401);
        SessionClient again = fx.browser().signIn(manager.username(), Fixtures.PASSWORD);
        assertThat(again.get("/api/v1/me").expect(200).json().get("roles").get(0).asString()).isEqualTo("LABELER");
        again.post("/api/v1/projects", "{\"name\": \"더는 안 됨\", \"schema\": " + Fixtures.TOPIC_SCHEMA + "}").expect(403);
    }

    @Test
    void aPasswordResetEndsEverySessionAndRevokesTheTokens() {
        User admin = fx.user("root", Role.ADMIN);
        User labeler = fx.user("reset", Role.LABELER);
        SessionClient laptop = fx.browser().signIn(labeler.username(), Fixtures.PASSWORD);
        SessionClient phone = fx.browser().signIn(labeler.username(), Fixtures.PASSWORD);
        labeler.api().get("/api/v1/me").expect(200);
        assertThat(sessionsOf(labeler.username())).isEqualTo(2);

        String newPassword = "a-brand-new-passphrase";
        admin.api().patch("/api/v1/accounts/" + labeler.id(), "{\"password\": \"" + newPassword + "\"}").expect(200);

        laptop.get("/api/v1/me").expect(401);
        phone.get("/api/v1/me").expect(401);
        labeler.api().get("/api/v1/me").expect(401);
        fx.browser().signIn(labeler.username(), newPassword).get("/api/v1/me").expect(200);
    }

    @Test
    void aChangeOfDisplayNameAloneEndsNothing() {
        User admin = fx.user("root", Role.ADMIN);
        User labeler = fx.user("renamed", Role.LABELER);
        SessionClient browser = fx.browser().signIn(labeler.username(), Fixtures.PASSWORD);
        admin.api().patch("/api/v1/accounts/" + labeler.id(), "{\"displayName\": \"새 이름\"}").expect(200);
        browser.get("/api/v1/me").expect(200);
        labeler.api().get("/api/v1/me").expect(200);
    }

    @Test
    void signingOutEndsTheSession() {
        User labeler = fx.user("bye", Role.LABELER);
        SessionClient browser = fx.browser().signIn(labeler.username(), Fixtures.PASSWORD);
        browser.post("/api/v1/auth/logout", null).expect(204);
        browser.get("/api/v1/me").expect(401);
        assertThat(sessionsOf(labeler.username())).isZero();
    }

    private int sessionsOf(String username) {
        return fx.jdbc().sql("SELECT count(*) FROM spring_session WHERE principal_name = :u").param("u", username)
                .query(Integer.class).single();
    }
}
