package org.labelcrew.io.jsonl;

import java.io.IOException;
import java.io.OutputStream;
import org.labelcrew.io.ExportFormat;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;

/** Native JSON Lines: one line per approved task, {@code {"id", "data", "annotations", "split"?}}. */
@Component
class JsonlExport implements ExportFormat {

    private final ObjectMapper mapper;

    JsonlExport(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public String name() {
        return "jsonl";
    }

    @Override
    public boolean passesJsonThrough() {
        return true;
    }

    @Override
    public String contentType() {
        return "application/x-ndjson";
    }

    @Override
    public String extension() {
        return "jsonl";
    }

    /**
     * One generator for the whole file, writing into {@code out} through its own buffer: no byte array per line and no
     * generator set up per line (issue 14, P2). No separator between root values: each line ends with its newline.
     */
    @Override
    public Writer open(OutputStream out, Context context) {
        // Not flushed after each value: a flush per line would reach the file as a write per line.
        ObjectWriter writer = mapper.writer().withRootValueSeparator((String) null)
                .without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
        JsonGenerator generator = writer.createGenerator(out);
        return new Writer() {
            @Override
            public void write(Item item) throws IOException {
                writer.writeValue(generator, item);
                generator.writeRaw('\n');
            }

            @Override
            public void close() {
                // Every line is complete on its own; hand the generator's buffer on, and leave out to the caller.
                generator.flush();
            }
        };
    }
}
