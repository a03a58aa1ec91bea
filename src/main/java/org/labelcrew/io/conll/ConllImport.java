package org.labelcrew.io.conll;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.labelcrew.io.ImportFormat;
import org.labelcrew.io.ImportOptions;
import org.labelcrew.io.support.LineFormatReader;
import org.labelcrew.io.support.Texts;
import org.labelcrew.io.support.Utf8Lines;
import org.labelcrew.schema.Field;
import org.labelcrew.schema.LabelSchema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * CoNLL / BIO import of pre-annotated NER: one sentence a block (blocks end at an empty line), one token a line, the
 * tag in the last column ({@code B-X}, {@code I-X}, {@code B_X}, {@code I_X}, {@code O}). Each block becomes a task
 * {@code {"text", "id"?}} whose text is rebuilt from the tokens, and whose tags become spans over it, stored as the
 * task's prediction ({@code data.prediction}) for the project's only spans field or the one option {@code field} names.
 *
 * <ul>
 * <li>{@code conll}: one code point a line; the text is the tokens joined as they are (white space only where the
 * file has it as a token). A {@code ## id} comment line names the task ({@code data.id}).</li>
 * <li>{@code conll-klue}: KLUE-NER; a block opens with {@code ## id<TAB>sentence-with-<markup:TAG>}, every character
 * is a line, spaces included. {@code data.id} keeps the id; the export {@code conll-klue} writes the same bytes back.</li>
 * <li>{@code conll-eojeol}: one white-space word (어절) a line; the text is the words joined by one space.</li>
 * <li>{@code conll-kmou}: morpheme level as KMOU corpora have it; comment lines start with {@code ##}, {@code ;} or
 * {@code $} (the second {@code ##} line, or {@code ;} line, is the raw sentence); an optional first column of eojeol
 * numbers; a {@code _} token is the space between eojeols. With the raw sentence, tokens are found in it in order
 * (so its spaces are kept); without it, morphemes of one eojeol are joined and eojeols separated by a space. The
 * token lines' other columns (eojeol number, lemma, POS) and the tag style are kept in {@code data.meta.kmou} for the
 * {@code conll-kmou} export.</li>
 * </ul>
 */
final class ConllImport implements ImportFormat {

    enum Dialect {
        CHARACTER("conll"), KLUE("conll-klue"), EOJEOL("conll-eojeol"), KMOU("conll-kmou");

        final String format;

        Dialect(String format) {
            this.format = format;
        }
    }

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final Dialect dialect;

    ConllImport(Dialect dialect) {
        this.dialect = dialect;
    }

    @Override
    public String name() {
        return dialect.format;
    }

    @Override
    public boolean itemsFollowLines() {
        return false;
    }

    @Override
    public Set<String> optionKeys() {
        return Set.of("field");
    }

    @Override
    public Reader open(InputStream in) {
        return open(in, null, ImportOptions.NONE);
    }

    @Override
    public Reader open(InputStream in, JsonNode schema, ImportOptions options) {
        String field = options.field();
        if (schema != null) {
            LabelSchema s = LabelSchema.of(schema);
            if (field != null) {
                if (!(s.field(field).orElse(null) instanceof Field.Spans)) field = "!" + field;
            } else {
                List<Field.Spans> spans = s.fields(Field.Spans.class);
                field = spans.size() == 1 ? spans.get(0).name() : spans.isEmpty() ? "!" : "?";
            }
        }
        return new BlockReader(in, field == null ? "entities" : field);
    }

    /** One token line: the token, its tag, and (KMOU) its columns other than the tag. */
    record TokenLine(String token, String tag, List<String> columns) {
    }

    final class BlockReader implements Reader {
        private final Utf8Lines lines;
        private final MessageDigest sha256 = LineFormatReader.newSha256();
        private final String field;

        BlockReader(InputStream in, String field) {
            this.lines = new Utf8Lines(in);
            this.field = field;
        }

        @Override
        public Entry next() throws IOException {
            List<String> comments = new ArrayList<>();
            List<TokenLine> tokens = new ArrayList<>();
            long first = 0;
            sha256.reset();
            try {
                while (lines.next()) {
                    String text = lines.text();
                    if (text.isEmpty() || (text.isBlank() && dialect != Dialect.KLUE && dialect != Dialect.CHARACTER)) {
                        if (!tokens.isEmpty()) break;
                        if (comments.isEmpty()) continue;
                        break;
                    }
                    if (first == 0) first = lines.number();
                    lines.digest(sha256);
                    sha256.update((byte) '\n');
                    if (comment(text)) {
                        comments.add(text);
                        continue;
                    }
                    tokens.add(tokenLine(text));
                }
            } catch (Utf8Lines.BadLine e) {
                long at = lines.number();
                // Skip to the end of the block, so the next one is read on its own.
                while (lines.next() && !lines.text().isEmpty()) {
                    // the rest of the bad block
                }
                return e.at(at);
            }
            if (first == 0) return null;
            if (tokens.isEmpty()) {
                return LineError.coded(first, "import.conll.onlyComments", "starts a block that has no token lines (only comments)");
            }
            if (field.startsWith("!") || field.equals("?")) {
                LineError problem = field.equals("?")
                        ? LineError.coded(first, "import.conll.severalSpansFields", "cannot be stored: the schema has several spans fields;"
                                + " name one with options.field")
                        : field.length() > 1
                        ? LineError.coded(first, "import.conll.notSpansField", "cannot be stored: \"" + field.substring(1)
                                + "\" (options.field) is not a spans field of the schema", "field", field.substring(1))
                        : LineError.coded(first, "import.conll.noSpansField", "cannot be stored: the schema has no spans field");
                return problem.withField("field");
            }
            try {
                return item(first, comments, tokens, HexFormat.of().formatHex(sha256.digest()));
            } catch (Utf8Lines.BadLine e) {
                return e.at(first);
            }
        }

        private boolean comment(String text) {
            if (text.startsWith("## ") || text.equals("##")) return true;
            return dialect == Dialect.KMOU && (text.startsWith(";") || text.startsWith("$"));
        }

        private TokenLine tokenLine(String text) {
            int tab = text.lastIndexOf('\t');
            String body;
            String tag;
            if (tab >= 0) {
                body = text.substring(0, tab);
                tag = text.substring(tab + 1).strip();
            } else {
                int space = text.stripTrailing().lastIndexOf(' ');
                if (space <= 0) throw new Utf8Lines.BadLine("import.conll.noTag", "is a token line without a tag (token<TAB>tag)");
                body = text.substring(0, space);
                tag = text.substring(space + 1).strip();
            }
            List<String> columns = List.of(body.split("\t", -1));
            String token = columns.get(0);
            if (dialect == Dialect.KMOU && columns.size() > 1 && columns.get(0).matches("\\d+")) token = columns.get(1);
            if (dialect != Dialect.KLUE && dialect != Dialect.CHARACTER) token = token.strip();
            if (token.isEmpty()) throw new Utf8Lines.BadLine("import.conll.emptyToken", "has an empty token");
            token = Texts.clean(token);
            if (!tag.equals("O") && !tag.equals("-") && !tag.matches("[BI][-_].+")) {
                throw new Utf8Lines.BadLine("import.conll.badTag", "has the tag \"" + tag + "\"; tags are B-X, I-X (or B_X, I_X) and O", "tag", tag);
            }
            return new TokenLine(token, tag, columns);
        }

        private Item item(long line, List<String> comments, List<TokenLine> tokens, String hash) {
            ObjectNode data = F.objectNode();
            StringBuilder text = new StringBuilder();
            int[][] at = new int[tokens.size()][]; // each token's [start, end) in UTF-16 units of text
            String id = null;
            String raw = null;
            if (!comments.isEmpty()) {
                String c = comments.get(0).startsWith("## ") ? comments.get(0).substring(3) : null;
                if (c != null) {
                    int tab = c.indexOf('\t');
                    id = tab >= 0 ? c.substring(0, tab) : c.strip();
                }
                if (dialect == Dialect.KMOU) {
                    for (int i = 0; i < comments.size(); i++) {
                        String k = comments.get(i);
                        if (k.startsWith(";")) raw = Texts.clean(k.substring(1).strip());
                        else if (i == 1 && k.startsWith("## ")) raw = Texts.clean(k.substring(3));
                    }
                }
            }
            switch (dialect) {
                case CHARACTER, KLUE -> {
                    for (int i = 0; i < tokens.size(); i++) {
                        int s = text.length();
                        text.append(tokens.get(i).token());
                        at[i] = new int[] {s, text.length()};
                    }
                }
                case EOJEOL -> {
                    for (int i = 0; i < tokens.size(); i++) {
                        if (i > 0) text.append(' ');
                        int s = text.length();
                        text.append(tokens.get(i).token());
                        at[i] = new int[] {s, text.length()};
                    }
                }
                case KMOU -> kmouText(tokens, raw, text, at);
            }
            String t = text.toString();
            if (t.isBlank()) throw new Utf8Lines.BadLine("import.conll.emptyText", "starts a block whose text is empty");
            ArrayNode spans = F.arrayNode();
            int open = -1;
            String label = null;
            for (int i = 0; i <= tokens.size(); i++) {
                String tag = i < tokens.size() ? tokens.get(i).tag() : "O";
                boolean begins = tag.startsWith("B");
                boolean inside = tag.startsWith("I") && label != null && tag.substring(2).equals(label);
                if (open >= 0 && !inside) {
                    int end = at[i - 1][1];
                    addSpan(spans, t, open, end, label);
                    open = -1;
                    label = null;
                }
                if (i < tokens.size() && (begins || (tag.startsWith("I") && open < 0))) {
                    open = at[i][0];
                    label = tag.substring(2);
                }
            }
            if (id != null) data.put("id", Texts.clean(id));
            data.put("text", Texts.clean(t));
            if (!spans.isEmpty()) data.putObject("prediction").set(field, spans);
            if (dialect == Dialect.KMOU) {
                ObjectNode kmou = data.putObject("meta").putObject("kmou");
                ArrayNode rows = kmou.putArray("rows");
                ArrayNode offsets = kmou.putArray("offsets");
                for (int i = 0; i < tokens.size(); i++) {
                    ArrayNode row = rows.addArray();
                    tokens.get(i).columns().forEach(row::add);
                    offsets.addArray().add(t.codePointCount(0, at[i][0])).add(t.codePointCount(0, at[i][1]));
                }
                kmou.put("style", tokens.stream().anyMatch(x -> x.tag().startsWith("B_") || x.tag().startsWith("I_")) ? "_" : "-");
                ArrayNode c = kmou.putArray("comments");
                comments.forEach(c::add);
            }
            return new Item(line, (ObjectNode) Texts.clean(data), 0, hash);
        }

        private void addSpan(ArrayNode spans, String text, int start, int end, String label) {
            // Offsets of our spans count code points; a span never starts or ends with white space.
            while (start < end && Character.isWhitespace(text.charAt(start))) start++;
            while (end > start && Character.isWhitespace(text.charAt(end - 1))) end--;
            if (start >= end) return;
            ObjectNode s = spans.addObject();
            s.put("id", "s" + (spans.size()));
            s.put("start", text.codePointCount(0, start));
            s.put("end", text.codePointCount(0, end));
            s.put("label", label);
        }

        /** KMOU: tokens located in the raw sentence when there is one, else eojeols rebuilt from numbers or {@code _}. */
        private void kmouText(List<TokenLine> tokens, String raw, StringBuilder text, int[][] at) {
            if (raw != null) {
                // Tokens are found in the raw sentence in order. A morpheme that is not a stretch of it (가+았 written
                // 갔) takes the rest of its eojeol, and the morphemes after it in that eojeol are empty there.
                int pos = 0;
                for (int i = 0; i < tokens.size(); i++) {
                    String tok = tokens.get(i).token();
                    int s = pos;
                    while (pos < raw.length() && Character.isWhitespace(raw.charAt(pos))) pos++;
                    if (tok.equals("_")) {
                        at[i] = new int[] {s, pos};
                    } else if (raw.startsWith(tok, pos)) {
                        at[i] = new int[] {pos, pos + tok.length()};
                        pos += tok.length();
                    } else {
                        int end = pos;
                        while (end < raw.length() && !Character.isWhitespace(raw.charAt(end))) end++;
                        at[i] = new int[] {pos, end};
                        pos = end;
                    }
                }
                text.append(raw);
                return;
            }
            String eojeol = null;
            for (int i = 0; i < tokens.size(); i++) {
                TokenLine tl = tokens.get(i);
                if (tl.token().equals("_")) {
                    int s = text.length();
                    text.append(' ');
                    at[i] = new int[] {s, text.length()};
                    eojeol = null;
                    continue;
                }
                String number = tl.columns().size() > 1 && tl.columns().get(0).matches("\\d+") ? tl.columns().get(0) : null;
                if (number != null && eojeol != null && !number.equals(eojeol) && text.length() > 0
                        && text.charAt(text.length() - 1) != ' ') {
                    text.append(' ');
                }
                eojeol = number;
                int s = text.length();
                text.append(tl.token());
                at[i] = new int[] {s, text.length()};
            }
        }

        @Override
        public long bytesRead() {
            return lines.bytesRead();
        }

        @Override
        public void close() throws IOException {
            lines.close();
        }
    }
}
