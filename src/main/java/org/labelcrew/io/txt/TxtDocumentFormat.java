package org.labelcrew.io.txt;

import java.io.InputStream;
import org.labelcrew.io.ImportFormat;
import org.labelcrew.io.support.LineFormatReader;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Plain text for summarization: every non-blank line is one document, split into sentences by
 * {@link KoreanSentenceSplitter}: {@code {"sentences": ["…", …]}}, the shape extractive fields pick from. One document
 * per line (not blank-line separated blocks) keeps the rules of {@code txt}: line numbers name the document, one bad
 * line is one bad document, and a file that has one document per line is never read as one huge document. Documents
 * with paragraphs come in as {@code aihub-summary} or JSON Lines {@code {"paragraphs": [[…]]}}.
 */
@Component
class TxtDocumentFormat implements ImportFormat {

    private final KoreanSentenceSplitter splitter = new KoreanSentenceSplitter();

    @Override
    public String name() {
        return "txt-document";
    }

    @Override
    public Reader open(InputStream in) {
        return LineFormatReader.plainText(in, text -> {
            ObjectNode data = JsonNodeFactory.instance.objectNode();
            ArrayNode sentences = data.putArray("sentences");
            for (String s : splitter.split(text)) sentences.add(s);
            return data;
        });
    }
}
