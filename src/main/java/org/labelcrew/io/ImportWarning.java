package org.labelcrew.io;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Something the import stored but the manager should know (issue 12): predictions are hints, so a prediction whose
 * label is not in the schema, or whose spans break the field's overlap rule, does not sink the file; it is counted
 * here per field and code, with the first {@value PredictionCheck#EXAMPLES} examples, for the browser to word
 * ({@code code} is a key of its dictionary) instead of labelers meeting it as a 422.
 */
@Schema(name = "ImportWarning")
public record ImportWarning(
        @Schema(description = "the schema field the predictions are for") String field,
        @Schema(description = "prediction.unknownLabel | prediction.overlap | prediction.unknownRegion") String code,
        @Schema(description = "how many predicted values (labels, spans) had the problem") long count,
        @Schema(description = "the first of them") List<Example> examples) {

    /**
     * One case: the task's {@code line} in the file (the task's position for JSON array formats), the {@code label} at
     * fault, and for spans the span's code-point offsets ({@code with}: the offsets of the span it overlaps); for a
     * relation whose end is no span of the prediction, {@code region} is that end's id.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ImportWarningExample")
    public record Example(long line, @Nullable String label, @Nullable Integer start, @Nullable Integer end,
            @Nullable String with, @Nullable String region) {
    }
}
