package org.labelcrew.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.ObjectMapper;

/**
 * A client that behaves as the browser app does: it signs in with username and password, keeps the session cookie
 * and the {@code XSRF-TOKEN} cookie, and echoes the latter as {@code X-XSRF-TOKEN} on every change. The cookie jar
 * can be pointed at another instance ({@link #against}) to show that a session lives in the database, not in one
 * server's memory.
 */
public final class SessionClient {

    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper mapper;
    private String base;

    public SessionClient(String base, ObjectMapper mapper) {
        this.base = base;
        this.mapper = mapper;
    }

    /** Signs in; fails unless the server answers 200. */
    public SessionClient signIn(String username, String password) {
        send("POST", "/api/v1/auth/login",
                "{\"username\": \"" + username + "\", \"password\": \"" + password + "\"}").expect(200);
        return this;
    }

    /** The same cookies, sent to another server (all instances share the session store). */
    public SessionClient against(String otherBase) {
        this.base = otherBase;
        return this;
    }

    public Api.Response get(String path) {
        return send("GET", path, null);
    }

    public Api.Response post(String path, String json) {
        return send("POST", path, json);
    }

    public Api.Response patch(String path, String json) {
        return send("PATCH", path, json);
    }

    public Api.Response put(String path, String json) {
        return send("PUT", path, json);
    }

    /** The session cookie's value (Spring Session's {@code SESSION}), if the server set one. */
    public Optional<String> sessionCookie() {
        return cookie("SESSION");
    }

    private Optional<String> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue).findFirst();
    }

    private Api.Response send(String method, String path, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json, application/problem+json");
        if (!method.equals("GET")) {
            // The app reads the XSRF-TOKEN cookie from any earlier answer; fetch one first if there is none yet.
            if (cookie("XSRF-TOKEN").isEmpty() && !path.equals("/api/v1/auth/login")) get("/api/v1/me");
            cookie("XSRF-TOKEN").ifPresent(t -> b.header("X-XSRF-TOKEN", t));
        }
        b.header("Content-Type", "application/json").method(method, json == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        try {
            HttpResponse<byte[]> res = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Api.Response(method + " " + path, res.statusCode(), res.body(),
                    res.headers().firstValue("Content-Type").orElse(""), mapper);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
