package org.labelcrew.shared;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * PostgreSQL is the one store of record. Without {@code LABELCREW_DB_URL} the application starts a real PostgreSQL
 * server from Maven-shipped binaries in {@code <data dir>/postgres}, so one command runs the whole product; with it,
 * the same jar talks to that server instead.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfig {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfig.class);

    @Bean(destroyMethod = "close")
    DataSource dataSource(LabelCrewProperties props) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("labelcrew");
        hikari.setMaximumPoolSize(Integer.getInteger("labelcrew.pool-size", 20));
        if (props.db().external()) {
            hikari.setJdbcUrl(props.db().url());
            hikari.setUsername(props.db().user());
            hikari.setPassword(props.db().password());
            log.info("Using external PostgreSQL at {}", props.db().url());
            return new HikariDataSource(hikari);
        }
        EmbeddedPostgres pg = startEmbedded(props);
        hikari.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
        hikari.setUsername("postgres");
        return new EmbeddedBackedDataSource(hikari, pg);
    }

    private static EmbeddedPostgres startEmbedded(LabelCrewProperties props) {
        Path dir = props.dataDir().toAbsolutePath().resolve("postgres");
        try {
            Files.createDirectories(dir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("shared_buffers", "256MB")
                    .setServerConfig("synchronous_commit", "off")
                    // A million-row import writes about a gigabyte of WAL: room for it without a forced checkpoint.
                    .setServerConfig("max_wal_size", "4GB")
                    .setServerConfig("checkpoint_completion_target", "0.9")
                    .setServerConfig("wal_buffers", "16MB")
                    .setLocaleConfig("locale", "C.UTF-8")
                    .setLocaleConfig("encoding", "UTF8");
            if (props.embeddedPort() > 0) builder.setPort(props.embeddedPort());
            EmbeddedPostgres pg = builder.start();
            log.info("Embedded PostgreSQL running on port {} with data in {}", pg.getPort(), dir);
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dir, e);
        }
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Closes the embedded server after the pool, so shutdown is clean. */
    static final class EmbeddedBackedDataSource extends HikariDataSource {
        private final EmbeddedPostgres pg;

        EmbeddedBackedDataSource(HikariConfig config, EmbeddedPostgres pg) {
            super(config);
            this.pg = pg;
        }

        @Override
        public void close() {
            super.close();
            try {
                pg.close();
            } catch (IOException e) {
                log.warn("Embedded PostgreSQL did not stop cleanly", e);
            }
        }
    }
}
