package org.labelcrew.io.csv;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.labelcrew.io.ImportFormat;

/** The CSV reader on its own: RFC 4180 quoting, record line numbers, errors that name the line. */
class CsvFormatTest {

    static List<ImportFormat.Entry> read(String csv) throws IOException {
        List<ImportFormat.Entry> out = new ArrayList<>();
        try (ImportFormat.Reader reader = new CsvFormat().open(new ByteArrayInputStream(csv.getBytes(UTF_8)))) {
            ImportFormat.Entry e;
            while ((e = reader.next()) != null) out.add(e);
        }
        return out;
    }

    @Test
    void quotedFieldsMayHoldCommasQuotesAndLineBreaks() throws IOException {
        List<ImportFormat.Entry> entries = read("text,n\n\"a,b\",1\n\"x\"\"y\"\"\",2\n\"multi\nline\",\"\"\nlast,5");

        assertThat(entries).hasSize(4).allMatch(e -> e instanceof ImportFormat.Item);
        List<String> texts = entries.stream().map(e -> ((ImportFormat.Item) e).data().get("text").asString()).toList();
        assertThat(texts).containsExactly("a,b", "x\"y\"", "multi\nline", "last");
        assertThat(((ImportFormat.Item) entries.get(2)).data().get("n").asString()).isEmpty();
        assertThat(entries.stream().map(ImportFormat.Entry::line).toList()).containsExactly(2L, 3L, 4L, 6L);
    }

    @Test
    void anEmptyTextIsALineError() throws IOException {
        List<ImportFormat.Entry> entries = read("id,text\n1,\"\"\n");

        assertThat(entries).singleElement().isInstanceOf(ImportFormat.LineError.class);
        assertThat(entries.get(0).line()).isEqualTo(2);
    }

    @Test
    void errorsNameTheLineTheRecordStartsOn() throws IOException {
        List<ImportFormat.Entry> entries = read("text\n\"ok\"\n\"bad\"x\n\"open\nmore\n");

        assertThat(entries).hasSize(3);
        assertThat(((ImportFormat.LineError) entries.get(1)).message()).contains("after a closing quote");
        assertThat(entries.get(0)).isInstanceOf(ImportFormat.Item.class);
        assertThat(entries.get(1)).isInstanceOf(ImportFormat.LineError.class);
        assertThat(entries.get(1).line()).isEqualTo(3);
        assertThat(((ImportFormat.LineError) entries.get(2)).message()).contains("never closed");
        assertThat(entries.get(2).line()).isEqualTo(4);
    }
}
