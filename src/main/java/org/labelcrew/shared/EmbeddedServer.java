package org.labelcrew.shared;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL's life around zonky's {@link EmbeddedPostgres}: what zonky leaves to us.
 *
 * <ul>
 *   <li>A server left running by a killed application (kill -9 skips every shutdown hook) still holds the data
 *       directory, and a new server cannot start on it. Before starting, such an orphan is recognised (its
 *       {@code postmaster.pid} names a live postgres process of this directory, and no live application holds the
 *       directory's lock) and shut down the way PostgreSQL intends (fast shutdown: open transactions roll back), so
 *       the application comes back on its first restart.</li>
 *   <li>Nothing is trusted: the superuser has a generated password, kept in {@code <data dir>/postgres.password}
 *       readable by its owner only, and every connection (TCP and Unix socket) must prove it with SCRAM-SHA-256.
 *       A data directory created by an earlier version (initdb with trust) is upgraded in place on its first start.</li>
 * </ul>
 */
final class EmbeddedServer {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedServer.class);

    static final String PASSWORD_FILE = "postgres.password";
    /** zonky's lock file in the PostgreSQL directory, held by the running application for the server's lifetime. */
    private static final String ZONKY_LOCK = "epg-lock";
    private static final Set<String> SYNCHRONOUS_COMMIT = Set.of("on", "off", "local", "remote_write", "remote_apply");
    private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(60);

    static final String HBA = """
            # Written by LabelCrew. Every connection authenticates as a user with a password (SCRAM-SHA-256); the
            # superuser's is in the application's data directory, file postgres.password (owner-only).
            # TYPE  DATABASE     USER  ADDRESS       METHOD
            local   all          all                 scram-sha-256
            host    all          all   127.0.0.1/32  scram-sha-256
            host    all          all   ::1/128       scram-sha-256
            local   replication  all                 scram-sha-256
            host    replication  all   127.0.0.1/32  scram-sha-256
            host    replication  all   ::1/128       scram-sha-256
            """;

    private EmbeddedServer() {
    }

    record Started(EmbeddedPostgres postgres, String password) {
    }

    /**
     * Starts the server in {@code <dataDir>/postgres}. {@code synchronousCommit} is PostgreSQL's setting: "on" (the
     * default) makes every acknowledged commit durable against a crash of the server or the machine.
     */
    static Started start(Path dataDir, int port, String synchronousCommit) throws IOException {
        String commit = synchronousCommit == null || synchronousCommit.isBlank() ? "on" : synchronousCommit.trim();
        if (!SYNCHRONOUS_COMMIT.contains(commit)) {
            throw new IllegalArgumentException("labelcrew.db.synchronous-commit (LABELCREW_DB_SYNCHRONOUS_COMMIT) is \""
                    + commit + "\"; use one of " + SYNCHRONOUS_COMMIT.stream().sorted().toList());
        }
        Path dir = dataDir.resolve("postgres");
        Files.createDirectories(dir);
        Path passwordFile = dataDir.resolve(PASSWORD_FILE);
        boolean fresh = !Files.exists(dir.resolve("postgresql.conf"));
        if (!fresh && !Files.exists(passwordFile) && !hbaTrusts(dir)) {
            throw new IllegalStateException("The embedded PostgreSQL in " + dir + " requires a password, but "
                    + passwordFile + " is missing. Restore that file (it holds the superuser's password).");
        }
        String password = password(passwordFile);
        stopOrphan(dir);

        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                // Crash recovery after a kill may replay a lot of WAL: give it time rather than zonky's 10 s.
                .setPGStartupWait(Duration.ofSeconds(120))
                .setConnectConfig("password", password)
                .setServerConfig("max_connections", "200")
                .setServerConfig("shared_buffers", "256MB")
                .setServerConfig("synchronous_commit", commit)
                .setServerConfig("password_encryption", "scram-sha-256")
                // A million-row import writes about a gigabyte of WAL: room for it without a forced checkpoint.
                .setServerConfig("max_wal_size", "4GB")
                .setServerConfig("checkpoint_completion_target", "0.9")
                .setServerConfig("wal_buffers", "16MB")
                .setLocaleConfig("locale", "C.UTF-8")
                .setLocaleConfig("encoding", "UTF8");
        if (fresh) {
            // zonky runs initdb with "-A trust"; these come after it on initdb's command line and win.
            builder.setLocaleConfig("auth", "scram-sha-256").setLocaleConfig("pwfile", passwordFile.toString());
        }
        if (port > 0) builder.setPort(port);
        EmbeddedPostgres pg = builder.start();
        if (fresh) {
            writeHba(dir); // initdb's file is already SCRAM-only; ours says where the password is
        } else if (hbaTrusts(dir)) {
            upgradeTrust(pg, dir, password);
        }
        log.info("Embedded PostgreSQL running on port {} with data in {} (synchronous_commit={}, SCRAM password in {})",
                pg.getPort(), dir, commit, passwordFile);
        return new Started(pg, password);
    }

    /** The superuser's password: read from the file, or generated into a new owner-only file. */
    static String password(Path file) throws IOException {
        if (Files.exists(file)) {
            restrict(file);
            String password = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (password.isEmpty()) throw new IllegalStateException(file + " is empty; it must hold the password");
            return password;
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp); // not a POSIX file system; the directory's own protection applies
        }
        Files.writeString(tmp, password + "\n", StandardCharsets.UTF_8, StandardOpenOption.WRITE);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(tmp);
            return password(file);
        }
        return password;
    }

    private static final Set<PosixFilePermission> OWNER_ONLY =
            Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private static void restrict(Path file) throws IOException {
        try {
            if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
                log.warn("{} was readable by others than its owner; now owner-only (0600)", file);
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
    }

    /** Whether pg_hba.conf lets any connection in without a password (a data directory from before SCRAM). */
    static boolean hbaTrusts(Path dir) throws IOException {
        Path hba = dir.resolve("pg_hba.conf");
        if (!Files.exists(hba)) return false;
        for (String line : Files.readAllLines(hba, StandardCharsets.UTF_8)) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) continue;
            String[] words = l.split("\\s+");
            for (String w : words) {
                if (w.equals("trust") || w.equals("password") || w.equals("ident") || w.equals("peer")) return true;
            }
        }
        return false;
    }

    private static void writeHba(Path dir) throws IOException {
        Path tmp = dir.resolve("pg_hba.conf.tmp");
        Files.writeString(tmp, HBA, StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(tmp, OWNER_ONLY);
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
        Files.move(tmp, dir.resolve("pg_hba.conf"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Sets the superuser's password, then makes the server require it (the running server rereads pg_hba.conf). */
    private static void upgradeTrust(EmbeddedPostgres pg, Path dir, String password) throws IOException {
        log.warn("The embedded PostgreSQL in {} trusted every local connection; setting a password and requiring "
                + "SCRAM-SHA-256 from now on", dir);
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("SET password_encryption = 'scram-sha-256'");
            // A generated base64url word: no quote to escape. Not logged (log_statement is off).
            s.execute("ALTER ROLE postgres PASSWORD '" + password.replace("'", "''") + "'");
            writeHba(dir);
            s.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IOException("Could not set the embedded PostgreSQL's password", e);
        }
    }

    /**
     * Stops a PostgreSQL that a killed application left running on {@code dir}. Only when all of these hold: the
     * pid in {@code postmaster.pid} is alive, it is a postgres whose working directory (or command line) is
     * {@code dir}, and no running application holds the directory's lock — so a second application pointed at the
     * same directory by mistake never stops the first one's server.
     */
    static void stopOrphan(Path dir) throws IOException {
        Path pidFile = dir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) return;
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        long pid;
        try {
            pid = Long.parseLong(lines.isEmpty() ? "" : lines.get(0).strip());
        } catch (NumberFormatException e) {
            return; // being written or damaged; PostgreSQL judges it itself
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) return; // stale: PostgreSQL removes it itself
        if (!isPostgresOf(process.get(), dir)) {
            String command = process.get().info().command().orElse(null);
            if (command != null && !command.contains("postgres")) {
                // The pid was reused (typically a container restarted): nothing of ours runs; the file is stale.
                log.warn("{} names pid {}, which is now {}, not PostgreSQL: removing the stale file", pidFile, pid, command);
                Files.deleteIfExists(pidFile);
            }
            return;
        }
        try (FileChannel channel = FileChannel.open(dir.resolve(ZONKY_LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new IllegalStateException("The embedded PostgreSQL in " + dir + " (pid " + pid
                        + ") belongs to another running LabelCrew application; each instance needs its own "
                        + "LABELCREW_DATA_DIR (or share an external PostgreSQL with LABELCREW_DB_URL)");
            }
            log.warn("An embedded PostgreSQL (pid {}) from an application that was killed still holds {}: stopping it "
                    + "(fast shutdown: its unfinished transactions roll back) before starting a new one", pid, dir);
            stop(process.get());
        } catch (java.nio.channels.OverlappingFileLockException e) {
            throw new IllegalStateException("The embedded PostgreSQL in " + dir + " is already in use by this process", e);
        }
    }

    private static boolean isPostgresOf(ProcessHandle process, Path dir) {
        Optional<String> command = process.info().command();
        if (command.isPresent() && !Path.of(command.get()).getFileName().toString().startsWith("postgres")) return false;
        Path real;
        try {
            real = dir.toRealPath();
        } catch (IOException e) {
            return false;
        }
        // PostgreSQL changes into its data directory at start.
        Path cwd = Path.of("/proc", Long.toString(process.pid()), "cwd");
        try {
            if (Files.exists(cwd)) return cwd.toRealPath().equals(real);
        } catch (IOException | SecurityException e) {
            // not readable: fall back to the command line
        }
        return command.isPresent() && process.info().commandLine()
                .map(line -> line.contains(real.toString()) || line.contains(dir.toString())).orElse(false);
    }

    private static void stop(ProcessHandle process) throws IOException {
        long started = System.nanoTime();
        signal(process, "INT"); // fast shutdown
        if (!awaitExit(process, ORPHAN_STOP_WAIT)) {
            log.warn("PostgreSQL pid {} did not stop within {} s; immediate shutdown (recovery runs at start)",
                    process.pid(), ORPHAN_STOP_WAIT.toSeconds());
            signal(process, "QUIT");
            if (!awaitExit(process, Duration.ofSeconds(10))) {
                throw new IllegalStateException("Could not stop the orphaned PostgreSQL, pid " + process.pid());
            }
        }
        log.info("Stopped the orphaned PostgreSQL (pid {}) in {} ms", process.pid(),
                (System.nanoTime() - started) / 1_000_000);
    }

    private static void signal(ProcessHandle process, String signal) throws IOException {
        try {
            int rc = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            if (rc == 0) return;
        } catch (IOException e) {
            log.debug("kill -{} failed", signal, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        process.destroy(); // SIGTERM: PostgreSQL's smart shutdown; its clients died with the application
    }

    private static boolean awaitExit(ProcessHandle process, Duration wait) throws IOException {
        try {
            process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return !process.isAlive();
        } catch (ExecutionException e) {
            throw new UncheckedIOException(new IOException(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
