package org.labelcrew.io.conll;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.labelcrew.io.ExportFormat;
import org.labelcrew.schema.Field;
import tools.jackson.databind.JsonNode;

/**
 * The corpus dialects written back as their corpora have them, so a file imported with {@code conll-klue} comes out
 * byte for byte (ids, spaces as tokens, markup headers), and one imported with {@code conll-kmou} keeps its columns
 * and its {@code B_}/{@code B-} style.
 *
 * <ul>
 * <li>{@code conll-klue}: per task {@code ## <data.id or task id><TAB><text with <span:LABEL> markup>}, then one line
 * per code point of the text, spaces included: {@code char<TAB>B-LABEL|I-LABEL|O}, then an empty line. LF line
 * ends, as KLUE's files.</li>
 * <li>{@code conll-kmou}: the comment lines the import kept (a markup line rewritten from the approved spans), then
 * the token lines with the columns the import kept and the tag recomputed ({@code B_X}/{@code I_X} unless the file
 * used dashes). A task that did not come from a KMOU file gets {@code ## id}, {@code ## text}, {@code ## markup} and
 * Nori morphemes as {@code eojeol<TAB>morpheme<TAB>POS<TAB>tag}.</li>
 * </ul>
 * Overlapping spans: the earliest start, then the longest, wins; the others are not written (BIO cannot nest).
 */
final class ConllDialectExport implements ExportFormat {

    private final ConllImport.Dialect dialect;

    ConllDialectExport(ConllImport.Dialect dialect) {
        this.dialect = dialect;
    }

    @Override
    public String name() {
        return dialect.format;
    }

    @Override
    public String contentType() {
        return "text/plain; charset=utf-8";
    }

    @Override
    public String extension() {
        return dialect == ConllImport.Dialect.KLUE ? "tsv" : "txt";
    }

    @Override
    public void check(Context context) {
        ConllExport.field(context);
    }

    record Span(int start, int end, String label) {
    }

    @Override
    public Writer open(OutputStream out, Context context) {
        Field.Spans field = ConllExport.field(context);
        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        NoriMorphemes[] nori = new NoriMorphemes[1];
        return new Writer() {
            @Override
            public void write(Item item) throws IOException {
                JsonNode data = item.data();
                String text = field.text(data);
                if (text == null) text = "";
                int[] cps = text.codePoints().toArray();
                JsonNode result = item.annotations().isEmpty() ? null : item.annotations().get(0).result();
                List<Span> spans = spans(field.value(result), cps.length);
                String[] label = new String[cps.length];
                boolean[] begin = new boolean[cps.length];
                for (Span s : spans) {
                    for (int i = s.start(); i < s.end(); i++) label[i] = s.label();
                    begin[s.start()] = true;
                }
                String id = data.path("id").isString() ? data.get("id").asString() : Long.toString(item.id());
                if (dialect == ConllImport.Dialect.KLUE) {
                    w.write("## " + id + "\t" + markup(cps, spans) + "\n");
                    for (int i = 0; i < cps.length; i++) {
                        w.write(new String(cps, i, 1) + "\t" + (label[i] == null ? "O" : (begin[i] ? "B-" : "I-") + label[i]) + "\n");
                    }
                    w.write("\n");
                    return;
                }
                JsonNode kmou = data.path("meta").path("kmou");
                String style = kmou.path("style").asString("_");
                if (kmou.path("rows").isArray() && kmou.path("offsets").size() == kmou.path("rows").size()) {
                    for (JsonNode c : kmou.path("comments")) {
                        String line = c.asString();
                        boolean markupLine = line.startsWith("## ") && line.indexOf('<') >= 0 && line.indexOf(":") > 0
                                && line.indexOf('>') > 0;
                        w.write((markupLine ? "## " + markup(cps, spans) : line) + "\n");
                    }
                    for (int r = 0; r < kmou.get("rows").size(); r++) {
                        JsonNode row = kmou.get("rows").get(r);
                        int s = kmou.get("offsets").get(r).get(0).asInt();
                        List<String> cols = new ArrayList<>();
                        row.forEach(x -> cols.add(x.asString()));
                        w.write(String.join("\t", cols) + "\t" + tag(s, label, begin, style) + "\n");
                    }
                    w.write("\n");
                    return;
                }
                w.write("## " + id + "\n## " + text + "\n## " + markup(cps, spans) + "\n");
                if (nori[0] == null) nori[0] = new NoriMorphemes();
                int eojeol = 1;
                int last = 0;
                for (ConllExport.Token t : nori[0].of(text, cps)) {
                    for (int i = last; i < t.start(); i++) if (Character.isWhitespace(cps[i])) {
                        eojeol++;
                        break;
                    }
                    last = t.start();
                    w.write(eojeol + "\t" + new String(cps, t.start(), t.end() - t.start()) + "\t" + t.pos() + "\t"
                            + tag(t.start(), label, begin, style) + "\n");
                }
                w.write("\n");
            }

            @Override
            public void close() throws IOException {
                w.flush();
                if (nori[0] != null) nori[0].close();
            }
        };
    }

    private static String tag(int at, String[] label, boolean[] begin, String style) {
        if (at < 0 || at >= label.length || label[at] == null) return "O";
        return (begin[at] ? "B" : "I") + style + label[at];
    }

    /** The spans of a value, in text order, overlaps resolved (earliest start, then longest). */
    static List<Span> spans(JsonNode value, int length) {
        List<Span> all = new ArrayList<>();
        if (value != null && value.isArray()) {
            for (JsonNode s : value) {
                int a = s.path("start").asInt(-1);
                int b = s.path("end").asInt(-1);
                if (a >= 0 && b > a && b <= length) all.add(new Span(a, b, s.path("label").asString("")));
            }
        }
        all.sort(Comparator.comparingInt(Span::start).thenComparing(Comparator.comparingInt(Span::end).reversed()));
        List<Span> out = new ArrayList<>();
        int end = 0;
        for (Span s : all) {
            if (s.start() >= end) {
                out.add(s);
                end = s.end();
            }
        }
        return out;
    }

    /** The text with {@code <span:LABEL>} markup, as KLUE and KMOU headers have it. */
    static String markup(int[] cps, List<Span> spans) {
        StringBuilder sb = new StringBuilder();
        int at = 0;
        for (Span s : spans) {
            sb.append(new String(cps, at, s.start() - at)).append('<')
                    .append(new String(cps, s.start(), s.end() - s.start())).append(':').append(s.label()).append('>');
            at = s.end();
        }
        return sb.append(new String(cps, at, cps.length - at)).toString();
    }
}
