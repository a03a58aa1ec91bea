package org.labelcrew.io.segments;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;
import org.labelcrew.io.IoProblems;
import org.labelcrew.io.ExportFormat;
import org.labelcrew.schema.Field;
import org.labelcrew.schema.LabelSchema;
import org.labelcrew.shared.ApiException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Speech segments and transcripts as JSON Lines, one line per approved audio task:
 * {@code {"id", "audio", "file", "duration", "segments": [{"start", "end", "label", "transcript"}], "split"?}} — the
 * shape a speech-recognition training script reads without knowing LabelCrew's result format.
 */
@Component
class SegmentsJsonlExport implements ExportFormat {

    private final ObjectMapper mapper;

    SegmentsJsonlExport(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public String name() {
        return "segments-jsonl";
    }

    @Override
    public String contentType() {
        return "application/x-ndjson";
    }

    @Override
    public String extension() {
        return "jsonl";
    }

    @Override
    public void check(Context context) {
        field(context);
    }

    /** The {@code field} option, else the schema's first segments field. */
    static Field.Segments field(Context context) {
        LabelSchema schema = LabelSchema.of(context.schema());
        String name = context.field();
        if (name != null) {
            Optional<Field> f = schema.field(name);
            if (f.isEmpty() || !(f.get() instanceof Field.Segments s)) {
                throw IoProblems.invalid(ApiException.FieldError.coded("field", "io.export.notFieldOfType",
                        "'" + name + "' is not a segments field of this project", "name", name, "types", "segments"));
            }
            return s;
        }
        return schema.first(Field.Segments.class).orElseThrow(() -> IoProblems.invalid(ApiException.FieldError.coded("format",
                "io.export.needsField", "a segments-jsonl export needs a segments field in the project's schema",
                "format", "segments-jsonl", "types", "segments")));
    }

    @Override
    public Writer open(OutputStream out, Context context) {
        Field.Segments field = field(context);
        return new Writer() {
            @Override
            public void write(Item item) throws IOException {
                JsonNode data = item.data();
                ObjectNode line = mapper.createObjectNode();
                line.put("id", item.id());
                line.set("audio", data.get(field.source()));
                if (data.has("file")) line.set("file", data.get("file"));
                if (data.has("duration")) line.set("duration", data.get("duration"));
                ArrayNode segments = line.putArray("segments");
                // One truth per line: the first accepted annotation (the jsonl export lists every labeler's).
                JsonNode value = item.annotations().isEmpty() ? null : item.annotations().get(0).result().get(field.name());
                if (value != null) {
                    for (JsonNode s : value) {
                        ObjectNode seg = segments.addObject();
                        seg.set("start", s.get("start"));
                        seg.set("end", s.get("end"));
                        if (s.has("label")) seg.set("label", s.get("label"));
                        if (field.transcript() || s.has("transcript")) seg.put("transcript", s.path("transcript").asString(""));
                    }
                }
                if (item.split() != null) line.put("split", item.split());
                out.write(mapper.writeValueAsBytes(line));
                out.write('\n');
            }

            @Override
            public void close() {
                // Every line is complete on its own.
            }
        };
    }
}
