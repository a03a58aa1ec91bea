package org.labelcrew.io.csv;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.labelcrew.io.ExportFormat;
import org.labelcrew.schema.Field;
import org.labelcrew.schema.LabelSchema;
import tools.jackson.databind.JsonNode;

/**
 * CSV and TSV of approved results, for spreadsheets and pandas: a header {@code id,text,<field>…[,split]}, then one row
 * per approved task with the text it was labelled on ({@code data.text}, or the spans field's source; the data as JSON
 * when it has no such string) and one column per schema field: a string value as it is, anything structured (spans,
 * a multiple choice, relations) as compact JSON. With overlap > 1 the first approved annotation is written (use
 * {@code jsonl} for all of them). CSV quotes as RFC 4180 with CRLF line ends; TSV has no quoting, so a tab or line
 * break inside a value is written as a space (the one thing TSV cannot carry).
 */
final class CsvExport implements ExportFormat {

    private final String name;
    private final char separator;

    CsvExport(String name, char separator) {
        this.name = name;
        this.separator = separator;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String contentType() {
        return separator == ',' ? "text/csv; charset=utf-8" : "text/tab-separated-values; charset=utf-8";
    }

    @Override
    public String extension() {
        return name;
    }

    @Override
    public Writer open(OutputStream out, Context context) throws IOException {
        LabelSchema schema = LabelSchema.of(context.schema());
        List<Field> fields = schema.fields();
        String textKey = schema.first(Field.Spans.class).map(Field.Spans::source).orElse("text");
        boolean split = context.options() != null && context.options().hasNonNull("split");
        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        List<String> header = new ArrayList<>(List.of("id", textKey));
        for (Field f : fields) header.add(f.name());
        if (split) header.add("split");
        row(w, header);
        return new Writer() {
            @Override
            public void write(Item item) throws IOException {
                List<String> cells = new ArrayList<>();
                cells.add(Long.toString(item.id()));
                JsonNode text = item.data() == null ? null : item.data().get(textKey);
                cells.add(text != null && text.isString() ? text.asString() : item.data() == null ? "" : item.data().toString());
                JsonNode result = item.annotations().isEmpty() ? null : item.annotations().get(0).result();
                for (Field f : fields) {
                    JsonNode v = f.value(result);
                    cells.add(v == null || v.isNull() ? "" : v.isString() ? v.asString() : v.toString());
                }
                if (split) cells.add(item.split() == null ? "" : item.split());
                row(w, cells);
            }

            @Override
            public void close() throws IOException {
                w.flush();
            }
        };
    }

    private void row(BufferedWriter w, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) w.write(separator);
            w.write(separator == ',' ? csv(cells.get(i)) : tsv(cells.get(i)));
        }
        w.write("\r\n");
    }

    static String csv(String s) {
        boolean quote = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
        return quote ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    static String tsv(String s) {
        return s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
