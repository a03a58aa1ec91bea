package org.labelcrew.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's own load tool, pointed at the benchmark's database: the ceiling the application's figures are shared
 * against (the same statements, with no HTTP, no Java, no JSON). pgbench is not part of the embedded PostgreSQL
 * (zonky's bundles hold initdb, pg_ctl and postgres only); it comes with the distribution's client package
 * ({@code apt-get install postgresql-client}: pgbench 15 and later drive a PostgreSQL 17 server), or name one with
 * {@code --pgbench=/path/to/pgbench}.
 */
final class PgBench {

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");

    record Run(double tps, double latencyMs, long failed, String output) {
    }

    private final String binary;
    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String database;

    /** From the benchmark's JDBC URL, {@code jdbc:postgresql://host:port/db?user=…&password=…}. */
    PgBench(String binary, String jdbcUrl) {
        this.binary = binary;
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        host = uri.getHost();
        port = uri.getPort();
        database = uri.getPath().substring(1);
        String u = "postgres";
        String p = "";
        if (uri.getRawQuery() != null) {
            for (String kv : uri.getRawQuery().split("&")) {
                String[] parts = kv.split("=", 2);
                if (parts[0].equals("user")) u = parts[1];
                if (parts[0].equals("password")) p = parts.length > 1 ? parts[1] : "";
            }
        }
        user = u;
        password = p;
    }

    /** Whether the binary runs at all (else the figures it would give are reported as missing, with the reason). */
    boolean available() {
        try {
            Process p = new ProcessBuilder(binary, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    String version() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(binary, "--version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor();
        return out;
    }

    /**
     * Runs {@code script} with {@code clients} connections (prepared statements, as the application's JDBC driver
     * uses once a statement repeats), for {@code seconds} or {@code transactionsPerClient} each.
     */
    Run run(Path script, int clients, int seconds, int transactionsPerClient, Map<String, String> vars)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(binary, "-n", "-M", "prepared", "-h", host, "-p", Integer.toString(port),
                "-U", user, "-c", Integer.toString(clients), "-j", Integer.toString(Math.min(clients, 4)),
                "-f", script.toString()));
        if (transactionsPerClient > 0) {
            cmd.addAll(List.of("-t", Integer.toString(transactionsPerClient)));
        } else {
            cmd.addAll(List.of("-T", Integer.toString(seconds)));
        }
        vars.forEach((k, v) -> cmd.addAll(List.of("-D", k + "=" + v)));
        cmd.add(database);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", password);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        Matcher tps = TPS.matcher(out);
        if (rc != 0 || !tps.find()) throw new IllegalStateException("pgbench failed (exit " + rc + "):\n" + out);
        Matcher lat = LATENCY.matcher(out);
        Matcher failed = Pattern.compile("number of failed transactions: ([0-9]+)").matcher(out);
        return new Run(Double.parseDouble(tps.group(1)), lat.find() ? Double.parseDouble(lat.group(1)) : Double.NaN,
                failed.find() ? Long.parseLong(failed.group(1)) : 0, out);
    }

    static Path write(Path dir, String name, String script) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(name);
        Files.writeString(file, script, StandardCharsets.UTF_8);
        return file;
    }
}
