package org.labelcrew.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.labelcrew.shared.LabelCrewProperties;
import org.springframework.stereotype.Component;

/**
 * Where uploads wait for their import job and where exports are written: {@code <data dir>/imports} and
 * {@code <data dir>/exports}. With several application instances the data directory must be shared storage, since the
 * instance that runs a job is not necessarily the one that took the upload.
 */
@Component
class IoFiles {

    private final Path imports;
    private final Path exports;

    IoFiles(LabelCrewProperties props) {
        Path root = props.dataDir().toAbsolutePath().normalize();
        this.imports = root.resolve("imports");
        this.exports = root.resolve("exports");
    }

    Path imports() {
        return ensure(imports);
    }

    Path exports() {
        return ensure(exports);
    }

    private static Path ensure(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + dir, e);
        }
    }
}
