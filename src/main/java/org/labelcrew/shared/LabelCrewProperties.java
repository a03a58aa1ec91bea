package org.labelcrew.shared;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Everything an operator sets. Bound from {@code labelcrew.*} properties, which the environment variables in the
 * README map onto (LABELCREW_DATA_DIR → labelcrew.data-dir and so on).
 */
@ConfigurationProperties("labelcrew")
public record LabelCrewProperties(
        Path dataDir,
        Db db,
        Admin admin,
        int embeddedPort) {

    public LabelCrewProperties {
        if (dataDir == null) dataDir = Path.of("data");
        if (db == null) db = new Db(null, null, null, null);
        if (admin == null) admin = new Admin(null, null);
    }

    /**
     * External PostgreSQL; when {@code url} is blank the application runs its own embedded server.
     * {@code synchronousCommit}: the embedded server's {@code synchronous_commit}, "on" unless relaxed ("off" trades
     * the last fraction of a second of acknowledged writes in a crash of PostgreSQL or the machine for speed).
     */
    public record Db(String url, String user, String password, String synchronousCommit) {
        public boolean external() {
            return url != null && !url.isBlank();
        }
    }

    public record Admin(String username, String password) {
        public String usernameOrDefault() {
            return username == null || username.isBlank() ? "admin" : username;
        }
    }

    public Path blobDir() {
        return dataDir.resolve("blobs");
    }
}
