package org.labelcrew.account;

import org.jspecify.annotations.Nullable;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.labelcrew.shared.ApiException;
import org.labelcrew.shared.ApiException.FieldError;
import org.labelcrew.shared.InputLimits;
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

    static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{" + InputLimits.USERNAME_MIN + "," + InputLimits.USERNAME_MAX + "}");
    /** Simple syntax only (one @, no spaces, a dot in the domain): whether the address exists is for a mail to tell. */
    static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");
    static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()-]{4,}");

    private static final String COLUMNS = "id, username, display_name, email, roles, active, created_at";

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final Clock clock;
    private final TokenService tokens;

    private final Colleagues colleagues;

    AccountService(JdbcClient jdbc, PasswordEncoder passwords, Clock clock, TokenService tokens, Colleagues colleagues) {
        this.colleagues = colleagues;
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

    /** An account an administrator creates: its owner must change the password the administrator chose. */
    @Transactional
    public Account create(NewAccount req) {
        return create(req, true);
    }

    /** {@code passwordChangeRequired}: the password was chosen by someone else (or generated) and must be changed. */
    @Transactional
    public Account create(NewAccount req, boolean passwordChangeRequired) {
        List<FieldError> errors = new ArrayList<>();
        checkUsername(req.username(), errors);
        checkPassword(req.password(), req.username(), errors);
        checkPerson(req, errors);
        if (req.roles() == null || req.roles().isEmpty()) {
            errors.add(FieldError.coded("roles", "roles.empty", "name at least one of " + EnumSet.allOf(Role.class),
                    "allowed", EnumSet.allOf(Role.class).stream().map(Role::name).toList()));
        }
        if (!errors.isEmpty()) throw ApiException.invalid("The account is not valid", errors);
        Account a = insert(req, false);
        if (passwordChangeRequired) {
            jdbc.sql("UPDATE account SET password_change_required = true WHERE id = :id").param("id", a.id()).update();
        }
        return a;
    }

    /** Self sign-up always makes a TRAINEE and records the privacy consent the person gave. */
    @Transactional
    public Account signup(NewAccount req, boolean privacyConsent) {
        List<FieldError> errors = new ArrayList<>();
        checkUsername(req.username(), errors);
        checkPassword(req.password(), req.username(), errors);
        checkPerson(req, errors);
        if (!privacyConsent) {
            errors.add(FieldError.coded("privacyConsent", "account.consentRequired", "must be true: consent is required to sign up"));
        }
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
            throw ApiException.invalid("username: is already taken", List.of(FieldError.coded("username", "account.usernameTaken", "is already taken")));
        }
    }

    public Page<Account> list(String after, Integer limit) {
        int n = Page.limit(limit);
        List<Account> rows = jdbc.sql("SELECT " + COLUMNS + " FROM account WHERE id > :after ORDER BY id LIMIT :n")
                .param("after", Page.after(after)).param("n", n + 1)
                .query(AccountService::map).list();
        return Page.of(rows, n, Account::id);
    }

    /**
     * Who a manager may see, and what (PIPA: no more than the task needs). A manager adds people to projects, so they
     * see the active accounts that can be added — labelers, reviewers and managers — and the members of the projects
     * they manage; never trainees who are no one's member yet, never an e-mail address. Administrators see everyone.
     */
    private String visibleToManager() {
        return "(a.active AND a.roles && ARRAY['LABELER', 'REVIEWER', 'MANAGER'] OR a.id = :viewer OR "
                + colleagues.inProjectManagedBySql("a.id", ":viewer") + ")";
    }

    /** The accounts {@code viewer} may list: everything for administrators, {@link #visibleToManager()} otherwise. */
    public Page<Account> list(String after, Integer limit, CurrentUser viewer) {
        if (viewer.isAdmin()) return list(after, limit);
        int n = Page.limit(limit);
        List<Account> rows = jdbc.sql("SELECT " + prefixed() + " FROM account a WHERE a.id > :after AND "
                        + visibleToManager() + " ORDER BY a.id LIMIT :n")
                .param("after", Page.after(after)).param("n", n + 1).param("viewer", viewer.id())
                .query(AccountService::map).list();
        return Page.of(rows.stream().map(AccountService::withoutContact).toList(), n, Account::id);
    }

    /** One account as {@code viewer} may see it; 404 when it is not theirs to see. */
    public Account get(long id, CurrentUser viewer) {
        if (viewer.isAdmin() || viewer.id() == id) return get(id);
        return jdbc.sql("SELECT " + prefixed() + " FROM account a WHERE a.id = :id AND " + visibleToManager())
                .param("id", id).param("viewer", viewer.id())
                .query(AccountService::map).optional().map(AccountService::withoutContact)
                .orElseThrow(() -> ApiException.notFound("Account", id));
    }

    private static Account withoutContact(Account a) {
        return new Account(a.id(), a.username(), a.displayName(), null, a.roles(), a.active(), a.createdAt());
    }

    private static String prefixed() {
        return "a." + COLUMNS.replace(", ", ", a.");
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
        if (change.password() != null) checkPassword(change.password(), before.username(), errors);
        if (change.roles() != null && change.roles().isEmpty()) {
            errors.add(FieldError.coded("roles", "roles.empty", "must not be empty",
                    "allowed", EnumSet.allOf(Role.class).stream().map(Role::name).toList()));
        }
        if (change.displayName() != null && change.displayName().isBlank()) {
            errors.add(FieldError.coded("displayName", "value.blank", "must not be blank"));
        }
        if (change.displayName() != null) checkLength("displayName", change.displayName(), InputLimits.DISPLAY_NAME_MAX, errors);
        if (actor.id() == id && Boolean.FALSE.equals(change.active())) {
            errors.add(FieldError.coded("active", "account.notYourself", "you cannot deactivate yourself"));
        }
        if (actor.id() == id && change.roles() != null && !change.roles().contains(Role.ADMIN) && before.roles().contains(Role.ADMIN)) {
            errors.add(FieldError.coded("roles", "account.ownAdmin", "you cannot remove your own ADMIN role"));
        }
        if (!errors.isEmpty()) throw ApiException.invalid("The change is not valid", errors);
        jdbc.sql("""
                UPDATE account SET display_name = coalesce(:displayName, display_name),
                                   roles = coalesce(:roles::text[], roles),
                                   active = coalesce(:active, active),
                                   password_hash = coalesce(:hash, password_hash),
                                   password_change_required = CASE WHEN :hash::text IS NULL THEN password_change_required
                                                                   ELSE :resetByOther END
                WHERE id = :id""")
                .param("resetByOther", actor.id() != id)
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
        tokens.forget(id); // this instance at once; the others hear the account's trigger
        return after;
    }

    /** Whether the account's password was chosen by someone else and its owner must change it (GET /me). */
    public boolean passwordChangeRequired(long accountId) {
        return jdbc.sql("SELECT password_change_required FROM account WHERE id = :id").param("id", accountId)
                .query(Boolean.class).optional().orElse(false);
    }

    /**
     * The owner changes their own password: the current one must match (422 on {@code currentPassword}), the new one
     * follows the password rules and differs from it (422 on {@code newPassword}). Every other browser session of the
     * person ends (on every instance); {@code keepSessionId} (the session making the change, or null for a token) stays.
     * API tokens stay: the owner made them and still holds them.
     */
    @Transactional(noRollbackFor = ApiException.class)
    public void changeOwnPassword(CurrentUser user, String currentPassword, String newPassword, @Nullable String keepSessionId) {
        String hash = jdbc.sql("SELECT password_hash FROM account WHERE id = :id").param("id", user.id())
                .query(String.class).single();
        List<FieldError> errors = new ArrayList<>();
        String current = currentPassword == null || currentPassword.length() > InputLimits.PASSWORD_MAX ? "" : currentPassword;
        if (current.isEmpty() || !passwords.matches(current, hash)) {
            errors.add(FieldError.coded("currentPassword", "password.notCurrent", "is not your current password"));
        }
        List<FieldError> rules = new ArrayList<>();
        checkPassword(newPassword, user.username(), rules);
        for (FieldError e : rules) errors.add(e.at("newPassword"));
        if (rules.isEmpty() && newPassword.equals(currentPassword)) {
            errors.add(FieldError.coded("newPassword", "password.same", "must differ from the current password"));
        }
        if (!errors.isEmpty()) throw ApiException.invalid("The password was not changed", errors);
        jdbc.sql("UPDATE account SET password_hash = :hash, password_change_required = false WHERE id = :id")
                .param("hash", passwords.encode(newPassword)).param("id", user.id()).update();
        jdbc.sql("DELETE FROM spring_session WHERE principal_name = :u AND session_id IS DISTINCT FROM :keep")
                .param("u", user.username()).param("keep", keepSessionId).update();
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
        tokens.forget(accountId); // the new role counts for the account's tokens at once
    }

    /** What a successful sign-in gives: the principal, and a notice of failed sign-ins since the last one, if any. */
    public record SignIn(CurrentUser user, SignInNotice notice) {
    }

    /**
     * Shown to the owner after the next successful sign-in: {@code count} failed sign-ins since the last successful
     * one, the latest at {@code lastAt}. A code and its parameters; the browser words it.
     */
    public record SignInNotice(String code, int count, @Nullable Instant lastAt) implements java.io.Serializable {
        public static final String FAILED_SIGN_INS = "FAILED_SIGN_INS";
    }

    /**
     * Checks a password; the same answer (401) whether the name is unknown, the password wrong or the account off, and
     * in the same time: an unknown name is checked against a dummy hash made by the current encoder, and the failure is
     * recorded by the same statement either way (it matches no row for an unknown name). A correct password clears the
     * account's failure count (returned as a notice) and re-hashes a password stored with an older scheme (bcrypt).
     */
    @Transactional(noRollbackFor = ApiException.class) // the 401 keeps the failure it recorded
    public SignIn authenticate(String username, String password) {
        record Row(long id, String username, String displayName, String hash, Set<Role> roles, boolean active,
                int failed, Instant lastFailed) {
        }
        String name = username == null ? "" : username.trim();
        Optional<Row> row = jdbc.sql("""
                SELECT id, username, display_name, password_hash, roles, active, failed_sign_ins, last_failed_sign_in_at
                FROM account WHERE lower(username) = lower(:u)""")
                .param("u", name)
                .query((rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        roles(rs.getArray(5)), rs.getBoolean(6), rs.getInt(7),
                        rs.getTimestamp(8) == null ? null : rs.getTimestamp(8).toInstant()))
                .optional();
        // An over-long password is checked as an empty one: same work, no hashing of megabytes.
        String candidate = password == null || password.length() > InputLimits.PASSWORD_MAX ? "" : password;
        boolean matches = passwords.matches(candidate, row.map(Row::hash).orElseGet(this::dummyHash));
        boolean ok = row.isPresent() && matches && password != null && !candidate.isEmpty() && row.get().active();
        Instant now = clock.instant();
        if (!ok) {
            jdbc.sql("""
                    UPDATE account SET failed_sign_ins = failed_sign_ins + 1, last_failed_sign_in_at = :now
                    WHERE lower(username) = lower(:u)""")
                    .param("now", java.sql.Timestamp.from(now)).param("u", name).update();
            throw new ApiException(HttpStatus.UNAUTHORIZED, "Sign-in failed", "Wrong username or password", null);
        }
        Row r = row.get();
        String upgraded = passwords.upgradeEncoding(r.hash()) ? passwords.encode(password) : null;
        jdbc.sql("""
                UPDATE account SET failed_sign_ins = 0, last_sign_in_at = :now,
                                   password_hash = coalesce(:hash, password_hash)
                WHERE id = :id""")
                .param("now", java.sql.Timestamp.from(now)).param("hash", upgraded).param("id", r.id()).update();
        SignInNotice notice = r.failed() > 0 ? new SignInNotice(SignInNotice.FAILED_SIGN_INS, r.failed(), r.lastFailed()) : null;
        return new SignIn(new CurrentUser(r.id(), r.username(), r.displayName(), r.roles()), notice);
    }

    private volatile String dummyHash;

    /** A hash of a random password, made once by the current encoder, checked when the name is unknown. */
    private String dummyHash() {
        String h = dummyHash;
        if (h == null) {
            h = passwords.encode(java.util.UUID.randomUUID().toString());
            dummyHash = h;
        }
        return h;
    }

    /** Loads the principal for a request authenticated another way (API token); empty if the account is off. */
    public Optional<CurrentUser> principal(long accountId) {
        return find(accountId).filter(Account::active)
                .map(a -> new CurrentUser(a.id(), a.username(), a.displayName(), a.roles()));
    }

    private static void checkUsername(String username, List<FieldError> errors) {
        if (username == null || !USERNAME.matcher(username.trim()).matches()) {
            errors.add(FieldError.coded("username", "account.badUsername", "use " + InputLimits.USERNAME_MIN + " to " + InputLimits.USERNAME_MAX
                    + " letters, digits, '.', '_' or '-'", "min", InputLimits.USERNAME_MIN, "max", InputLimits.USERNAME_MAX));
        }
    }

    /** The rules for a new password (see docs/security.md): length, not a common password, not the user name. */
    static void checkPassword(String password, String username, List<FieldError> errors) {
        if (password == null || password.length() < InputLimits.PASSWORD_MIN) {
            errors.add(FieldError.coded("password", "text.tooShort", "must be at least " + InputLimits.PASSWORD_MIN + " characters",
                    "min", InputLimits.PASSWORD_MIN));
        } else if (password.length() > InputLimits.PASSWORD_MAX) {
            errors.add(FieldError.coded("password", "text.tooLong", "must be at most " + InputLimits.PASSWORD_MAX + " characters",
                    "max", InputLimits.PASSWORD_MAX));
        } else if (CommonPasswords.isCommon(password)) {
            errors.add(FieldError.coded("password", "password.common", "is too common (it is on a list of often-used passwords); choose another"));
        } else if (username != null && password.trim().equalsIgnoreCase(username.trim())) {
            errors.add(FieldError.coded("password", "password.isUsername", "must not be the user name"));
        }
    }

    private static void checkPerson(NewAccount req, List<FieldError> errors) {
        if (req.displayName() == null || req.displayName().isBlank()) {
            errors.add(FieldError.coded("displayName", "field.required", "is required"));
        } else {
            checkLength("displayName", req.displayName(), InputLimits.DISPLAY_NAME_MAX, errors);
        }
        String email = blankToNull(req.email());
        if (email != null) {
            if (email.length() > InputLimits.EMAIL_MAX) {
                errors.add(FieldError.coded("email", "text.tooLong", "must be at most " + InputLimits.EMAIL_MAX + " characters",
                        "max", InputLimits.EMAIL_MAX));
            } else if (!EMAIL.matcher(email).matches()) {
                errors.add(FieldError.coded("email", "account.badEmail", "is not an e-mail address (name@example.com)"));
            }
        }
        String phone = blankToNull(req.phone());
        if (phone != null) {
            if (phone.length() > InputLimits.PHONE_MAX) {
                errors.add(FieldError.coded("phone", "text.tooLong", "must be at most " + InputLimits.PHONE_MAX + " characters",
                        "max", InputLimits.PHONE_MAX));
            } else if (!PHONE.matcher(phone).matches()) {
                errors.add(FieldError.coded("phone", "account.badPhone", "use digits, spaces, '-', '(', ')' and a leading '+'"));
            }
        }
    }

    static void checkLength(String field, String value, int max, List<FieldError> errors) {
        if (value != null && value.trim().codePointCount(0, value.trim().length()) > max) {
            errors.add(FieldError.coded(field, "text.tooLong", "must be at most " + max + " characters", "max", max));
        } else if (InputLimits.hasControlCharacters(value, false)) {
            errors.add(FieldError.coded(field, "text.controlCharacters", "must not contain control characters"));
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
