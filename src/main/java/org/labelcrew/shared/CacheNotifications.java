package org.labelcrew.shared;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the in-memory caches of every instance in step through PostgreSQL {@code LISTEN/NOTIFY}. A change publishes
 * the key it touched on the cache's channel in the transaction that makes the change ({@link #publish}); PostgreSQL
 * delivers a notification only when that transaction commits (and never when it rolls back), so an instance that drops
 * the key on hearing it reads the new row on its next miss.
 * <p>
 * Each instance listens on one dedicated connection (outside the pool, so that it never takes a connection from
 * requests), on a daemon thread. Notifications published while that connection is down are lost, so after every
 * (re)connect each subscriber drops everything it holds. The caches keep a short expiry as well: it bounds how long
 * an entry could be stale if the listener were cut off without noticing (a silently dead network path is only found by
 * the next liveness check).
 */
@Component
public class CacheNotifications implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CacheNotifications.class);
    private static final Pattern CHANNEL = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    /** How long one wait for notifications lasts: also how long a stop or a new subscription waits at most. */
    private static final int POLL_MS = 250;
    /** Without any traffic, the connection is checked this often (a dead server is noticed by then at the latest). */
    private static final Duration LIVENESS = Duration.ofSeconds(30);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    /** Drops one key, or everything (after notifications may have been missed). */
    private record Subscriber(Consumer<String> dropKey, Runnable dropAll) {
    }

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final Map<String, CopyOnWriteArrayList<Subscriber>> subscribers = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile Thread thread;
    /** Counts (re)connects that are listening; for tests and logs. */
    private volatile long connects;

    CacheNotifications(DataSource dataSource, JdbcClient jdbc) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
    }

    /**
     * Calls {@code dropKey} with each key published on {@code channel} (by any instance, this one included) and
     * {@code dropAll} whenever notifications may have been missed.
     */
    public void subscribe(String channel, Consumer<String> dropKey, Runnable dropAll) {
        requireChannel(channel);
        subscribers.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(new Subscriber(dropKey, dropAll));
    }

    /**
     * Tells every instance to drop {@code key} from the cache behind {@code channel}, once the caller's transaction
     * commits (at once when there is none).
     */
    public void publish(String channel, String key) {
        requireChannel(channel);
        jdbc.sql("SELECT pg_notify(:c, :k)").param("c", channel).param("k", key).query().rowSet();
    }

    /** How many times the listener has connected and started listening (a reconnect adds one). */
    public long connects() {
        return connects;
    }

    private static void requireChannel(String channel) {
        if (!CHANNEL.matcher(channel).matches()) throw new IllegalArgumentException("Not a channel name: " + channel);
    }

    @Override
    public void start() {
        running = true;
        Thread t = new Thread(this::run, "cache-notifications");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        if (t == null) return;
        t.interrupt(); // ends a backoff sleep; a wait for notifications ends within POLL_MS
        try {
            t.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Early to start and late to stop: listening before the web server takes requests, and until it stops. */
    @Override
    public int getPhase() {
        return 0;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        Duration backoff = Duration.ofMillis(100);
        while (running) {
            try (Connection c = open()) {
                listen(c);
                backoff = Duration.ofMillis(100);
            } catch (SQLException | RuntimeException e) {
                if (!running) return;
                log.warn("Cache notifications: connection lost ({}); caches expire on their own until it is back, "
                        + "retrying in {} ms", e.getMessage(), backoff.toMillis());
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException ie) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private void listen(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        Set<String> listening = new HashSet<>();
        listenToNew(c, listening);
        connects++;
        // Whatever was published before this connection listened was not heard: forget all.
        subscribers.values().forEach(list -> list.forEach(s -> s.dropAll().run()));
        long lastTraffic = System.nanoTime();
        while (running) {
            listenToNew(c, listening);
            PGNotification[] received = pg.getNotifications(POLL_MS);
            if (received != null && received.length > 0) {
                lastTraffic = System.nanoTime();
                for (PGNotification n : received) deliver(n.getName(), n.getParameter());
            } else if (System.nanoTime() - lastTraffic > LIVENESS.toNanos()) {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT 1");
                }
                lastTraffic = System.nanoTime();
            }
        }
    }

    /** LISTEN to channels subscribed since the last look (a subscriber may arrive after the start). */
    private void listenToNew(Connection c, Set<String> listening) throws SQLException {
        for (String channel : subscribers.keySet()) {
            if (listening.contains(channel)) continue;
            try (Statement s = c.createStatement()) {
                s.execute("LISTEN \"" + channel + "\""); // the name is checked against CHANNEL
            }
            listening.add(channel);
            if (connects > 0) subscribers.get(channel).forEach(s -> s.dropAll().run());
        }
    }

    private void deliver(String channel, String key) {
        for (Subscriber s : subscribers.getOrDefault(channel, new CopyOnWriteArrayList<>())) {
            try {
                s.dropKey().accept(key);
            } catch (RuntimeException e) {
                log.warn("Cache notifications: could not drop {} on {}; dropping all", key, channel, e);
                s.dropAll().run();
            }
        }
    }

    /** A connection of its own, not one of the pool's: it is held for the life of the instance. */
    private Connection open() throws SQLException {
        Connection c;
        if (dataSource instanceof HikariDataSource hikari) {
            Properties props = new Properties();
            if (hikari.getUsername() != null) props.setProperty("user", hikari.getUsername());
            if (hikari.getPassword() != null) props.setProperty("password", hikari.getPassword());
            props.setProperty("ApplicationName", "labelcrew-cache-notifications");
            props.setProperty("tcpKeepAlive", "true");
            // A liveness check on a silently dead network path fails after this long instead of hanging (the waits
            // for notifications set their own, shorter timeout).
            props.setProperty("socketTimeout", "10");
            c = DriverManager.getConnection(hikari.getJdbcUrl(), props);
        } else {
            c = dataSource.getConnection();
        }
        c.setAutoCommit(true);
        return c;
    }
}
