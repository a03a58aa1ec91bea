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
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
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
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/prometheus",
                                "/actuator/info").permitAll()
                        .requestMatchers("/v3/api-docs/**", "/api/docs/**", "/swagger-ui/**").permitAll()
                        .requestMatchers("/api/**", "/actuator/**").authenticated()
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
                .headers(h -> h.frameOptions(f -> f.deny()));
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

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
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
