package org.labelcrew.bench;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.PreparedStatement;
import java.util.UUID;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP and token plumbing the load programs share ({@code Benchmark}, the academy's {@code RegistrationBench}, and
 * the fault test {@code KillAndRestartIT}, which is why it lives with the tests rather than in {@code src/bench}): the
 * administrator's API token through a real sign-in, and API tokens made straight in the database for accounts that
 * the setup (not what is measured) created.
 */
public final class BenchApi {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** With {@link #addToken}: a token named {@code bench}, parameters account id and token hash. */
    public static final String INSERT_TOKEN = "INSERT INTO api_token (account_id, name, token_hash) VALUES (?, 'bench', ?)";

    private BenchApi() {
    }

    /** Signs in as {@code admin} (session cookie and CSRF token) and creates an API token named {@code tokenName}. */
    public static String adminToken(String base, String password, String tokenName) throws Exception {
        HttpClient session = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<String> login = session.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\": \"admin\", \"password\": \"" + password + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (login.statusCode() != 200) throw new IllegalStateException("admin login failed: " + login.body());
        String xsrf = ((CookieManager) session.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("XSRF-TOKEN")).findFirst().orElseThrow().getValue();
        HttpResponse<String> token = session.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/tokens"))
                .header("Content-Type", "application/json").header("X-XSRF-TOKEN", xsrf)
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"" + tokenName + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (token.statusCode() != 201) throw new IllegalStateException("token: " + token.statusCode() + " " + token.body());
        return JSON.readTree(token.body()).get("token").asString();
    }

    /** A new API token for the account, stored through {@code insertToken} (prepared from {@link #INSERT_TOKEN}). */
    public static String addToken(PreparedStatement insertToken, long accountId) throws Exception {
        String token = "lc_bench_" + UUID.randomUUID();
        insertToken.setLong(1, accountId);
        insertToken.setBytes(2, MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        insertToken.executeUpdate();
        return token;
    }
}
