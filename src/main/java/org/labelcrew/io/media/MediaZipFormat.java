package org.labelcrew.io.media;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.labelcrew.io.ImportFormat;
import org.labelcrew.io.support.Texts;
import org.labelcrew.media.Media;
import org.labelcrew.media.MediaProblem;
import org.labelcrew.media.MediaProperties;
import org.labelcrew.media.MediaStore;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code images-zip} and {@code audio-zip}: a zip of media files, one task per file, optionally with a
 * {@code manifest.jsonl} at its root giving a file's task data ({@code {"file": "a/b.jpg", "site": "서울", …}}).
 *
 * <p>All or nothing, as every import: the zip is read through once, each file unpacked to a temporary file, checked
 * (really an image or audio file, decodes, limits) and hashed; only when every file passed are they stored (blob store
 * and {@code media} rows) and their tasks yielded. An error names the file by its path in the zip. Names that would
 * leave a folder ({@code ../x}, {@code /x}, {@code C:x}) and zip bombs (a file unpacking past the size limit, or to more
 * than {@value #MAX_RATIO} times its packed size) stop the import before anything is stored.
 *
 * <p>The same content twice in one zip is one task; a file whose content an earlier import already brought into the
 * project makes no second task (its medium is shared).
 */
public class MediaZipFormat implements ImportFormat {

    static final String MANIFEST = "manifest.jsonl";
    static final int MAX_RATIO = 100;
    static final long RATIO_FROM = 10L << 20;
    static final long MAX_MANIFEST = 64L << 20;
    static final int MAX_ERRORS = 100;
    static final Set<String> RESERVED = Set.of("image", "audio", "width", "height", "duration", "file");

    private final String name;
    private final Media.Kind kind;
    private final MediaStore media;
    private final MediaProperties limits;
    private final ObjectReader json;
    private final java.util.function.Function<Context, Companion> companions;

    public MediaZipFormat(String name, Media.Kind kind, MediaStore media, MediaProperties limits, ObjectMapper mapper) {
        this(name, kind, media, limits, mapper, null);
    }

    /**
     * A media zip that also carries a file about its media (a COCO annotation file): {@code companions} makes one
     * {@link Companion} per import (given its context: the schema), which reads that file and gives each media file's extra task data.
     */
    public MediaZipFormat(String name, Media.Kind kind, MediaStore media, MediaProperties limits, ObjectMapper mapper,
            java.util.function.Function<Context, Companion> companions) {
        this.name = name;
        this.kind = kind;
        this.media = media;
        this.limits = limits;
        this.json = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.companions = companions;
    }

    /**
     * A non-media file of the zip that says something about the media files (annotations): read during the scan,
     * asked for each file's task data once every file has been checked, so that its errors stop the import before
     * anything is stored. Errors are messages; the zip reader adds the entry's position.
     */
    public interface Companion {
        /** Whether the entry at {@code path} is the companion file (else it is read as media). */
        boolean takes(String path);

        /** Reads the companion file; problems go to {@code errors}. */
        void read(String path, InputStream in, List<LineError> errors) throws IOException;

        /**
         * After the scan: the extra task data of every checked media file ({@code files}: path → its check), by path;
         * problems (a file named that is not in the zip, a shape outside its image) go to {@code errors}.
         */
        Map<String, ObjectNode> data(Map<String, MediaStore.Checked> files, List<LineError> errors);

        /** When the import's reader closes: temporary files the companion made go. */
        default void close() throws IOException {
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean takesSeveralFiles() {
        return true;
    }

    @Override
    public boolean itemsFollowLines() {
        return false;
    }

    @Override
    public Reader open(InputStream in) {
        throw new IllegalStateException(name + " needs its import's project (openFor with a Context)");
    }

    @Override
    public Reader openFor(InputStream in, Context context) {
        return new ZipReader(in, context);
    }

    private record Pending(long index, String path, Path file, MediaStore.Checked checked) {
    }

    private final class ZipReader implements Reader {
        private final Counting raw;
        private final Context context;
        private final Path temp;
        private final List<Entry> errors = new ArrayList<>();
        private final List<Pending> pending = new ArrayList<>();
        private final Map<String, ObjectNode> manifest = new HashMap<>();
        private Iterator<Pending> next;
        private final Set<String> seen = new HashSet<>();
        private int yielded;
        private int already;
        private final Companion companion;
        private long companionIndex;
        private Map<String, ObjectNode> extra = Map.of();

        ZipReader(InputStream in, Context context) {
            this.raw = new Counting(in);
            this.context = context;
            this.companion = companions == null ? null : companions.apply(context);
            try {
                this.temp = Files.createTempDirectory("labelcrew-media-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Entry next() throws IOException {
            if (next == null) {
                scan();
                if (!errors.isEmpty()) {
                    next = java.util.Collections.emptyIterator();
                    return errors.remove(0);
                }
                next = pending.iterator();
            }
            if (!errors.isEmpty()) return errors.remove(0);
            while (next.hasNext()) {
                Pending p = next.next();
                try {
                    if (!seen.add(p.checked().sha256())) continue; // the same bytes twice in this zip: one task
                    Long firstImport = media.importOf(context.projectId(), p.checked().sha256()).orElse(null);
                    if (firstImport != null && firstImport != context.importId()) {
                        already++;
                        continue;
                    }
                    MediaStore.Saved saved = media.save(context.projectId(), context.importId(), p.file(), p.path(), p.checked());
                    Media m = saved.media();
                    ObjectNode data = manifest.getOrDefault(p.path(), json.createObjectNode()).deepCopy();
                    ObjectNode out = json.createObjectNode();
                    out.put(kind.key(), m.id());
                    if (m.width() != null) out.put("width", m.width());
                    if (m.height() != null) out.put("height", m.height());
                    if (m.duration() != null) out.put("duration", m.duration());
                    out.put("file", Texts.clean(p.path()));
                    out.setAll(data);
                    ObjectNode more = extra.get(p.path());
                    if (more != null) out.setAll(more);
                    yielded++;
                    return new Item(p.index(), out, 0, p.checked().sha256());
                } finally {
                    Files.deleteIfExists(p.file());
                }
            }
            if (yielded == 0 && already > 0) {
                yielded = -1;
                return LineError.coded(1, "import.media.allImported", "holds no new files: all " + already
                        + " are in the project already (imported before)", "n", already);
            }
            return null;
        }

        /** Reads the whole zip: every file unpacked, checked and hashed; problems collected with their paths. */
        private void scan() throws IOException {
            long index = 0;
            long unpackedTotal = 0;
            ZipInputStream zip = new ZipInputStream(raw, StandardCharsets.UTF_8);
            try {
                java.util.zip.ZipEntry e;
                while ((e = nextEntry(zip, index)) != null) {
                    index++;
                    if (errors.size() >= MAX_ERRORS) break;
                    String path = e.getName().replace('\\', '/');
                    LineError bad = badName(path);
                    if (bad != null) {
                        errors.add(bad.at(index, path + ": ", "path", path));
                        continue;
                    }
                    if (e.isDirectory() || skipped(path)) continue;
                    if (path.equals(MANIFEST)) {
                        readManifest(zip, index);
                        continue;
                    }
                    if (companion != null && companion.takes(path)) {
                        List<LineError> problems = new ArrayList<>();
                        companion.read(path, zip, problems);
                        companionIndex = index;
                        for (LineError problem : problems) errors.add(problem.at(index, ""));
                        continue;
                    }
                    long max = kind == Media.Kind.IMAGE ? limits.maxImageSize().toBytes() : limits.maxAudioSize().toBytes();
                    Path file = temp.resolve(index + ".bin");
                    long packedAtStart = raw.count;
                    long n = 0;
                    LineError tooBig = null;
                    try (OutputStream out = Files.newOutputStream(file)) {
                        byte[] buf = new byte[1 << 16];
                        int r;
                        while ((r = zip.read(buf)) > 0) {
                            n += r;
                            unpackedTotal += r;
                            if (n > max) {
                                tooBig = LineError.coded(index, "import.zip.tooBig", "unpacks to more than " + mb(max) + ", the most a file may have",
                                        "path", path, "size", mb(max));
                                break;
                            }
                            long packed = Math.max(1, raw.count - packedAtStart);
                            if (n > RATIO_FROM && n / packed > MAX_RATIO) {
                                tooBig = LineError.coded(index, "import.zip.bomb", "unpacks to more than " + MAX_RATIO + " times its packed size (a zip bomb?)",
                                        "path", path, "ratio", MAX_RATIO);
                                break;
                            }
                            out.write(buf, 0, r);
                        }
                    }
                    if (tooBig != null) {
                        Files.deleteIfExists(file);
                        // Reading on would mean unpacking the bomb: the import stops here.
                        errors.add(new LineError(index, path + ": " + tooBig.message() + "; the rest of the zip was not read and nothing was imported",
                                null, tooBig.code(), tooBig.params()));
                        return;
                    }
                    try {
                        pending.add(new Pending(index, path, file, media.check(file, kind)));
                    } catch (MediaProblem problem) {
                        Files.deleteIfExists(file);
                        errors.add(new LineError(index, path + ": " + problem.getMessage(), null,
                                problem.code() != null ? problem.code() : LineError.OTHER,
                                withPath(path, problem.code() != null ? problem.params() : Map.of("detail", problem.getMessage()))));
                    }
                }
            } catch (ZipException broken) {
                errors.add(LineError.coded(Math.max(1, index), "import.zip.unreadable", "is not a readable zip file: " + broken.getMessage(),
                        "detail", broken.getMessage()));
                return;
            }
            if (index == 0) {
                errors.add(LineError.coded(1, kind == Media.Kind.IMAGE ? "import.zip.notZipImages" : "import.zip.notZipAudio",
                        "is not a zip file, or an empty one (" + name + " takes a zip of "
                        + (kind == Media.Kind.IMAGE ? "images" : "audio files") + ")", "format", name));
                return;
            }
            for (String named : manifest.keySet()) {
                if (pending.stream().noneMatch(p -> p.path().equals(named)) && errors.stream().noneMatch(x -> x instanceof LineError le
                        && le.message().startsWith(named + ":"))) {
                    errors.add(LineError.coded(index, "import.manifest.fileMissing", MANIFEST + " names \"" + named
                            + "\", which is not a file in the zip", "path", named));
                }
            }
            if (errors.isEmpty() && pending.isEmpty()) {
                errors.add(kind == Media.Kind.IMAGE ? LineError.coded(1, "import.zip.noImages", "holds no images")
                        : LineError.coded(1, "import.zip.noAudio", "holds no audio files"));
            }
            if (companion != null && errors.isEmpty()) {
                Map<String, MediaStore.Checked> files = new java.util.LinkedHashMap<>();
                for (Pending p : pending) files.put(p.path(), p.checked());
                List<LineError> problems = new ArrayList<>();
                extra = companion.data(files, problems);
                long at = companionIndex > 0 ? companionIndex : 1;
                for (LineError problem : problems.subList(0, Math.min(problems.size(), MAX_ERRORS))) errors.add(problem.at(at, ""));
            }
        }

        private java.util.zip.ZipEntry nextEntry(ZipInputStream zip, long index) throws IOException {
            try {
                return zip.getNextEntry();
            } catch (IllegalArgumentException badName) {
                throw new ZipException("entry " + (index + 1) + " has a name that is not UTF-8");
            }
        }

        private void readManifest(ZipInputStream zip, long index) throws IOException {
            byte[] bytes = zip.readNBytes((int) MAX_MANIFEST + 1);
            if (bytes.length > MAX_MANIFEST) {
                errors.add(LineError.coded(index, "import.manifest.tooBig", MANIFEST + " is larger than " + mb(MAX_MANIFEST), "size", mb(MAX_MANIFEST)));
                return;
            }
            String text = new String(bytes, StandardCharsets.UTF_8);
            String[] lines = text.split("\r?\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                if (line.isEmpty()) continue;
                String at = MANIFEST + " line " + (i + 1) + ": ";
                JsonNode node;
                try {
                    node = Texts.clean(json.readTree(line));
                } catch (RuntimeException bad) {
                    errors.add(LineError.coded(index, "import.manifest.notObject", at + "is not a JSON object", "line", i + 1));
                    continue;
                }
                if (!(node instanceof ObjectNode o) || !o.path("file").isString()) {
                    errors.add(LineError.coded(index, "import.manifest.noFile", at + "must be an object with \"file\": the path of a file in the zip", "line", i + 1));
                    continue;
                }
                String file = o.get("file").asString().replace('\\', '/');
                o.remove("file");
                List<String> reserved = o.propertyNames().stream().filter(RESERVED::contains).toList();
                if (!reserved.isEmpty()) {
                    errors.add(LineError.coded(index, "import.manifest.reserved", at + "sets " + reserved + ", which the import writes itself",
                            "line", i + 1, "keys", String.join(", ", reserved)));
                } else if (manifest.put(file, o) != null) {
                    errors.add(LineError.coded(index, "import.manifest.fileTwice", at + "names \"" + file + "\" a second time", "line", i + 1, "path", file));
                }
            }
        }

        private static Map<String, Object> withPath(String path, Map<String, Object> params) {
            Map<String, Object> out = new java.util.LinkedHashMap<>(params);
            out.put("path", path);
            return out;
        }

        @Override
        public long bytesRead() {
            return raw.count;
        }

        @Override
        public void close() throws IOException {
            if (companion != null) companion.close();
            try (Stream<Path> files = Files.walk(temp)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    /** Why an entry's name is refused: it would leave the zip's folder, or is not a plain relative path. */
    static LineError badName(String path) {
        if (path.startsWith("/") || path.matches("^[A-Za-z]:.*")) {
            return LineError.coded(0, "import.zip.absolutePath", "is an absolute path, which a zip entry must not be; nothing was imported");
        }
        for (String segment : path.split("/")) {
            if (segment.equals("..")) {
                return LineError.coded(0, "import.zip.unsafePath", "leaves the zip's folder (\"..\" in its path); nothing was imported");
            }
        }
        if (path.indexOf('\0') >= 0) return LineError.coded(0, "import.zip.nulInName", "has a NUL character in its name; nothing was imported");
        return null;
    }

    /** Entries a zip tool adds beside the files: macOS resource forks and hidden files. */
    static boolean skipped(String path) {
        if (path.startsWith("__MACOSX/")) return true;
        String last = path.substring(path.lastIndexOf('/') + 1);
        return last.startsWith(".") || last.equals("Thumbs.db");
    }

    static String mb(long bytes) {
        return bytes >= 1 << 20 ? (bytes >> 20) + " MB" : bytes + " bytes";
    }

    /** Counts the packed bytes the zip reader took, for progress and the packing ratio. */
    static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count++;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) count += n;
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            count += s;
            return s;
        }
    }
}
