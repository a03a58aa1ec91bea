package org.labelcrew.io;

import java.io.InputStream;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Plain text: every non-blank line is one item {@code {"text": line}}. */
@Component
class TxtFormat implements ImportFormat {

    @Override
    public String name() {
        return "txt";
    }

    @Override
    public Reader open(InputStream in) {
        return new LineFormatReader(in) {
            @Override
            protected Item parse(long line, String text) {
                ObjectNode data = JsonNodeFactory.instance.objectNode();
                data.put("text", Texts.clean(text));
                return new Item(line, data, 0, hashOfLine());
            }
        };
    }
}
