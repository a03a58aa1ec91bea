package org.labelcrew.io.txt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.labelcrew.io.ImportFormat;

class TxtDocumentFormatTest {

    List<ImportFormat.Entry> read(String text) throws IOException {
        List<ImportFormat.Entry> out = new ArrayList<>();
        try (ImportFormat.Reader reader = new TxtDocumentFormat().open(new ByteArrayInputStream(text.getBytes(UTF_8)))) {
            ImportFormat.Entry e;
            while ((e = reader.next()) != null) out.add(e);
        }
        return out;
    }

    @Test
    void everyLineIsADocumentSplitIntoSentences() throws IOException {
        String nfd = Normalizer.normalize("둘째 문서다.", Normalizer.Form.NFD);
        List<ImportFormat.Entry> entries = read("그는 \"안녕. 반가워.\"라고 했다. 3.14는 원주율이다! 정말?\n\n" + nfd + "\n");
        assertThat(entries).hasSize(2);
        ImportFormat.Item first = (ImportFormat.Item) entries.get(0);
        assertThat(first.line()).isEqualTo(1);
        assertThat(first.data().get("sentences").toString())
                .isEqualTo("[\"그는 \\\"안녕. 반가워.\\\"라고 했다.\",\"3.14는 원주율이다!\",\"정말?\"]");
        ImportFormat.Item second = (ImportFormat.Item) entries.get(1);
        assertThat(second.line()).isEqualTo(3);
        assertThat(second.data().get("sentences").get(0).asString()).isEqualTo("둘째 문서다.").hasSize(7);
        assertThat(second.sourceHash()).hasSize(64);
    }

    @Test
    void aBadLineIsNamed() throws IOException {
        List<ImportFormat.Entry> entries = read("좋은 줄.\n나쁜\u0000줄.\n");
        assertThat(entries.get(1)).isInstanceOf(ImportFormat.LineError.class);
        assertThat(entries.get(1).line()).isEqualTo(2);
    }
}
