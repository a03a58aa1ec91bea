package org.labelcrew.shared;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * the same jar talks to that server instead. The embedded server's start (an orphan left by a killed application, the
 * password, durability) is {@link EmbeddedServer}'s.
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
        EmbeddedServer.Started server = startEmbedded(props);
        hikari.setJdbcUrl(server.postgres().getJdbcUrl("postgres", "postgres"));
        hikari.setUsername("postgres");
        hikari.setPassword(server.password());
        return new EmbeddedBackedDataSource(hikari, server.postgres());
    }

    private static EmbeddedServer.Started startEmbedded(LabelCrewProperties props) {
        Path dataDir = props.dataDir().toAbsolutePath();
        try {
            return EmbeddedServer.start(dataDir, props.embeddedPort(), props.db().synchronousCommit());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir.resolve("postgres"), e);
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
