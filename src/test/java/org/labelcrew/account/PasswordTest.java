package org.labelcrew.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.Fixtures.User;
import org.labelcrew.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import tools.jackson.databind.JsonNode;

/** Finding 11 of the hardening probe: weak passwords were accepted and a long Hangul password was refused. */
@IntegrationTest
class PasswordTest {

    @Autowired
    Fixtures fx;

    @Test
    void commonPasswordsAreRefusedNamingThePasswordField() {
        for (String weak : new String[] {"password", "12345678", "qwer1234", "1q2w3e4r", "Password2024!", "tkfkdgo123",
                "aaaaaaaa"}) {
            JsonNode problem = fx.anonymous().post("/api/v1/signup", """
                    {"username": "weak-%d", "password": "%s", "displayName": "시민", "privacyConsent": true}"""
                    .formatted(System.nanoTime() % 1_000_000, weak)).expect(422).json();
            assertThat(problem.get("errors").get(0).get("field").asString()).as(weak).isEqualTo("password");
        }
        assertThat(CommonPasswords.size()).isGreaterThan(5000);
        assertThat(CommonPasswords.isCommon(Fixtures.PASSWORD)).isFalse();
    }

    @Test
    void aThirtySyllableHangulPasswordWorks() {
        User admin = fx.user("root", Role.ADMIN);
        String hangul = "하늘과바람과별과시를사랑하는우리는오늘도새로운데이터를만든다";
        assertThat(hangul.length()).isEqualTo(30); // 90 bytes in UTF-8: bcrypt stopped at 72
        String name = "hangul-" + System.nanoTime() % 1_000_000;
        admin.api().post("/api/v1/accounts", """
                {"username": "%s", "password": "%s", "displayName": "한글", "roles": ["LABELER"]}""".formatted(name, hangul))
                .expect(201);
        fx.browser().signIn(name, hangul).get("/api/v1/me").expect(200);
        // Only the whole password opens the account (bcrypt would have ignored everything after byte 72).
        fx.anonymous().post("/api/v1/auth/login", "{\"username\": \"" + name + "\", \"password\": \""
                + hangul.substring(0, 24) + "\"}").expect(401);
    }

    @Test
    void newHashesAreArgon2idAndOldBcryptHashesAreUpgradedAtSignIn() {
        User fresh = fx.user("argon", Role.LABELER);
        assertThat(hash(fresh.id())).startsWith("{argon2}$argon2id$");

        User old = fx.user("bcrypt", Role.LABELER);
        fx.jdbc().sql("UPDATE account SET password_hash = :h WHERE id = :id")
                .param("h", "{bcrypt}" + new BCryptPasswordEncoder().encode(Fixtures.PASSWORD)).param("id", old.id()).update();
        fx.browser().signIn(old.username(), Fixtures.PASSWORD);
        assertThat(hash(old.id())).startsWith("{argon2}$argon2id$");
        fx.browser().signIn(old.username(), Fixtures.PASSWORD);
    }

    private String hash(long id) {
        return fx.jdbc().sql("SELECT password_hash FROM account WHERE id = :id").param("id", id).query(String.class).single();
    }
}
