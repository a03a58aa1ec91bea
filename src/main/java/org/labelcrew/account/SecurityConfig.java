package org.labelcrew.account;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import java.util.HashMap;
import java.util.Map;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Browser: session cookie (sessions in PostgreSQL) plus a CSRF token in the {@code XSRF-TOKEN} cookie echoed as
 * {@code X-XSRF-TOKEN}. Scripts: {@code Authorization: Bearer}, exempt from CSRF because no cookie is involved.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    static final String[] PUBLIC_API = {
            "/api/v1/auth/login", "/api/v1/signup", "/api/v1/public/**",
    };

    /**
     * The app is served from this origin only: its scripts and styles are files of the Vite build (style-src allows
     * inline styles because React's style props and Swagger UI set them; no inline script runs anywhere), images and
     * audio come from /api/v1/media (or blob:/data: URLs the app makes), nothing may frame it.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; media-src 'self' blob:; font-src 'self' data:; connect-src 'self'; "
            + "worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    @Bean
    SecurityFilterChain api(HttpSecurity http, TokenService tokens) throws Exception {
        http
                .csrf(csrf -> csrf.spa()
                        .ignoringRequestMatchers(PUBLIC_API)
                        .ignoringRequestMatchers(BearerTokenFilter::hasBearer))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(PUBLIC_API).permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/cohorts", "/api/v1/cohorts/*", "/api/v1/courses",
                                "/api/v1/courses/*").permitAll()
                        .requestMatchers("/actuator/health/**", "/actuator/health").permitAll()
                        // Metrics tell how busy each endpoint is and how the JVM fares: administrators only (a
                        // Prometheus scraper sends an administrator's personal token as Authorization: Bearer).
                        .requestMatchers("/actuator/**").hasRole("ADMIN")
                        .requestMatchers("/v3/api-docs/**", "/api/docs/**", "/swagger-ui/**").permitAll()
                        .requestMatchers("/api/**").authenticated()
                        .anyRequest().permitAll())
                .addFilterBefore(new BearerTokenFilter(tokens), BasicAuthenticationFilter.class)
                .addFilterAfter(new CsrfCookieFilter(), BasicAuthenticationFilter.class)
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint((req, res, e) ->
                                writeProblem(res, 401, "Not signed in", "Sign in, or send a personal API token as Authorization: Bearer"))
                        .accessDeniedHandler((req, res, e) ->
                                writeProblem(res, 403, "Forbidden", "Refused: " + e.getMessage()
                                        + " (for a browser: send the XSRF-TOKEN cookie's value as X-XSRF-TOKEN)")))
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable())
                // A session is created at sign-in and nowhere else (AuthController): no request cache saving the
                // URL of a refused anonymous call, and the CSRF token lives in its cookie, not in a session. Without
                // this every anonymous request left a session row behind for 12 hours.
                .requestCache(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .headers(h -> h
                        .frameOptions(f -> f.deny())
                        .contentSecurityPolicy(c -> c.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    /**
     * No observation around each security filter, authentication and authorization: wrapping a dozen filters per
     * request cost more than the filters themselves. Requests are still timed as a whole ({@code http.server.requests}).
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * New hashes are Argon2id ({@code {argon2}…}): no 72-byte limit (bcrypt refused a 30-syllable Hangul password),
     * memory-hard. 19 MiB, 2 passes, 1 lane is OWASP's minimum recommendation and costs about as much time as bcrypt's
     * strength 10 did. Older {@code {bcrypt}} hashes still match and are re-hashed as Argon2id at the next sign-in.
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        Map<String, PasswordEncoder> encoders = new HashMap<>();
        encoders.put("argon2", new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2));
        encoders.put("bcrypt", new BCryptPasswordEncoder());
        return new DelegatingPasswordEncoder("argon2", encoders);
    }

    /** A URL the firewall refuses (encoded slashes, "..", odd characters) is answered as a problem, not a page. */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (req, res, e) -> writeProblem(res, 400, "Bad request",
                "The request's URL is not accepted (encoded slashes, '..', ';' or control characters)");
    }

    @Bean
    SecurityContextRepository securityContextRepository() {
        return new HttpSessionSecurityContextRepository();
    }

    static Authentication authentication(CurrentUser user) {
        List<SimpleGrantedAuthority> authorities = user.roles().stream()
                .map(r -> new SimpleGrantedAuthority("ROLE_" + r.name())).toList();
        return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
    }

    static void writeProblem(HttpServletResponse res, int status, String title, String detail) throws IOException {
        res.setStatus(status);
        res.setContentType("application/problem+json");
        res.setCharacterEncoding("UTF-8");
        String body = "{\"type\":\"https://labelcrew.org/problems/" + status + "\",\"title\":\"" + escape(title)
                + "\",\"status\":" + status + ",\"detail\":\"" + escape(detail) + "\",\"errors\":[]}";
        res.getWriter().write(body);
    }

    private static String escape(String s) {
        return s == null ? "" : s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** Makes the deferred CSRF token render, so the XSRF-TOKEN cookie reaches the browser on its first call. */
    static final class CsrfCookieFilter extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            // Scripts with a bearer token need no CSRF cookie; minting one per call costs a SecureRandom draw.
            CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
            if (token != null && !BearerTokenFilter.hasBearer(request)) token.getToken();
            chain.doFilter(request, response);
        }
    }
}
