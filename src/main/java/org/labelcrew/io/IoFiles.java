package org.labelcrew.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.labelcrew.media.BlobStore;
import org.labelcrew.shared.BoundedInputStream;
import org.labelcrew.shared.LabelCrewProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Where uploads wait for their import job, rejected-rows reports and exports live: the {@link BlobStore} (a directory
 * inside the data directory by default, an S3-compatible bucket when configured), under {@code io/uploads/},
 * {@code io/reports/} and {@code io/exports/}. So the instance that takes an upload, the one that runs its job and the
 * one that serves an export need no shared disk. A job's work (a copy of the upload from S3, the export being written)
 * is done in temporary files under {@code <data dir>/io-work}, removed when the work ends.
 *
 * <p>A job's {@code file_path} holds the blob key; a job queued before uploads went to the blob store holds an absolute
 * path on the data directory's disk, which is still read (and removed) as such.
 */
@Component
class IoFiles {

    private static final Logger log = LoggerFactory.getLogger(IoFiles.class);

    private final BlobStore blobs;
    private final Path work;

    IoFiles(LabelCrewProperties props, BlobStore blobs) {
        this.blobs = blobs;
        this.work = props.dataDir().toAbsolutePath().normalize().resolve("io-work");
    }

    /** The folder for a job's temporary files. */
    Path work() {
        try {
            return Files.createDirectories(work);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + work, e);
        }
    }

    /** A new temporary file in {@link #work()}, for the caller to fill and remove. */
    Path workFile(String suffix) {
        return work().resolve(UUID.randomUUID() + suffix);
    }

    /** Keeps an upload (the local file is moved or streamed into the store, then gone); its key. */
    String keepUpload(Path local) throws IOException {
        String key = "io/uploads/" + UUID.randomUUID() + ".upload";
        blobs.putMoving(key, local, "application/octet-stream");
        return key;
    }

    /** Keeps an import's rejected-rows report (the local file is then gone); its key. */
    String keepReport(long importId, Path local) throws IOException {
        String key = "io/reports/import-" + importId + ".rejected.csv";
        blobs.putMoving(key, local, "text/csv");
        return key;
    }

    /** Keeps a finished export file (the local file is then gone); its key. */
    String keepExport(long exportId, String extension, Path local, String contentType) throws IOException {
        String key = "io/exports/" + exportId + "." + extension;
        blobs.putMoving(key, local, contentType);
        return key;
    }

    private static boolean legacy(String ref) {
        return ref.startsWith("/") || (ref.length() > 2 && ref.charAt(1) == ':');
    }

    /** Whether a stored file (a key, or a legacy absolute path) still holds bytes. */
    boolean exists(String ref) {
        try {
            return legacy(ref) ? Files.isRegularFile(Path.of(ref)) : blobs.exists(ref);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long size(String ref) throws IOException {
        return legacy(ref) ? Files.size(Path.of(ref)) : blobs.size(ref);
    }

    /** {@code length} bytes from {@code offset} (-1: to the end) of a stored file. */
    InputStream open(String ref, long offset, long length) throws IOException {
        if (legacy(ref)) {
            InputStream in = Files.newInputStream(Path.of(ref));
            in.skipNBytes(offset);
            return length < 0 ? in : new BoundedInputStream(in, length);
        }
        return blobs.open(ref, offset, length);
    }

    /** A stored file as a path on this machine for a job's work; closing it removes what was copied for the work. */
    record Local(Path path, boolean copied) implements Closeable {
        @Override
        public void close() {
            if (copied) deleteQuietly(path);
        }
    }

    /**
     * The stored file where a job reads it: the store's own file when it is on this disk, else a temporary copy
     * streamed from the store (the formats read it once or twice, and a long import must not hold an S3 connection
     * open the whole time).
     */
    Local local(String ref) throws IOException {
        if (legacy(ref)) {
            Path p = Path.of(ref);
            if (!Files.isRegularFile(p)) throw new NoSuchFileException(ref);
            return new Local(p, false);
        }
        Optional<Path> own = blobs.localFile(ref);
        if (own.isPresent()) return new Local(own.get(), false);
        Path copy = workFile(".copy");
        try (InputStream in = blobs.open(ref, 0, -1)) {
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(copy);
            throw e;
        }
        return new Local(copy, true);
    }

    /** Keys looked at per {@link #deleteStrays} call; what is left waits for the next sweep. */
    private static final int LIST_LIMIT = 10_000;

    /**
     * Deletes the stored files of jobs that no job keeps any more (a deleted project's, an overtaken attempt's): the
     * keys under {@code folder} that match {@code key} (group 1: the job id), at most 10,000 a call. {@code keeps} is
     * asked once with every job id found and answers, for each key and its job id, whether it stays. Returns how many
     * files went; 0 when the store cannot list (logged).
     */
    int deleteStrays(String folder, Pattern key, Function<List<Long>, BiPredicate<String, Long>> keeps) {
        Map<String, Long> found = new LinkedHashMap<>();
        try {
            for (String k : blobs.list(folder, LIST_LIMIT)) {
                Matcher m = key.matcher(k);
                if (m.matches()) found.put(k, Long.parseLong(m.group(1)));
            }
        } catch (IOException e) {
            log.warn("Could not list {}", folder, e);
            return 0;
        }
        if (found.isEmpty()) return 0;
        BiPredicate<String, Long> kept = keeps.apply(List.copyOf(found.values()));
        int deleted = 0;
        for (Map.Entry<String, Long> e : found.entrySet()) {
            if (!kept.test(e.getKey(), e.getValue())) {
                delete(e.getKey());
                deleted++;
            }
        }
        return deleted;
    }

    /** Removes a stored file (a key or a legacy path); a missing one is no error, a failure only logged. */
    void delete(String ref) {
        if (ref == null) return;
        try {
            if (legacy(ref)) Files.deleteIfExists(Path.of(ref));
            else blobs.delete(ref);
        } catch (IOException | RuntimeException e) {
            log.warn("Could not delete {}", ref, e);
        }
    }

    static void deleteQuietly(Path file) {
        if (file == null) return;
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete the work file {}", file, e);
        }
    }
}
