package org.labelcrew.account;

import org.jspecify.annotations.Nullable;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Set;
import org.labelcrew.shared.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
class AuthController {

    private final AccountService accounts;
    private final TokenService tokens;
    private final LoginRateLimiter limiter;
    private final SecurityContextRepository contexts;
    private final ClientAddress clientAddress;

    /** The session attribute that keeps the sign-in notice for GET /me while the session lasts. */
    static final String NOTICE = "labelcrew.signInNotice";

    AuthController(AccountService accounts, TokenService tokens, LoginRateLimiter limiter, SecurityContextRepository contexts,
            ClientAddress clientAddress) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.limiter = limiter;
        this.contexts = contexts;
        this.clientAddress = clientAddress;
    }

    record LoginRequest(String username, String password) {
    }

    /**
     * The signed-in account. {@code signInNotice}: failed sign-ins since the previous successful one (code
     * {@code FAILED_SIGN_INS}, {@code count}, {@code lastAt}), given by the sign-in that follows them and by GET /me for
     * the rest of that session; null otherwise.
     */
    record Me(long id, String username, String displayName, Set<Role> roles,
            AccountService.@Nullable SignInNotice signInNotice, boolean passwordChangeRequired) {
    }

    /**
     * {@code passwordChangeRequired}: the password was generated or set by an administrator; the browser asks for a
     * new one before anything else, while the API keeps answering (scripts are not broken).
     */
    private Me me(CurrentUser u, AccountService.SignInNotice notice) {
        return new Me(u.id(), u.username(), u.displayName(), u.roles(), notice, accounts.passwordChangeRequired(u.id()));
    }

    record PasswordChange(String currentPassword, String newPassword) {
    }

    record SignupRequest(String username, String password, String displayName, String email, String phone,
            Boolean privacyConsent) {
    }

    record TokenRequest(String name) {
    }

    @PostMapping("/auth/login")
    Me login(@RequestBody LoginRequest body, HttpServletRequest request, HttpServletResponse response) {
        String address = clientAddress.of(request);
        limiter.beforeSignIn(address, body.username());
        AccountService.SignIn signIn;
        try {
            signIn = accounts.authenticate(body.username(), body.password());
        } catch (ApiException e) {
            if (e.status() == HttpStatus.UNAUTHORIZED) limiter.failed(address, body.username());
            throw e;
        }
        limiter.succeeded(body.username());
        CurrentUser principal = signIn.user();
        // A fresh session id on sign-in (no session fixation).
        HttpSession old = request.getSession(false);
        if (old != null) old.invalidate();
        HttpSession session = request.getSession(true);
        if (signIn.notice() != null) session.setAttribute(NOTICE, signIn.notice());
        SecurityContext ctx = SecurityContextHolder.createEmptyContext();
        ctx.setAuthentication(SecurityConfig.authentication(principal));
        SecurityContextHolder.setContext(ctx);
        contexts.saveContext(ctx, request, response);
        return me(principal, signIn.notice());
    }

    @PostMapping("/auth/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) session.invalidate();
        SecurityContextHolder.clearContext();
    }

    @GetMapping("/me")
    Me me(@AuthenticationPrincipal CurrentUser user, HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Object notice = session == null ? null : session.getAttribute(NOTICE);
        return me(user, notice instanceof AccountService.SignInNotice n ? n : null);
    }

    /**
     * One's own new password: 204; 422 naming {@code currentPassword} or {@code newPassword}. Every other browser
     * session of the person ends; this one stays. Wrong current passwords count as failed sign-ins of the name (a
     * stolen session cannot guess the password faster than the sign-in form).
     */
    @PutMapping("/me/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void changePassword(@AuthenticationPrincipal CurrentUser user, @RequestBody PasswordChange body,
            HttpServletRequest request) {
        String address = clientAddress.of(request);
        limiter.beforeSignIn(address, user.username());
        HttpSession session = request.getSession(false);
        try {
            accounts.changeOwnPassword(user, body.currentPassword(), body.newPassword(), session == null ? null : session.getId());
        } catch (ApiException e) {
            if (e.errors().stream().anyMatch(f -> "currentPassword".equals(f.field()))) limiter.failed(address, user.username());
            throw e;
        }
    }

    @PostMapping("/signup")
    @ResponseStatus(HttpStatus.CREATED)
    Me signup(@RequestBody SignupRequest body, HttpServletRequest request) {
        limiter.signup(clientAddress.of(request));
        Account a = accounts.signup(new AccountService.NewAccount(body.username(), body.password(), body.displayName(),
                body.email(), body.phone(), Set.of(Role.TRAINEE)), Boolean.TRUE.equals(body.privacyConsent()));
        return new Me(a.id(), a.username(), a.displayName(), a.roles(), null, false);
    }

    @PostMapping("/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    TokenService.NewToken createToken(@AuthenticationPrincipal CurrentUser user, @RequestBody TokenRequest body) {
        return tokens.create(user, body.name());
    }

    @GetMapping("/tokens")
    List<TokenService.TokenInfo> listTokens(@AuthenticationPrincipal CurrentUser user) {
        return tokens.list(user);
    }

    @DeleteMapping("/tokens/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revokeToken(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        tokens.revoke(user, id);
    }
}
