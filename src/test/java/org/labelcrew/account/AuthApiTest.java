package org.labelcrew.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class AuthApiTest {

    @Autowired
    Fixtures fixtures;

    @Test
    void tokenAuthenticatesAndUnknownCallersGetProblemDetails() {
        var alice = fixtures.user("alice", Role.LABELER);
        assertThat(alice.api().get("/api/v1/me").expect(200).json().get("username").asString())
                .isEqualTo(alice.username());

        var anonymous = fixtures.anonymous().get("/api/v1/me").expect(401);
        assertThat(anonymous.contentType()).contains("application/problem+json");
        assertThat(anonymous.json().get("status").asInt()).isEqualTo(401);
    }
}
