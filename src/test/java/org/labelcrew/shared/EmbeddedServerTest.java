package org.labelcrew.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The embedded server as an operator meets it: durable commits by default, a password that nothing local bypasses,
 * an old trusting data directory upgraded in place, and a server orphaned by a killed application stopped so that
 * the first restart works — but never the server of an application that is still running.
 */
class EmbeddedServerTest {

    private static Path newDataDir() throws Exception {
        Files.createDirectories(Path.of("target"));
        return Files.createTempDirectory(Path.of("target").toAbsolutePath(), "embedded-server");
    }

    private static String url(EmbeddedPostgres pg) {
        return "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres";
    }

    private static String show(Connection c, String setting) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void aNewServerIsDurableAndRequiresTheGeneratedPassword() throws Exception {
        Path data = newDataDir();
        EmbeddedServer.Started server = EmbeddedServer.start(data, 0, null);
        try {
            Path passwordFile = data.resolve(EmbeddedServer.PASSWORD_FILE);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");
            assertThat(Files.readString(passwordFile).strip()).isEqualTo(server.password()).hasSizeGreaterThan(20);
            try (Connection c = DriverManager.getConnection(url(server.postgres()), "postgres", server.password())) {
                assertThat(show(c, "synchronous_commit")).isEqualTo("on");
            }
            assertThatThrownBy(() -> DriverManager.getConnection(url(server.postgres()), "postgres", "wrong"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
            assertThatThrownBy(() -> DriverManager.getConnection(url(server.postgres()), "postgres", ""))
                    .isInstanceOf(SQLException.class);
            assertThat(EmbeddedServer.hbaTrusts(data.resolve("postgres"))).isFalse();
        } finally {
            server.postgres().close();
        }
        // The same directory starts again with the kept password; the setting may relax durability.
        EmbeddedServer.Started again = EmbeddedServer.start(data, 0, "off");
        try (Connection c = DriverManager.getConnection(url(again.postgres()), "postgres", server.password())) {
            assertThat(show(c, "synchronous_commit")).isEqualTo("off");
        } finally {
            again.postgres().close();
        }
        assertThatThrownBy(() -> EmbeddedServer.start(data, 0, "sometimes"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LABELCREW_DB_SYNCHRONOUS_COMMIT");
    }

    @Test
    void aTrustingDataDirectoryIsUpgradedInPlace() throws Exception {
        Path data = newDataDir();
        // What earlier versions made: initdb with trust, no password.
        EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(data.resolve("postgres"))
                .setCleanDataDirectory(false).setLocaleConfig("locale", "C.UTF-8").start();
        try (Connection c = old.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kept (v text)");
            s.execute("INSERT INTO kept VALUES ('still here')");
        }
        old.close();
        assertThat(EmbeddedServer.hbaTrusts(data.resolve("postgres"))).isTrue();

        EmbeddedServer.Started server = EmbeddedServer.start(data, 0, null);
        try {
            assertThat(EmbeddedServer.hbaTrusts(data.resolve("postgres"))).isFalse();
            try (Connection c = DriverManager.getConnection(url(server.postgres()), "postgres", server.password());
                 Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT v FROM kept")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("still here");
            }
            assertThatThrownBy(() -> DriverManager.getConnection(url(server.postgres()), "postgres", "wrong"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
        } finally {
            server.postgres().close();
        }
    }

    @Test
    void aServerOrphanedByAKilledApplicationIsStoppedAndTheFirstRestartWorks() throws Exception {
        Path data = newDataDir();
        Process app = startInChild(data);
        long orphanPid;
        try {
            assertThat(Files.exists(data.resolve("postgres/postmaster.pid"))).isTrue();
            orphanPid = Long.parseLong(Files.readAllLines(data.resolve("postgres/postmaster.pid")).get(0).strip());

            // While the application lives, its server is never touched.
            assertThatThrownBy(() -> EmbeddedServer.start(data, 0, null))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("another running LabelCrew");
            assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).contains(true);
        } finally {
            app.destroyForcibly(); // kill -9: no shutdown hook runs, the server stays up
            app.waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).as("the orphan").contains(true);

        EmbeddedServer.Started server;
        try {
            server = EmbeddedServer.start(data, 0, null);
        } finally {
            ProcessHandle.of(orphanPid).ifPresent(ProcessHandle::destroy); // never leave it behind, whatever happened
        }
        try {
            assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            try (Connection c = DriverManager.getConnection(url(server.postgres()), "postgres", server.password())) {
                assertThat(show(c, "synchronous_commit")).isEqualTo("on");
            }
        } finally {
            server.postgres().close();
        }
    }

    @Test
    void aPidFileNamingAnotherLiveProgramIsStaleAndThatProgramIsLeftAlone() throws Exception {
        Path data = newDataDir();
        EmbeddedServer.start(data, 0, null).postgres().close();
        // After a container restart the old postmaster's pid may belong to anything; PostgreSQL itself then refuses
        // to start ("lock file already exists").
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            Path dir = data.resolve("postgres");
            Files.writeString(dir.resolve("postmaster.pid"), other.pid() + "\n" + dir + "\n1700000000\n5432\n");
            EmbeddedServer.Started server = EmbeddedServer.start(data, 0, null);
            try (Connection c = DriverManager.getConnection(url(server.postgres()), "postgres", server.password())) {
                assertThat(show(c, "synchronous_commit")).isEqualTo("on");
            } finally {
                server.postgres().close();
            }
            assertThat(other.isAlive()).as("the other program").isTrue();
        } finally {
            other.destroy();
        }
    }

    /** Starts the embedded server in another JVM, as the application would, and returns once it is up. */
    private static Process startInChild(Path data) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Child.class.getName(), data.toString())
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        StringBuilder seen = new StringBuilder();
        while ((line = out.readLine()) != null) {
            seen.append(line).append('\n');
            if (line.equals("READY")) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
                drain.setDaemon(true);
                drain.start();
                return p;
            }
        }
        throw new AssertionError("the child did not start its server:\n" + seen);
    }

    /** The application's stand-in: starts the server and waits to be killed. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            EmbeddedServer.start(Path.of(args[0]), 0, null);
            System.out.println("READY");
            System.out.flush();
            Thread.sleep(120_000); // then a normal exit: zonky's shutdown hook stops the server
        }
    }
}
