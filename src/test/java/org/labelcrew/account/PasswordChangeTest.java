package org.labelcrew.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.Fixtures.User;
import org.labelcrew.support.IntegrationTest;
import org.labelcrew.support.SessionClient;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Issue 13: everyone changes their own password (PUT /me/password); a password someone else chose (an administrator's,
 * the generated first administrator's) must be changed by its owner, which GET /me says while the API keeps answering.
 */
@IntegrationTest
class PasswordChangeTest {

    private static final String NEW = "a-brand-new-passphrase";

    @Autowired
    Fixtures fx;

    @Test
    void anAdminSetPasswordMustBeChangedAndTheChangeEndsTheOtherSessionsOnly() {
        User admin = fx.user("root", Role.ADMIN);
        JsonNode created = admin.api().post("/api/v1/accounts", """
                {"username": "pw-%d", "password": "%s", "displayName": "새 사람", "roles": ["LABELER"]}"""
                .formatted(System.nanoTime() % 1_000_000, Fixtures.PASSWORD)).expect(201).json();
        String username = created.get("username").asString();

        SessionClient phone = fx.browser().signIn(username, Fixtures.PASSWORD);
        SessionClient laptop = fx.browser().signIn(username, Fixtures.PASSWORD);
        assertThat(laptop.get("/api/v1/me").expect(200).json().get("passwordChangeRequired").asBoolean()).isTrue();
        // The API keeps answering while the change is due (scripts are not broken).
        laptop.get("/api/v1/projects").expect(200);

        laptop.put("/api/v1/me/password", "{\"currentPassword\": \"" + Fixtures.PASSWORD + "\", \"newPassword\": \"" + NEW + "\"}")
                .expect(204);

        JsonNode me = laptop.get("/api/v1/me").expect(200).json();
        assertThat(me.get("passwordChangeRequired").asBoolean()).isFalse();
        phone.get("/api/v1/me").expect(401);
        fx.browser().signIn(username, NEW).get("/api/v1/me").expect(200);
        fx.browser().post("/api/v1/auth/login", "{\"username\": \"" + username + "\", \"password\": \"" + Fixtures.PASSWORD + "\"}")
                .expect(401);

        // An administrator's reset makes the change due again; a self-signed-up trainee never has it due.
        admin.api().patch("/api/v1/accounts/" + created.get("id").asLong(), "{\"password\": \"" + Fixtures.PASSWORD + "\"}").expect(200);
        assertThat(fx.browser().signIn(username, Fixtures.PASSWORD).get("/api/v1/me").expect(200).json()
                .get("passwordChangeRequired").asBoolean()).isTrue();
    }

    @Test
    void wrongCurrentOrWeakNewPasswordsAre422sNamingTheField() {
        User labeler = fx.user("weak", Role.LABELER);
        JsonNode wrong = labeler.api().put("/api/v1/me/password",
                "{\"currentPassword\": \"not-my-password\", \"newPassword\": \"" + NEW + "\"}").expect(422).json();
        assertThat(wrong.get("errors").get(0).get("field").asString()).isEqualTo("currentPassword");
        assertThat(wrong.get("errors").get(0).get("code").asString()).isEqualTo("password.notCurrent");
        JsonNode weak = labeler.api().put("/api/v1/me/password",
                "{\"currentPassword\": \"" + Fixtures.PASSWORD + "\", \"newPassword\": \"qwer1234\"}").expect(422).json();
        assertThat(weak.get("errors").get(0).get("field").asString()).isEqualTo("newPassword");
        assertThat(weak.get("errors").get(0).get("code").asString()).isEqualTo("password.common");
        JsonNode same = labeler.api().put("/api/v1/me/password",
                "{\"currentPassword\": \"" + Fixtures.PASSWORD + "\", \"newPassword\": \"" + Fixtures.PASSWORD + "\"}").expect(422).json();
        assertThat(same.get("errors").get(0).get("field").asString()).isEqualTo("newPassword");
        // Nothing changed: the old password still signs in.
        fx.browser().signIn(labeler.username(), Fixtures.PASSWORD).get("/api/v1/me").expect(200);
        // A token caller's own change works too, and leaves its token working.
        labeler.api().put("/api/v1/me/password", "{\"currentPassword\": \"" + Fixtures.PASSWORD + "\", \"newPassword\": \"" + NEW + "\"}")
                .expect(204);
        labeler.api().get("/api/v1/me").expect(200);
    }
}
