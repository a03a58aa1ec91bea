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
import org.jspecify.annotations.Nullable;
import org.labelcrew.shared.ApiException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Personal API tokens. The token is shown once; only its SHA-256 is stored, so a leaked database does not leak
 * working tokens.
 */
@Service
public class TokenService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    /**
     * Token hash → token id, for a few seconds: a script's every request would otherwise cost a write. It needs no
     * notice from other instances (unlike project settings): a hash always means the same id, and revocation and the
     * account's state are read on every request ({@link #authenticate}).
     */
    private final Cache<String, Long> live = Caffeine.newBuilder().expireAfterWrite(TOKEN_TTL).maximumSize(100_000).build();

    static final Duration TOKEN_TTL = Duration.ofSeconds(10);

    TokenService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record NewToken(long id, String name, String token, Instant createdAt) {
    }

    public record TokenInfo(long id, String name, Instant createdAt, @Nullable Instant lastUsedAt) {
    }

    public NewToken create(CurrentUser user, String name) {
        if (name == null || name.isBlank() || name.length() > org.labelcrew.shared.InputLimits.TOKEN_NAME_MAX
                || org.labelcrew.shared.InputLimits.hasControlCharacters(name, false)) {
            throw ApiException.invalid("name", "is required, at most " + org.labelcrew.shared.InputLimits.TOKEN_NAME_MAX
                    + " characters, without control characters");
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
    }

    /**
     * The account behind a bearer token, if the token is live and the account active. The cache only spares the
     * hash lookup and the "last used" write: the token's revocation and the account's state are read on every request,
     * so a revoked token, a reset password or a deactivated account stops a script at once on every instance.
     */
    Optional<CurrentUser> authenticate(String token) {
        byte[] hash = sha256(token);
        String key = HexFormat.of().formatHex(hash);
        Long tokenId = live.getIfPresent(key);
        if (tokenId == null) {
            // "Last used" is kept to the minute, so a busy script does not write on every call.
            Optional<Long> found = jdbc.sql("""
                    WITH t AS (SELECT id FROM api_token WHERE token_hash = :h AND revoked_at IS NULL),
                         touched AS (UPDATE api_token a SET last_used_at = now() FROM t
                                     WHERE a.id = t.id AND (a.last_used_at IS NULL OR a.last_used_at < now() - interval '1 minute'))
                    SELECT id FROM t""")
                    .param("h", hash).query(Long.class).optional();
            if (found.isEmpty()) return Optional.empty();
            tokenId = found.get();
            live.put(key, tokenId);
        }
        return jdbc.sql("""
                SELECT a.id, a.username, a.display_name, a.roles FROM api_token t JOIN account a ON a.id = t.account_id
                WHERE t.id = :t AND t.revoked_at IS NULL AND a.active""")
                .param("t", tokenId)
                .query((rs, i) -> new CurrentUser(rs.getLong(1), rs.getString(2), rs.getString(3),
                        AccountService.roles(rs.getArray(4))))
                .optional();
    }

    /** Revokes every live token of an account (its password was reset: whoever had it may have made tokens). */
    void revokeAll(long accountId) {
        jdbc.sql("UPDATE api_token SET revoked_at = now() WHERE account_id = :a AND revoked_at IS NULL")
                .param("a", accountId).update();
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
