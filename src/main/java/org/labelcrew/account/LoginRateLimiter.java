package org.labelcrew.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.labelcrew.shared.ApiException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing and sign-up floods: at most {@code limit} attempts per key (user name or client
 * address) in a sliding window. Kept per instance on purpose: it is a brake, not a record.
 */
@Component
public class LoginRateLimiter {

    private final Cache<String, AtomicInteger> attempts;
    private final int limit;
    private final Duration window;

    LoginRateLimiter(@Value("${labelcrew.rate-limit.attempts:20}") int limit,
            @Value("${labelcrew.rate-limit.window:PT1M}") Duration window) {
        this.limit = limit;
        this.window = window;
        this.attempts = Caffeine.newBuilder().expireAfterWrite(window).maximumSize(100_000).build();
    }

    /** Counts one attempt for each key; refuses with 429 once any of them is over the limit. */
    public void check(String... keys) {
        for (String key : keys) {
            if (key == null) continue;
            int n = attempts.get(key, k -> new AtomicInteger()).incrementAndGet();
            if (n > limit) {
                throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "Too many attempts",
                        "More than " + limit + " attempts in " + window.toSeconds() + " s; wait and try again", null);
            }
        }
    }

    public void reset(String key) {
        attempts.invalidate(key);
    }
}
