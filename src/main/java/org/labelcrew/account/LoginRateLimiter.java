package org.labelcrew.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.labelcrew.shared.ApiException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The brake on password guessing and sign-up floods. It counts <em>failures</em>, never successful sign-ins, so a
 * classroom of thirty behind one address signs in freely.
 * <ul>
 * <li>Per address: at most {@code addressFailures} failed sign-ins in {@code addressWindow}; beyond that the address
 * gets 429 until the window ends. The ceiling is high on purpose (a school shares one address), it stops one machine
 * trying thousands of passwords.</li>
 * <li>Per user name: a growing delay, never a lockout. The first {@code freeFailures} failures cost nothing (typos);
 * each one after that makes the name wait {@code delayBase} × 2^(n−free−1), at most {@code delayCap}, before the next
 * attempt is even checked (429 with Retry-After). A failure-free {@code forgetAfter} clears the count, and a correct
 * password clears it at once. Unknown names are braked exactly like real ones, so the brake tells nobody whether a name
 * exists. An attacker who keeps failing keeps the name slow (at most one guess per cap), but the owner always gets a
 * turn within {@code delayCap}.</li>
 * <li>Sign-up: at most {@code signupAttempts} per address in {@code addressWindow}.</li>
 * </ul>
 * Kept per instance on purpose: it is a brake, not a record (N instances allow N times the rate). The record is the
 * account's own count of failed sign-ins, which the owner sees at the next successful sign-in.
 */
@Component
public class LoginRateLimiter {

    private record Window(Instant start, int count) {
    }

    private record Failures(int count, Instant last) {
    }

    private final Cache<String, Window> addresses;
    private final Cache<String, Failures> names;
    private final Clock clock;
    private final int addressFailures;
    private final int signupAttempts;
    private final Duration addressWindow;
    private final int freeFailures;
    private final Duration delayBase;
    private final Duration delayCap;
    private final Duration forgetAfter;

    LoginRateLimiter(Clock clock,
            @Value("${labelcrew.rate-limit.address-failures:100}") int addressFailures,
            @Value("${labelcrew.rate-limit.signup-attempts:100}") int signupAttempts,
            @Value("${labelcrew.rate-limit.address-window:PT15M}") Duration addressWindow,
            @Value("${labelcrew.rate-limit.free-failures:5}") int freeFailures,
            @Value("${labelcrew.rate-limit.delay-base:PT1S}") Duration delayBase,
            @Value("${labelcrew.rate-limit.delay-cap:PT5M}") Duration delayCap,
            @Value("${labelcrew.rate-limit.forget-after:PT1H}") Duration forgetAfter) {
        this.clock = clock;
        this.addressFailures = addressFailures;
        this.signupAttempts = signupAttempts;
        this.addressWindow = addressWindow;
        this.freeFailures = freeFailures;
        this.delayBase = delayBase;
        this.delayCap = delayCap;
        this.forgetAfter = forgetAfter;
        Duration keep = addressWindow.compareTo(forgetAfter) > 0 ? addressWindow : forgetAfter;
        this.addresses = Caffeine.newBuilder().expireAfterWrite(addressWindow).maximumSize(100_000).build();
        this.names = Caffeine.newBuilder().expireAfterWrite(keep).maximumSize(100_000).build();
    }

    /** Before checking a password: 429 if the address is over its ceiling or the name must still wait. */
    public void beforeSignIn(String address, String username) {
        Window w = current(addresses.getIfPresent("login:" + address));
        if (w != null && w.count() >= addressFailures) {
            throw ApiException.tooManyRequests("Too many failed sign-ins from this address; try again later",
                    Duration.between(clock.instant(), w.start().plus(addressWindow)));
        }
        Duration wait = waitFor(key(username));
        if (!wait.isZero()) {
            throw ApiException.tooManyRequests("Too many failed sign-ins for this name; wait before trying again", wait);
        }
    }

    /** After a wrong password (or unknown name, or inactive account): counts against the address and the name. */
    public void failed(String address, String username) {
        Instant now = clock.instant();
        addresses.asMap().compute("login:" + address, (k, w) -> {
            Window c = current(w);
            return c == null ? new Window(now, 1) : new Window(c.start(), c.count() + 1);
        });
        names.asMap().compute(key(username), (k, f) -> {
            int before = f == null || f.last().plus(forgetAfter).isBefore(now) ? 0 : f.count();
            return new Failures(before + 1, now);
        });
    }

    /** After a correct password: the name starts afresh. The address keeps its count (it is about that address). */
    public void succeeded(String username) {
        names.invalidate(key(username));
    }

    /** Counts one sign-up attempt (successful or not) for the address; 429 over the ceiling. */
    public void signup(String address) {
        Instant now = clock.instant();
        Window w = addresses.asMap().compute("signup:" + address, (k, old) -> {
            Window c = current(old);
            return c == null ? new Window(now, 1) : new Window(c.start(), c.count() + 1);
        });
        if (w.count() > signupAttempts) {
            throw ApiException.tooManyRequests("Too many sign-ups from this address; try again later",
                    Duration.between(now, w.start().plus(addressWindow)));
        }
    }

    /** How long the name must still wait before its next attempt is checked (zero: go ahead). */
    Duration waitFor(String key) {
        Failures f = names.getIfPresent(key);
        if (f == null) return Duration.ZERO;
        Instant now = clock.instant();
        if (f.last().plus(forgetAfter).isBefore(now)) return Duration.ZERO;
        Duration delay = delay(f.count());
        Duration left = Duration.between(now, f.last().plus(delay));
        return left.isNegative() || left.isZero() ? Duration.ZERO : left;
    }

    /** The wait after the n-th consecutive failure: none for the first few, then doubling up to the cap. */
    Duration delay(int failures) {
        if (failures <= freeFailures) return Duration.ZERO;
        int doublings = Math.min(failures - freeFailures - 1, 30);
        Duration d = delayBase.multipliedBy(1L << doublings);
        return d.compareTo(delayCap) > 0 ? delayCap : d;
    }

    private Window current(Window w) {
        return w == null || !w.start().plus(addressWindow).isAfter(clock.instant()) ? null : w;
    }

    private static String key(String username) {
        return "name:" + (username == null ? "" : username.trim().toLowerCase(java.util.Locale.ROOT));
    }
}
