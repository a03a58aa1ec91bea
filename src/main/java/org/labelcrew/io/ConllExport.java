package org.labelcrew.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.labelcrew.shared.ApiException;
import tools.jackson.databind.JsonNode;

/**
 * CoNLL BIO for one spans field (the {@code field} option, else the schema's first spans field): a line
 * {@code token<TAB>tag} per token, tags {@code B-LABEL}, {@code I-LABEL} or {@code O}, a blank line between tasks.
 * Each task opens with a comment line {@code ## <task id>} (and {@code <TAB><split>} when the export splits), the
 * convention of KLUE-NER, so a line can be traced back to its task; readers skip lines that start with {@code "## "}
 * (a token never holds white space, so no token line does).
 *
 * <ul>
 * <li>{@link Level#CHARACTER} ({@code conll}): one Unicode code point per line (an emoji with a skin tone is two lines,
 * since span offsets count code points), white space skipped. A character's tag is that of the span covering it;
 * {@code B-} where the span's first non-space character is.</li>
 * <li>{@link Level#EOJEOL} ({@code conll-eojeol}): white-space separated words (어절). A word takes the label of the span
 * covering its first character, {@code B-} when that span did not already cover the previous word; so
 * {@code [김철수]는} is {@code 김철수는 B-PER}, and a span starting inside a word ({@code 김[철수]}) does not tag it.</li>
 * </ul>
 * With overlapping spans (a field with {@code allowOverlap}) the one starting first, then the longer, wins. With
 * overlap > 1, the first approved annotation is written. A task whose data has no text under the field's
 * {@code source} is written as its comment line only.
 */
final class ConllExport implements ExportFormat {

    enum Level {
        CHARACTER("conll"), EOJEOL("conll-eojeol");

        final String format;

        Level(String format) {
            this.format = format;
        }
    }

    private final Level level;

    ConllExport(Level level) {
        this.level = level;
    }

    @Override
    public String name() {
        return level.format;
    }

    @Override
    public String contentType() {
        return "text/plain; charset=utf-8";
    }

    @Override
    public String extension() {
        return "conll";
    }

    @Override
    public void check(Context context) {
        field(context);
    }

    /** The spans field to write, or a 422 naming why there is none. */
    static JsonNode field(Context context) {
        String name = context.field();
        if (name != null) {
            JsonNode f = SchemaFields.named(context.schema(), name);
            if (f == null || !SchemaFields.type(f).equals("spans")) {
                throw ApiException.invalid("field", "\"" + name + "\" is not a spans field of the project's schema");
            }
            return f;
        }
        List<JsonNode> spans = SchemaFields.ofType(context.schema(), "spans");
        if (spans.isEmpty()) throw ApiException.invalid("format", "CoNLL needs a spans field in the project's schema");
        return spans.get(0);
    }

    @Override
    public ExportFormat.Writer open(OutputStream out, Context context) {
        JsonNode field = field(context);
        String name = SchemaFields.name(field);
        String source = SchemaFields.source(field);
        // Not closed by the format: closing it would close the caller's stream.
        java.io.Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        return new ExportFormat.Writer() {
            @Override
            public void write(Item item) throws IOException {
                w.write("## ");
                w.write(Long.toString(item.id()));
                if (item.split() != null) {
                    w.write('\t');
                    w.write(item.split());
                }
                w.write('\n');
                JsonNode text = item.data().get(source);
                if (text != null && text.isString()) {
                    JsonNode result = item.annotations().isEmpty() ? null : item.annotations().get(0).result();
                    JsonNode spans = result == null ? null : result.get(name);
                    for (String[] row : rows(text.asString(), spans, level)) {
                        w.write(row[0]);
                        w.write('\t');
                        w.write(row[1]);
                        w.write('\n');
                    }
                }
                w.write('\n');
            }

            @Override
            public void close() throws IOException {
                w.flush();
            }
        };
    }

    /** The token and tag rows of one text; public to the package for tests. */
    static List<String[]> rows(String text, JsonNode spans, Level level) {
        String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
        int[] cps = nfc.codePoints().toArray();
        int[] owner = owners(cps.length, spans);
        String[] labels = labels(spans);
        List<String[]> rows = new ArrayList<>();
        int previousOwner = -1;
        int i = 0;
        while (i < cps.length) {
            if (isSpace(cps[i])) {
                i++;
                continue;
            }
            int end = i + 1;
            if (level == Level.EOJEOL) {
                while (end < cps.length && !isSpace(cps[end])) end++;
            }
            int o = owner[i];
            String tag = o < 0 ? "O" : (o == previousOwner ? "I-" : "B-") + labels[o];
            rows.add(new String[] {new String(cps, i, end - i), tag});
            previousOwner = o;
            i = end;
        }
        return rows;
    }

    /** For each code point, the index (into {@code spans}) of the span that covers it, or -1. */
    private static int[] owners(int length, JsonNode spans) {
        int[] owner = new int[length];
        Arrays.fill(owner, -1);
        if (spans == null || !spans.isArray()) return owner;
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < spans.size(); k++) order.add(k);
        // The earliest start wins, then the longer span: painted last, so sort the other way round.
        order.sort(Comparator.<Integer>comparingInt(k -> spans.get(k).path("start").asInt())
                .thenComparing(k -> -spans.get(k).path("end").asInt()).reversed());
        for (int k : order) {
            JsonNode s = spans.get(k);
            int start = Math.max(0, s.path("start").asInt(0));
            int end = Math.min(length, s.path("end").asInt(0));
            for (int p = start; p < end; p++) owner[p] = k;
        }
        return owner;
    }

    private static String[] labels(JsonNode spans) {
        if (spans == null || !spans.isArray()) return new String[0];
        String[] out = new String[spans.size()];
        for (int k = 0; k < out.length; k++) out[k] = spans.get(k).path("label").asString("");
        return out;
    }

    private static boolean isSpace(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }
}
