package org.labelcrew.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Where bytes too large for PostgreSQL live (media, their thumbnails and peaks): a directory inside
 * {@code LABELCREW_DATA_DIR} by default, an S3-compatible bucket when configured ({@code LABELCREW_BLOB_STORE=s3}), so
 * several instances share them without a shared disk. Keys are relative paths of {@code [A-Za-z0-9._/-]}; a key
 * once written is never rewritten with other bytes (media keys are content hashes), so readers may cache.
 */
public interface BlobStore {

    /** Stores a file's bytes under {@code key}; an existing key is replaced. */
    void put(String key, Path file, String contentType) throws IOException;

    /** Stores bytes under {@code key}. */
    void put(String key, byte[] bytes, String contentType) throws IOException;

    /** Whether {@code key} holds bytes. */
    boolean exists(String key) throws IOException;

    /**
     * The bytes from {@code offset}, {@code length} of them ({@code -1}: to the end); the caller closes the stream.
     * A missing key is a {@link java.nio.file.NoSuchFileException}.
     */
    InputStream open(String key, long offset, long length) throws IOException;

    /**
     * Stores a file's bytes under {@code key} and removes the file: a move where the store is on the same disk (the
     * local store), so that an upload of gigabytes is not copied once more; a streamed put elsewhere.
     */
    default void putMoving(String key, Path file, String contentType) throws IOException {
        put(key, file, contentType);
        java.nio.file.Files.deleteIfExists(file);
    }

    /** The size in bytes of what {@code key} holds; a missing key is a {@link java.nio.file.NoSuchFileException}. */
    long size(String key) throws IOException;

    /**
     * The blob as a file on this machine when the store keeps it as one (the local store), for a reader that needs
     * several passes or random access; empty elsewhere (the reader makes its own temporary copy). Read only.
     */
    default java.util.Optional<Path> localFile(String key) {
        return java.util.Optional.empty();
    }

    /** Removes {@code key}; a missing key is no error. */
    void delete(String key) throws IOException;

    /**
     * The keys under {@code keyPrefix} (a folder such as {@code io/reports/}), for sweeps of what nothing refers to any
     * more; at most {@code limit} of them, in no particular order.
     */
    java.util.List<String> list(String keyPrefix, int limit) throws IOException;

    /** For logs and docs: "local /data/blobs", "s3 bucket@endpoint". */
    String describe();

    /** Refuses keys that could leave the store's root ({@code ..}, absolute paths) or carry odd characters. */
    static String checkKey(String key) {
        if (key == null || key.isEmpty() || key.length() > 512 || key.startsWith("/") || !key.matches("[A-Za-z0-9._/-]+")) {
            throw new IllegalArgumentException("Bad blob key: " + key);
        }
        for (String segment : key.split("/")) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) throw new IllegalArgumentException("Bad blob key: " + key);
        }
        return key;
    }
}
