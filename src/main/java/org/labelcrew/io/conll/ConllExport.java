package org.labelcrew.io.conll;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.labelcrew.io.IoProblems;
import org.labelcrew.io.ExportFormat;
import org.labelcrew.schema.Field;
import org.labelcrew.schema.LabelSchema;
import org.labelcrew.shared.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * <li>{@link Level#MORPHEME} ({@code conll-morpheme}): Korean morphemes by Lucene Nori ({@link NoriMorphemes}), three
 * columns {@code token<TAB>POS<TAB>tag}; {@code [김철수]는} is {@code 김철수 NNP B-PER} and {@code 는 J O}. A token is
 * tagged as a word is: by the span covering its first character, {@code B-} unless that span covered the previous
 * token. A span boundary inside a token (a span on part of a compound such as 삼성전자) cannot be drawn at this level;
 * such tokens are counted and the count is logged when the export ends.</li>
 * </ul>
 * With overlapping spans (a field with {@code allowOverlap}) the one starting first, then the longer, wins. With
 * overlap > 1, the first approved annotation is written. A task whose data has no text under the field's
 * {@code source} is written as its comment line only.
 */
final class ConllExport implements ExportFormat {

    enum Level {
        CHARACTER("conll"), EOJEOL("conll-eojeol"), MORPHEME("conll-morpheme");

        final String format;

        Level(String format) {
            this.format = format;
        }

        /** A tokenizer for one export run (Nori's holds state and is not thread-safe, so never shared). */
        Tokens tokens() {
            return switch (this) {
                case CHARACTER -> ConllExport::characters;
                case EOJEOL -> ConllExport::words;
                case MORPHEME -> new NoriMorphemes();
            };
        }
    }

    /** A token: code points {@code [start, end)} of the NFC text, its part of speech when the level has one. */
    record Token(int start, int end, String pos) {
    }

    /** Cuts an NFC text (also given as its code points) into tokens holding no white space, in text order. */
    interface Tokens extends Closeable {
        List<Token> of(String text, int[] cps) throws IOException;

        @Override
        default void close() {
        }
    }

    /** One text's rows ({@code token, [POS,] tag}) and how many of its tokens a span boundary falls inside. */
    record Rows(List<String[]> rows, int cut) {
    }

    private static final Logger log = LoggerFactory.getLogger(ConllExport.class);

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
    static Field.Spans field(Context context) {
        LabelSchema schema = LabelSchema.of(context.schema());
        String name = context.field();
        if (name != null) {
            if (!(schema.field(name).orElse(null) instanceof Field.Spans f)) {
                throw IoProblems.invalid(ApiException.FieldError.coded("field", "io.export.notFieldOfType",
                        "\"" + name + "\" is not a spans field of the project's schema", "name", name, "types", "spans"));
            }
            return f;
        }
        return schema.first(Field.Spans.class)
                .orElseThrow(() -> IoProblems.invalid(ApiException.FieldError.coded("format", "io.export.needsField",
                        "CoNLL needs a spans field in the project's schema", "format", "conll", "types", "spans")));
    }

    @Override
    public ExportFormat.Writer open(OutputStream out, Context context) {
        Field.Spans field = field(context);
        String name = field.name();
        // Not closed by the format: closing it would close the caller's stream.
        java.io.Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        Tokens tokens = level.tokens();
        return new ExportFormat.Writer() {
            long cutTokens;
            long cutTasks;
            final List<Long> cutExamples = new ArrayList<>();

            @Override
            public void write(Item item) throws IOException {
                w.write("## ");
                w.write(Long.toString(item.id()));
                if (item.split() != null) {
                    w.write('\t');
                    w.write(item.split());
                }
                w.write('\n');
                String text = field.text(item.data());
                if (text != null) {
                    JsonNode result = item.annotations().isEmpty() ? null : item.annotations().get(0).result();
                    Rows rows = rows(text, field.value(result), tokens);
                    for (String[] row : rows.rows()) {
                        for (int c = 0; c < row.length; c++) {
                            if (c > 0) w.write('\t');
                            w.write(row[c]);
                        }
                        w.write('\n');
                    }
                    if (rows.cut() > 0) {
                        cutTokens += rows.cut();
                        if (cutTasks++ < 10) cutExamples.add(item.id());
                    }
                }
                w.write('\n');
            }

            @Override
            public void close() throws IOException {
                tokens.close();
                w.flush();
                if (cutTokens > 0) {
                    log.info("{} export of field {}: a span boundary fell inside {} token(s) in {} task(s) (first: {});"
                            + " each such token is tagged by the span at its first character", level.format, name,
                            cutTokens, cutTasks, cutExamples);
                }
            }
        };
    }

    /** The token and tag rows of one text, with a tokenizer of its own; for tests. */
    static List<String[]> rows(String text, JsonNode spans, Level level) {
        try (Tokens tokens = level.tokens()) {
            return rows(text, spans, tokens).rows();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The rows of one text: a token takes the span covering its first code point ({@link #owners}), {@code B-} unless
     * that span owned the previous token too (white space between them does not matter: a space inside a span does not
     * restart it). A token over which the owning span changes counts as cut.
     */
    static Rows rows(String text, JsonNode spans, Tokens tokens) throws IOException {
        String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
        int[] cps = nfc.codePoints().toArray();
        int[] owner = owners(cps.length, spans);
        String[] labels = labels(spans);
        List<String[]> rows = new ArrayList<>();
        int previousOwner = -1;
        int cut = 0;
        for (Token t : tokens.of(nfc, cps)) {
            int o = owner[t.start()];
            for (int p = t.start() + 1; p < t.end(); p++) {
                if (owner[p] != o) {
                    cut++;
                    break;
                }
            }
            String tag = o < 0 ? "O" : (o == previousOwner ? "I-" : "B-") + labels[o];
            String token = new String(cps, t.start(), t.end() - t.start());
            rows.add(t.pos() == null ? new String[] {token, tag} : new String[] {token, t.pos(), tag});
            previousOwner = o;
        }
        return new Rows(rows, cut);
    }

    /** One token per code point that is not white space. */
    private static List<Token> characters(String text, int[] cps) {
        List<Token> out = new ArrayList<>();
        for (int i = 0; i < cps.length; i++) {
            if (!isSpace(cps[i])) out.add(new Token(i, i + 1, null));
        }
        return out;
    }

    /** One token per run of code points that are not white space (어절). */
    private static List<Token> words(String text, int[] cps) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < cps.length) {
            if (isSpace(cps[i])) {
                i++;
                continue;
            }
            int end = i + 1;
            while (end < cps.length && !isSpace(cps[end])) end++;
            out.add(new Token(i, end, null));
            i = end;
        }
        return out;
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

    static boolean isSpace(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }
}
