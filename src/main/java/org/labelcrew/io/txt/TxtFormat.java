package org.labelcrew.io.txt;

import java.io.InputStream;
import org.labelcrew.io.ImportFormat;
import org.labelcrew.io.support.LineFormatReader;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.JsonNodeFactory;

/** Plain text: every non-blank line is one item {@code {"text": line}}. */
@Component
class TxtFormat implements ImportFormat {

    @Override
    public String name() {
        return "txt";
    }

    @Override
    public Reader open(InputStream in) {
        return LineFormatReader.plainText(in, text -> JsonNodeFactory.instance.objectNode().put("text", text));
    }
}
