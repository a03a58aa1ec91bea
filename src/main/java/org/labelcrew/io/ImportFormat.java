package org.labelcrew.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One import file format (jsonl, csv, txt, later labelstudio, aihub-summary…): a named strategy that turns the raw
 * upload into a stream of task items or line errors. Every bean of this type is offered under its {@link #name()}.
 * Readers must stream: the import runner never holds the file, and neither may a format.
 */
public interface ImportFormat {

    /** The value of the upload's {@code format} field. */
    String name();

    /** Lines before the first item (a CSV header), so the progress estimate counts items, not lines. */
    default int headerLines() {
        return 0;
    }

    /**
     * Whether the progress estimate may count the file's lines (one item per line). JSON-document formats (a task
     * array, AI-Hub documents) say no: their items do not follow lines, so the job's {@code total} stays open until
     * the end and the browser follows {@code bytesRead} instead.
     */
    default boolean itemsFollowLines() {
        return true;
    }

    /**
     * Whether the format reads a zip of files, so that an upload of several files ({@code files} parts) is packed into
     * one zip, an entry per file, before the job starts (media imports).
     */
    default boolean takesSeveralFiles() {
        return false;
    }

    /**
     * Whether an upload is bytes, not text, so that no encoding question is asked: the media formats' zips always; a
     * format that takes either a text file or a zip (labelstudio: JSON, or a zip of the JSON and its media) when
     * {@code zip} (the upload starts as a zip, or several files were packed into one).
     */
    default boolean binary(boolean zip) {
        return takesSeveralFiles();
    }

    /** A reader over the upload's bytes; the caller closes it. */
    Reader open(InputStream in);

    /**
     * A reader that may use the project's label schema ({@code {"fields": […]}}), for formats that carry annotations
     * and convert them to the project's result shape. Formats that do not care keep the default.
     */
    default Reader open(InputStream in, JsonNode schema) {
        return open(in);
    }

    /**
     * The import a reader works for: formats that store more than tasks (media files, which go to the blob store and
     * the project's media before their tasks are made) need the project and the job.
     */
    record Context(long projectId, long importId, JsonNode schema, ImportOptions options) {
    }

    /** A reader that knows its import ({@link Context}); formats that do not care keep the default (with options). */
    default Reader openFor(InputStream in, Context context) {
        return open(in, context.schema(), context.options());
    }

    /**
     * A reader that also sees the import's {@link ImportOptions} (the multipart field {@code options}): column mapping
     * for CSV/TSV, the spans field for CoNLL. Formats without options keep the default.
     */
    default Reader open(InputStream in, JsonNode schema, ImportOptions options) {
        return open(in, schema);
    }

    /** The option keys this format reads besides the runner's own ({@code encoding}, {@code onError}). */
    default java.util.Set<String> optionKeys() {
        return java.util.Set.of();
    }

    interface Reader extends Closeable {
        /** The next item or line error; null at the end of the input. */
        Entry next() throws IOException;

        /** Bytes consumed so far, for the progress of large uploads. */
        long bytesRead();
    }

    /** What a reader yields for one item of the file. */
    sealed interface Entry permits Item, LineError {
        long line();
    }

    /**
     * A task to create. {@code data} is NFC-normalised already; {@code gold}, when set, makes it a gold item with
     * that reference result; {@code sourceHash} is the hex SHA-256 of the item's
     * original bytes, so a re-import can be recognised even after normalisation changed the text.
     */
    record Item(long line, ObjectNode data, int priority, String sourceHash, byte[] json, JsonNode gold) implements Entry {

        public Item(long line, ObjectNode data, int priority, String sourceHash) {
            this(line, data, priority, sourceHash, null, null);
        }

        /** A gold item (control task): {@code gold} is its reference result, checked against the schema on import. */
        public static Item gold(long line, ObjectNode data, int priority, String sourceHash, JsonNode gold) {
            return new Item(line, data, priority, sourceHash, null, gold);
        }

        /**
         * An item whose data is already compact-enough JSON text that PostgreSQL can store as it is (valid, NFC, no
         * escapes, no control characters): the import copies these bytes instead of building and re-writing a tree.
         */
        public static Item verbatim(long line, byte[] json, String sourceHash) {
            return new Item(line, null, 0, sourceHash, json, null);
        }
    }

    /**
     * Why one line (or the record starting on it) cannot become a task; {@code field} names the column or key at
     * fault when there is one (the rejected-rows report's field column), else null. {@code code} and {@code params}
     * are the same problem for the browser to word in the reader's language (message {@code code.<code>}, a
     * {@code lowerCamel.dotted} code and a JSON object of parameters); {@code message} stays the English sentence
     * (the API's fallback and the rejected-rows report's reason).
     */
    record LineError(long line, String message, String field, String code, java.util.Map<String, Object> params)
            implements Entry {

        /** A problem the reader knows no code for (a message from a library): said as {@value #OTHER} {detail}. */
        public LineError(long line, String message) {
            this(line, message, null, OTHER, ImportFormat.params("detail", message));
        }

        /** A coded problem; {@code kv} are the parameters as name, value pairs. */
        public static LineError coded(long line, String code, String message, Object... kv) {
            return new LineError(line, message, null, code, ImportFormat.params(kv));
        }

        /** The same problem blamed on a column or key. */
        public LineError withField(String field) {
            return new LineError(line, message, field, code, params);
        }

        /** The same problem reported on another line, its message prefixed (an entry of a zip, a task's number). */
        public LineError at(long line, String prefix, Object... kv) {
            java.util.Map<String, Object> p = new java.util.LinkedHashMap<>(params);
            p.putAll(ImportFormat.params(kv));
            return new LineError(line, prefix + message, field, code, p);
        }

        /** The code of a problem whose text came from elsewhere (a library's message): its params hold {@code detail}. */
        public static final String OTHER = "import.line.other";
    }

    /** Parameters as an ordered map from name, value pairs (a null value is kept: the browser says "—"). */
    static java.util.Map<String, Object> params(Object... kv) {
        if (kv.length % 2 != 0) throw new IllegalArgumentException("params come as name, value pairs");
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) out.put((String) kv[i], kv[i + 1]);
        return java.util.Collections.unmodifiableMap(out);
    }
}
