package org.labelcrew.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
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

    AuthController(AccountService accounts, TokenService tokens, LoginRateLimiter limiter, SecurityContextRepository contexts) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.limiter = limiter;
        this.contexts = contexts;
    }

    record LoginRequest(String username, String password) {
    }

    record Me(long id, String username, String displayName, Set<Role> roles) {
        static Me of(CurrentUser u) {
            return new Me(u.id(), u.username(), u.displayName(), u.roles());
        }
    }

    record SignupRequest(String username, String password, String displayName, String email, String phone,
            Boolean privacyConsent) {
    }

    record TokenRequest(String name) {
    }

    @PostMapping("/auth/login")
    Me login(@RequestBody LoginRequest body, HttpServletRequest request, HttpServletResponse response) {
        String user = body.username() == null ? "" : body.username().trim().toLowerCase();
        limiter.check("login:user:" + user, "login:ip:" + request.getRemoteAddr());
        CurrentUser principal = accounts.authenticate(body.username(), body.password());
        limiter.reset("login:user:" + user);
        // A fresh session id on sign-in (no session fixation).
        HttpSession old = request.getSession(false);
        if (old != null) old.invalidate();
        request.getSession(true);
        SecurityContext ctx = SecurityContextHolder.createEmptyContext();
        ctx.setAuthentication(SecurityConfig.authentication(principal));
        SecurityContextHolder.setContext(ctx);
        contexts.saveContext(ctx, request, response);
        return Me.of(principal);
    }

    @PostMapping("/auth/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) session.invalidate();
        SecurityContextHolder.clearContext();
    }

    @GetMapping("/me")
    Me me(@AuthenticationPrincipal CurrentUser user) {
        return Me.of(user);
    }

    @PostMapping("/signup")
    @ResponseStatus(HttpStatus.CREATED)
    Me signup(@RequestBody SignupRequest body, HttpServletRequest request) {
        limiter.check("signup:ip:" + request.getRemoteAddr());
        Account a = accounts.signup(new AccountService.NewAccount(body.username(), body.password(), body.displayName(),
                body.email(), body.phone(), Set.of(Role.TRAINEE)), Boolean.TRUE.equals(body.privacyConsent()));
        return new Me(a.id(), a.username(), a.displayName(), a.roles());
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
