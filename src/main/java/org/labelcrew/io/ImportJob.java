package org.labelcrew.io;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An import as the browser follows it. {@code total} is the item count: an estimate from the line count while the job
 * runs, exact when it ends; {@code bytesRead} of {@code fileSize} is the finer progress for one huge file.
 * All or nothing: a FAILED import has {@code imported = 0}, {@code rejected} bad lines and up to
 * {@value ImportRunner#MAX_ERRORS} of them in {@code errors}. With option {@code onError: "skip"} a DONE import may
 * have {@code rejected > 0}: its good rows are stored, the bad ones are in {@code errors} and, all of them, in the
 * rejected-rows report.
 */
public record ImportJob(long id, long projectId, String format, @Nullable String fileName, long fileSize,
        @Schema(implementation = JobStatus.class) String status, long total, long imported, long rejected, long bytesRead,
        List<LineErrorView> errors, Instant createdAt, @Nullable Instant finishedAt,
        @Schema(description = "the import's options as uploaded (only the keys given)") ImportOptions options,
        @Schema(description = "imported items whose text NFC normalisation changed") long normalized,
        @Schema(description = "whether GET /imports/{id}/rejected has the rejected-rows report (CSV: line, field, reason)")
        boolean hasReport,
        @Schema(description = "predictions stored that do not fit the schema (unknown labels, overlapping spans), per "
                + "field and code, with the first examples; the import succeeds all the same")
        List<ImportWarning> warnings) {

    /**
     * One bad line. The message continues the line number ("is not valid JSON: …"), as the browser shows
     * "Line 3 is not valid JSON: …"; {@code line} is null for a failure that is no line's fault. {@code code} and
     * {@code params} are the same problem for the browser to word (message {@code code.<code>}); imports stored
     * before codes have only the message, which stays the English fallback.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LineErrorView(@Nullable Long line, String message,
            @Schema(description = "what went wrong, for the browser to word (import.json.incomplete …); absent on imports "
                    + "from before codes") @Nullable String code,
            @Schema(description = "the code's parameters") @Nullable Map<String, Object> params) {

        public LineErrorView(@Nullable Long line, String message) {
            this(line, message, null, null);
        }

        static LineErrorView of(ImportFormat.LineError error) {
            return new LineErrorView(error.line(), error.message(), error.code(), error.params());
        }

        static LineErrorView coded(@Nullable Long line, String code, String message, Object... kv) {
            return new LineErrorView(line, message, code, ImportFormat.params(kv));
        }
    }
}
