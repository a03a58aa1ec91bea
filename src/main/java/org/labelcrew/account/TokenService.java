package org.labelcrew.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.labelcrew.shared.ApiException;
import org.labelcrew.shared.CacheNotifications;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Personal API tokens. The token is shown once; only its SHA-256 is stored, so a leaked database does not leak
 * working tokens.
 */
@Service
public class TokenService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    /**
     * Token hash → the token's account as it may act now. Every API call of a script or a labeling tool is
     * authenticated by its token; read from the database each time, that was two of the eleven statements of a
     * next-task + submit pair. Kept in memory instead, and dropped on every instance as soon as a change commits that
     * alters what the token may do: a database trigger (R__account_tokens_notify.sql) publishes the account's id on
     * {@link #CHANNEL} whenever the account's state, roles, name or password change or one of its tokens is revoked,
     * whichever code made the change, and {@link CacheNotifications} delivers it to each instance. This instance also
     * drops the entry itself when it revokes ({@link #forget}), not waiting for its own notification. The expiry is a
     * safety net (a listener cut off without noticing) and keeps "last used" to the minute.
     */
    private final Cache<String, Live> live = Caffeine.newBuilder().expireAfterWrite(TOKEN_TTL).maximumSize(100_000).build();
    /**
     * Counts drops: an account read from the database is cached only if no drop happened since before the read, so a
     * reader that raced a change (read the old row, then heard of the change) never caches the old row.
     */
    private final AtomicLong drops = new AtomicLong();

    private record Live(long tokenId, CurrentUser user) {
    }

    static final Duration TOKEN_TTL = Duration.ofMinutes(1);
    static final String CHANNEL = "labelcrew_account_tokens";

    TokenService(JdbcClient jdbc, CacheNotifications notifications) {
        this.jdbc = jdbc;
        notifications.subscribe(CHANNEL, key -> dropAccount(Long.parseLong(key)), this::dropAll);
    }

    private void dropAccount(long accountId) {
        synchronized (live) {
            drops.incrementAndGet();
            live.asMap().values().removeIf(l -> l.user().id() == accountId);
        }
    }

    private void dropAll() {
        synchronized (live) {
            drops.incrementAndGet();
            live.invalidateAll();
        }
    }

    /**
     * Forgets the tokens of an account that changed, now and again when the caller's transaction commits (a request
     * in between must not cache the row as it was); other instances forget them on the trigger's notification.
     */
    void forget(long accountId) {
        dropAccount(accountId);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    dropAccount(accountId);
                }
            });
        }
    }

    public record NewToken(long id, String name, String token, Instant createdAt) {
    }

    public record TokenInfo(long id, String name, Instant createdAt, @Nullable Instant lastUsedAt) {
    }

    public NewToken create(CurrentUser user, String name) {
        if (name == null || name.isBlank() || name.length() > org.labelcrew.shared.InputLimits.TOKEN_NAME_MAX
                || org.labelcrew.shared.InputLimits.hasControlCharacters(name, false)) {
            // One English sentence for scripts; the code says which rule was broken.
            String message = "is required, at most " + org.labelcrew.shared.InputLimits.TOKEN_NAME_MAX
                    + " characters, without control characters";
            if (name == null || name.isBlank()) throw ApiException.invalid(ApiException.FieldError.coded("name", "field.required", message));
            if (name.length() > org.labelcrew.shared.InputLimits.TOKEN_NAME_MAX) {
                throw ApiException.invalid(ApiException.FieldError.coded("name", "text.tooLong", message,
                        "max", org.labelcrew.shared.InputLimits.TOKEN_NAME_MAX));
            }
            throw ApiException.invalid(ApiException.FieldError.coded("name", "text.controlCharacters", message));
        }
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = "lc_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        return jdbc.sql("""
                INSERT INTO api_token (account_id, name, token_hash) VALUES (:a, :n, :h)
                RETURNING id, name, created_at""")
                .param("a", user.id()).param("n", name.trim()).param("h", sha256(token))
                .query((rs, i) -> new NewToken(rs.getLong(1), rs.getString(2), token, rs.getTimestamp(3).toInstant()))
                .single();
    }

    public List<TokenInfo> list(CurrentUser user) {
        return jdbc.sql("""
                SELECT id, name, created_at, last_used_at FROM api_token
                WHERE account_id = :a AND revoked_at IS NULL ORDER BY id""")
                .param("a", user.id())
                .query((rs, i) -> new TokenInfo(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant()))
                .list();
    }

    public void revoke(CurrentUser user, long id) {
        int n = jdbc.sql("UPDATE api_token SET revoked_at = now() WHERE id = :id AND account_id = :a AND revoked_at IS NULL")
                .param("id", id).param("a", user.id()).update();
        if (n == 0) throw ApiException.notFound("Token", id);
        forget(user.id());
    }

    /**
     * The account behind a bearer token, if the token is live and the account active. Answered from memory while
     * nothing changed (see {@link #live}): a revoked token, a reset password or a deactivated account stops a script
     * on every instance as soon as the change commits (TwoInstancesTest).
     */
    Optional<CurrentUser> authenticate(String token) {
        byte[] hash = sha256(token);
        String key = HexFormat.of().formatHex(hash);
        Live cached = live.getIfPresent(key);
        if (cached != null) return Optional.of(cached.user());
        long before = drops.get();
        // "Last used" is kept to the minute (the cache's expiry), so a busy script does not write on every call.
        Optional<Live> found = jdbc.sql("""
                WITH t AS (SELECT id, account_id FROM api_token WHERE token_hash = :h AND revoked_at IS NULL),
                     touched AS (UPDATE api_token a SET last_used_at = now() FROM t
                                 WHERE a.id = t.id AND (a.last_used_at IS NULL OR a.last_used_at < now() - interval '1 minute'))
                SELECT t.id, a.id, a.username, a.display_name, a.roles FROM t JOIN account a ON a.id = t.account_id
                WHERE a.active""")
                .param("h", hash)
                .query((rs, i) -> new Live(rs.getLong(1), new CurrentUser(rs.getLong(2), rs.getString(3), rs.getString(4),
                        AccountService.roles(rs.getArray(5)))))
                .optional();
        if (found.isEmpty()) return Optional.empty();
        synchronized (live) {
            if (drops.get() == before) live.put(key, found.get());
        }
        return Optional.of(found.get().user());
    }

    /** Revokes every live token of an account (its password was reset: whoever had it may have made tokens). */
    void revokeAll(long accountId) {
        jdbc.sql("UPDATE api_token SET revoked_at = now() WHERE account_id = :a AND revoked_at IS NULL")
                .param("a", accountId).update();
        forget(accountId);
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
