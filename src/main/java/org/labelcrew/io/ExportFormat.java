package org.labelcrew.io;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One export file format (jsonl; later labelstudio, conll, coco, aihub…): a named strategy that writes approved tasks,
 * one at a time, to a stream. Every bean of this type is offered under its {@link #name()}.
 */
public interface ExportFormat {

    /** The value of the request's {@code format}. */
    String name();

    /**
     * Whether the format only copies {@code data} and results through (never reads inside them): then the runner hands
     * them over as the stored JSON text, unparsed, which is most of an export's work for a million tasks.
     */
    default boolean passesJsonThrough() {
        return false;
    }

    String contentType();

    /** File name extension without the dot, for the download's name. */
    String extension();

    /**
     * A writer over {@code out}, given the project's schema and the job's options (formats that convert results or
     * need to know which field to write use them; others ignore them). Closing the writer finishes the document but
     * leaves {@code out} to the caller.
     */
    Writer open(OutputStream out, Context context) throws IOException;

    /**
     * Refuses, before the job is queued, an export this format cannot make for the project (a CoNLL export of a
     * project without a spans field); throws {@link org.labelcrew.shared.ApiException} naming the field at fault.
     */
    default void check(Context context) {
    }

    /**
     * The project's label schema and the export's options ({@code split}, {@code field}…), as saved with the job;
     * {@code projectId} (0 where unknown, as in {@link #check}) lets a format that copies media check they are the
     * project's own.
     */
    record Context(JsonNode schema, JsonNode options, long projectId) {

        public Context(JsonNode schema, JsonNode options) {
            this(schema, options, 0);
        }

        /** The {@code field} option: which field of the schema to write, when a format writes one. */
        public String field() {
            JsonNode f = options == null ? null : options.get("field");
            return f == null || !f.isString() ? null : f.asString();
        }
    }

    interface Writer extends Closeable {
        void write(Item item) throws IOException;
    }

    /** An approved task with its accepted annotation(s) and, when the export splits, its split. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Item(long id, JsonNode data, List<Annotation> annotations, String split) {
    }

    /**
     * The accepted version of one labeler's work: the reviewer's correction when there is one, else the approved
     * submission. {@code reviewer} is null when sampling approved it without review.
     */
    record Annotation(long id, String labeler, JsonNode result, int version, String reviewer, Instant createdAt) {
    }
}
