package org.labelcrew.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.labelcrew.media.internal.MediaProbe;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The media feature's public face: check a file ({@link #check}), then keep it for a project ({@link #save}); find a
 * stored medium. Bytes go to the {@link BlobStore} under their SHA-256 ({@code media/ab/abcd…}, the thumbnail or peaks
 * beside it), so the same content is stored once however often it is imported; the {@code media} row says what it is.
 */
@Service
public class MediaStore {

    private final JdbcClient jdbc;
    private final BlobStore blobs;
    private final MediaProbe probe;

    MediaStore(JdbcClient jdbc, BlobStore blobs, MediaProperties props) {
        this.jdbc = jdbc;
        this.blobs = blobs;
        this.probe = new MediaProbe(props);
    }

    /** A file that passed its checks: what it is, its hash, and its thumbnail (image) or peaks JSON (audio). */
    public record Checked(String sha256, Media.Kind kind, String contentType, long size, @Nullable Integer width,
            @Nullable Integer height, @Nullable Double duration, byte[] derived, String derivedType) {
    }

    /** Decodes the file as {@code kind} within the limits; a {@link MediaProblem} says what is wrong with it. */
    public Checked check(Path file, Media.Kind kind) throws MediaProblem, IOException {
        MediaProbe.Probed p = probe.probe(file, kind);
        return new Checked(sha256(file), p.kind(), p.contentType(), Files.size(file), p.width(), p.height(), p.duration(),
                p.derived(), p.derivedType());
    }

    /** A saved medium, and whether this call created it (false: the project already held the same content). */
    public record Saved(Media media, boolean created) {
    }

    /**
     * Stores a checked file's bytes and derived bytes, then its row (committed at once, outside any caller's
     * transaction). The project's medium with the same content, if there is one, is returned instead.
     */
    public Saved save(long projectId, @Nullable Long importId, Path file, @Nullable String fileName, Checked c) throws IOException {
        Optional<Media> existing = find(projectId, c.sha256());
        if (existing.isPresent()) return new Saved(existing.get(), false);
        String key = "media/" + c.sha256().substring(0, 2) + "/" + c.sha256();
        String derivedKey = key + (c.kind() == Media.Kind.IMAGE ? ".thumb.jpg" : ".peaks.json");
        // Content-addressed: bytes already there (another project's copy, an earlier attempt) are the same bytes.
        if (!blobs.exists(key)) blobs.put(key, file, c.contentType());
        if (!blobs.exists(derivedKey)) blobs.put(derivedKey, c.derived(), c.derivedType());
        Long id = jdbc.sql("""
                INSERT INTO media (project_id, import_id, kind, sha256, content_type, size, width, height, duration,
                                   file_name, blob_key, derived_key, derived_size)
                VALUES (:p, :i, :k, :sha, :ct, :size, :w, :h, :d, :name, :key, :dkey, :dsize)
                ON CONFLICT (project_id, sha256) DO NOTHING RETURNING id""")
                .param("p", projectId).param("i", importId).param("k", c.kind().key()).param("sha", c.sha256())
                .param("ct", c.contentType()).param("size", c.size()).param("w", c.width()).param("h", c.height())
                .param("d", c.duration()).param("name", fileName).param("key", key).param("dkey", derivedKey)
                .param("dsize", (long) c.derived().length).query(Long.class).optional().orElse(null);
        if (id == null) return new Saved(find(projectId, c.sha256()).orElseThrow(), false); // a concurrent import won
        return new Saved(find(id).orElseThrow(), true);
    }

    private static final String SELECT = """
            SELECT id, project_id, kind, sha256, content_type, size, width, height, duration, file_name, blob_key,
                   derived_key, derived_size FROM media""";

    public Optional<Media> find(long id) {
        return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query((rs, i) -> row(rs)).optional();
    }

    public Optional<Media> find(long projectId, String sha256) {
        return jdbc.sql(SELECT + " WHERE project_id = :p AND sha256 = :sha").param("p", projectId).param("sha", sha256)
                .query((rs, i) -> row(rs)).optional();
    }

    /** The import that first stored the project's medium with this content, or empty. */
    public Optional<Long> importOf(long projectId, String sha256) {
        return jdbc.sql("SELECT import_id FROM media WHERE project_id = :p AND sha256 = :sha").param("p", projectId)
                .param("sha", sha256).query((rs, i) -> (Long) rs.getObject(1, Long.class)).optional();
    }

    /** The stored bytes of a medium, {@code length} of them from {@code offset} (-1: to the end). */
    public InputStream open(String key, long offset, long length) throws IOException {
        return blobs.open(key, offset, length);
    }

    private static Media row(ResultSet rs) throws SQLException {
        return new Media(rs.getLong("id"), rs.getLong("project_id"), Media.Kind.valueOf(rs.getString("kind").toUpperCase()),
                rs.getString("sha256"), rs.getString("content_type"), rs.getLong("size"),
                rs.getObject("width", Integer.class), rs.getObject("height", Integer.class),
                rs.getObject("duration", Double.class), rs.getString("file_name"), rs.getString("blob_key"),
                rs.getString("derived_key"), rs.getLong("derived_size"));
    }

    static String sha256(Path path) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(path)) {
            int n;
            while ((n = in.read(buf)) > 0) digest.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
