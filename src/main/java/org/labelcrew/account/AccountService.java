package org.labelcrew.account;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.labelcrew.shared.ApiException;
import org.labelcrew.shared.ApiException.FieldError;
import org.labelcrew.shared.Page;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Accounts: creation by an administrator, self sign-up as trainee, deactivation, and password checks. */
@Service
public class AccountService {

    static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{3,40}");
    static final int MIN_PASSWORD = 8;

    private static final String COLUMNS = "id, username, display_name, email, roles, active, created_at";

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final Clock clock;
    private final TokenService tokens;

    AccountService(JdbcClient jdbc, PasswordEncoder passwords, Clock clock, TokenService tokens) {
        this.jdbc = jdbc;
        this.tokens = tokens;
        this.passwords = passwords;
        this.clock = clock;
    }

    public record NewAccount(String username, String password, String displayName, String email, String phone,
            Set<Role> roles) {
    }

    public record AccountChange(String displayName, Set<Role> roles, Boolean active, String password) {
    }

    @Transactional
    public Account create(NewAccount req) {
        List<FieldError> errors = new ArrayList<>();
        checkUsername(req.username(), errors);
        checkPassword(req.password(), errors);
        if (req.displayName() == null || req.displayName().isBlank()) {
            errors.add(FieldError.field("displayName", "is required"));
        }
        if (req.roles() == null || req.roles().isEmpty()) {
            errors.add(FieldError.field("roles", "name at least one of " + EnumSet.allOf(Role.class)));
        }
        if (!errors.isEmpty()) throw ApiException.invalid("The account is not valid", errors);
        return insert(req, false);
    }

    /** Self sign-up always makes a TRAINEE and records the privacy consent the person gave. */
    @Transactional
    public Account signup(NewAccount req, boolean privacyConsent) {
        List<FieldError> errors = new ArrayList<>();
        checkUsername(req.username(), errors);
        checkPassword(req.password(), errors);
        if (req.displayName() == null || req.displayName().isBlank()) {
            errors.add(FieldError.field("displayName", "is required"));
        }
        if (!privacyConsent) errors.add(FieldError.field("privacyConsent", "must be true: consent is required to sign up"));
        if (!errors.isEmpty()) throw ApiException.invalid("The sign-up is not valid", errors);
        return insert(new NewAccount(req.username(), req.password(), req.displayName(), req.email(), req.phone(),
                Set.of(Role.TRAINEE)), true);
    }

    private Account insert(NewAccount req, boolean consent) {
        try {
            long id = jdbc.sql("""
                    INSERT INTO account (username, password_hash, display_name, email, phone, roles, privacy_consent_at)
                    VALUES (:username, :hash, :displayName, :email, :phone, :roles::text[], :consentAt)
                    RETURNING id""")
                    .param("username", req.username().trim())
                    .param("hash", passwords.encode(req.password()))
                    .param("displayName", req.displayName().trim())
                    .param("email", blankToNull(req.email()))
                    .param("phone", blankToNull(req.phone()))
                    .param("roles", rolesLiteral(req.roles()))
                    .param("consentAt", consent ? java.sql.Timestamp.from(clock.instant()) : null)
                    .query(Long.class).single();
            return get(id);
        } catch (DuplicateKeyException e) {
            throw ApiException.invalid("username", "is already taken");
        }
    }

    public Page<Account> list(String after, Integer limit) {
        int n = Page.limit(limit);
        List<Account> rows = jdbc.sql("SELECT " + COLUMNS + " FROM account WHERE id > :after ORDER BY id LIMIT :n")
                .param("after", Page.after(after)).param("n", n + 1)
                .query(AccountService::map).list();
        return Page.of(rows, n, Account::id);
    }

    public Optional<Account> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM account WHERE id = :id").param("id", id)
                .query(AccountService::map).optional();
    }

    public Account get(long id) {
        return find(id).orElseThrow(() -> ApiException.notFound("Account", id));
    }

    public Optional<Account> findByUsername(String username) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM account WHERE lower(username) = lower(:u)").param("u", username)
                .query(AccountService::map).optional();
    }

    /**
     * Changes an account. Deactivating it, changing its roles or resetting its password ends all its browser sessions
     * at once, on every instance (sessions live in PostgreSQL under the account's username), so nobody keeps rights
     * they no longer have. A password reset also revokes its API tokens; deactivation and role changes reach tokens
     * at once because every token request reads the account.
     */
    @Transactional
    public Account update(long id, AccountChange change, CurrentUser actor) {
        Account before = get(id);
        List<FieldError> errors = new ArrayList<>();
        if (change.password() != null) checkPassword(change.password(), errors);
        if (change.roles() != null && change.roles().isEmpty()) errors.add(FieldError.field("roles", "must not be empty"));
        if (change.displayName() != null && change.displayName().isBlank()) errors.add(FieldError.field("displayName", "must not be blank"));
        if (actor.id() == id && Boolean.FALSE.equals(change.active())) errors.add(FieldError.field("active", "you cannot deactivate yourself"));
        if (actor.id() == id && change.roles() != null && !change.roles().contains(Role.ADMIN) && before.roles().contains(Role.ADMIN)) {
            errors.add(FieldError.field("roles", "you cannot remove your own ADMIN role"));
        }
        if (!errors.isEmpty()) throw ApiException.invalid("The change is not valid", errors);
        jdbc.sql("""
                UPDATE account SET display_name = coalesce(:displayName, display_name),
                                   roles = coalesce(:roles::text[], roles),
                                   active = coalesce(:active, active),
                                   password_hash = coalesce(:hash, password_hash)
                WHERE id = :id""")
                .param("displayName", change.displayName() == null ? null : change.displayName().trim())
                .param("roles", change.roles() == null ? null : rolesLiteral(change.roles()))
                .param("active", change.active())
                .param("hash", change.password() == null ? null : passwords.encode(change.password()))
                .param("id", id).update();
        Account after = get(id);
        if (!after.active() || !after.roles().equals(before.roles()) || change.password() != null) {
            endSessions(after.username());
        }
        if (change.password() != null) tokens.revokeAll(id);
        return after;
    }

    /** Ends every browser session of an account, on every instance: the next request of each answers 401. */
    void endSessions(String username) {
        jdbc.sql("DELETE FROM spring_session WHERE principal_name = :u").param("u", username).update();
    }

    /**
     * Adds a global role on the system's behalf (an academy placement accepted). Adding a right ends no session;
     * API tokens see it at once, a browser session after the next sign-in.
     */
    @Transactional
    public void grantRole(long accountId, Role role) {
        int n = jdbc.sql("UPDATE account SET roles = CASE WHEN :r = ANY (roles) THEN roles ELSE roles || :r::text END WHERE id = :id")
                .param("r", role.name()).param("id", accountId).update();
        if (n == 0) throw ApiException.notFound("Account", accountId);
    }

    /** Checks a password; the same answer (401) whether the name is unknown, the password wrong or the account off. */
    public CurrentUser authenticate(String username, String password) {
        record Row(long id, String username, String displayName, String hash, Set<Role> roles, boolean active) {
        }
        Optional<Row> row = jdbc.sql("""
                SELECT id, username, display_name, password_hash, roles, active FROM account
                WHERE lower(username) = lower(:u)""")
                .param("u", username == null ? "" : username.trim())
                .query((rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        roles(rs.getArray(5)), rs.getBoolean(6)))
                .optional();
        if (row.isEmpty() || password == null || !passwords.matches(password, row.get().hash()) || !row.get().active()) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "Sign-in failed", "Wrong username or password", null);
        }
        Row r = row.get();
        return new CurrentUser(r.id(), r.username(), r.displayName(), r.roles());
    }

    /** Loads the principal for a request authenticated another way (API token); empty if the account is off. */
    public Optional<CurrentUser> principal(long accountId) {
        return find(accountId).filter(Account::active)
                .map(a -> new CurrentUser(a.id(), a.username(), a.displayName(), a.roles()));
    }

    private static void checkUsername(String username, List<FieldError> errors) {
        if (username == null || !USERNAME.matcher(username.trim()).matches()) {
            errors.add(FieldError.field("username", "use 3 to 40 letters, digits, '.', '_' or '-'"));
        }
    }

    private static void checkPassword(String password, List<FieldError> errors) {
        if (password == null || password.length() < MIN_PASSWORD) {
            errors.add(FieldError.field("password", "must be at least " + MIN_PASSWORD + " characters"));
        } else if (password.length() > 200) {
            errors.add(FieldError.field("password", "must be at most 200 characters"));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static String rolesLiteral(Set<Role> roles) {
        return "{" + String.join(",", roles.stream().map(Enum::name).sorted().toList()) + "}";
    }

    static Set<Role> roles(Array array) throws SQLException {
        EnumSet<Role> set = EnumSet.noneOf(Role.class);
        if (array != null) {
            for (Object o : (Object[]) array.getArray()) set.add(Role.valueOf((String) o));
        }
        return set;
    }

    static Account map(ResultSet rs, int row) throws SQLException {
        return new Account(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                rs.getString("email"), roles(rs.getArray("roles")), rs.getBoolean("active"),
                rs.getTimestamp("created_at").toInstant());
    }
}
