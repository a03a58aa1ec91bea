package org.labelcrew.io.jsonl;

import java.io.IOException;
import java.io.OutputStream;
import org.labelcrew.io.ExportFormat;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

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

    @Override
    public Writer open(OutputStream out, Context context) {
        return new Writer() {
            @Override
            public void write(Item item) throws IOException {
                out.write(mapper.writeValueAsBytes(item));
                out.write('\n');
            }

            @Override
            public void close() {
                // Nothing to finish: every line is complete on its own.
            }
        };
    }
}
