package org.labelcrew.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.labelcrew.shared.ApiException;

/** The brake's rules with a clock the test moves (the integration test runs the same rules through HTTP). */
class LoginRateLimiterTest {

    static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-12-01T09:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    final MovingClock clock = new MovingClock();
    final LoginRateLimiter brake = new LoginRateLimiter(clock, 100, 100, Duration.ofMinutes(15), 5,
            Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofHours(1));

    @Test
    void successesAreNeverCounted() {
        for (int i = 0; i < 1000; i++) {
            brake.beforeSignIn("10.0.0.1", "pupil" + i % 30);
            brake.succeeded("pupil" + i % 30);
        }
    }

    @Test
    void theAddressCeilingCountsFailuresOnlyAndEndsWithItsWindow() {
        for (int i = 0; i < 100; i++) {
            brake.beforeSignIn("10.0.0.2", "name" + i);
            brake.failed("10.0.0.2", "name" + i);
        }
        assertThatThrownBy(() -> brake.beforeSignIn("10.0.0.2", "someone-else"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(429);
                    assertThat(e.retryAfterSeconds()).isEqualTo(15 * 60);
                });
        brake.beforeSignIn("10.0.0.3", "someone-else"); // another address is not affected
        clock.advance(Duration.ofMinutes(15));
        brake.beforeSignIn("10.0.0.2", "someone-else");
    }

    @Test
    void theDelayDoublesAfterFiveFailuresUpToTheCap() {
        assertThat(brake.delay(5)).isZero();
        assertThat(brake.delay(6)).isEqualTo(Duration.ofSeconds(1));
        assertThat(brake.delay(7)).isEqualTo(Duration.ofSeconds(2));
        assertThat(brake.delay(14)).isEqualTo(Duration.ofSeconds(256));
        assertThat(brake.delay(15)).isEqualTo(Duration.ofMinutes(5));
        assertThat(brake.delay(1_000)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void failuresFromManyAddressesDelayTheNameButTheWaitEnds() {
        for (int i = 0; i < 21; i++) {
            clock.advance(Duration.ofMinutes(5)); // each attacker waits out the delay, from its own address
            brake.beforeSignIn("203.0.113." + i, "Owner");
            brake.failed("203.0.113." + i, "Owner");
        }
        assertThatThrownBy(() -> brake.beforeSignIn("198.51.100.7", "owner"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.retryAfterSeconds()).isEqualTo(300));
        clock.advance(Duration.ofMinutes(5));
        brake.beforeSignIn("198.51.100.7", "owner");
        brake.succeeded("owner");
        brake.beforeSignIn("198.51.100.7", "owner");
    }

    @Test
    void anHourWithoutFailuresForgetsTheCount() {
        for (int i = 0; i < 10; i++) brake.failed("10.0.0.4", "forgetful");
        assertThat(brake.waitFor("name:forgetful")).isPositive();
        clock.advance(Duration.ofMinutes(61));
        brake.failed("10.0.0.4", "forgetful");
        assertThat(brake.waitFor("name:forgetful")).isZero();
    }

    @Test
    void signUpsAreCountedPerAddress() {
        for (int i = 0; i < 100; i++) brake.signup("10.0.0.5");
        assertThatThrownBy(() -> brake.signup("10.0.0.5")).isInstanceOf(ApiException.class);
        brake.signup("10.0.0.6");
    }
}
