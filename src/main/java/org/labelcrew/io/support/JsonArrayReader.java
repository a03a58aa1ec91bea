package org.labelcrew.io.support;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.labelcrew.io.ImportFormat;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;

/**
 * The common shape of formats whose items are the elements of one JSON array (a Label Studio task list, AI-Hub
 * {@code documents}): Jackson's streaming parser walks the file and only the current element is ever a tree, so a
 * file of any size is read in flat memory. Each element is numbered from 1 and that number is the entry's
 * {@code line}, with messages of the form "task 17: …" ({@link #noun()}).
 *
 * <p>A syntax error ends the reading (the parser cannot find the next element after it), reported against the element
 * it occurred in; an element that is well-formed JSON but not a valid item is reported and reading goes on, so that
 * several such faults are reported at once.
 */
public abstract class JsonArrayReader implements ImportFormat.Reader {

    private final CountingInputStream counted;
    private final ObjectReader reader;
    private final ObjectMapper mapper;
    private final MessageDigest sha256 = LineFormatReader.newSha256();
    private JsonParser parser;
    private boolean begun;
    private boolean done;
    /** Elements read completely so far; the one being read is {@code count + 1}. */
    private long count;

    protected JsonArrayReader(ObjectMapper mapper, InputStream in) {
        this.mapper = mapper;
        this.counted = new CountingInputStream(new BufferedInputStream(in, 1 << 16));
        // Decimals as BigDecimal so numbers survive exactly, as in JSON Lines; trailing tokens allowed, since each
        // element is read out of the middle of the array.
        this.reader = mapper.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** "task", "document": how the messages name an element. */
    protected abstract String noun();

    /**
     * Moves the parser from the start of the file to just inside the array of items (its START_ARRAY consumed).
     * Returns null when it did, or an entry that ends the reading: an error, or the one item of a file that holds a
     * single element instead of an array.
     */
    protected abstract ImportFormat.Entry begin(JsonParser parser);

    /** After the array's END_ARRAY: checks the rest of the file; an error, or null. */
    protected abstract ImportFormat.Entry end(JsonParser parser);

    /** One element as an item; throws {@link Utf8Lines.BadLine} (message without the "task N: " prefix) when it is not one. */
    protected abstract ImportFormat.Item item(long number, JsonNode element);

    @Override
    public ImportFormat.Entry next() throws IOException {
        if (done) return null;
        try {
            if (!begun) {
                begun = true;
                ImportFormat.LineError encoding = checkEncoding();
                if (encoding != null) {
                    done = true;
                    return encoding;
                }
                parser = reader.createParser(counted);
                ImportFormat.Entry first = begin(parser);
                if (first != null) {
                    done = true;
                    return first;
                }
            }
            JsonToken token = parser.nextToken();
            if (token == JsonToken.END_ARRAY) {
                done = true;
                return end(parser);
            }
            if (token == null) {
                done = true;
                return error(count + 1, ImportFormat.LineError.coded(0, "import.json.arrayCut", "the file ends inside the array (is it cut short?)"));
            }
            JsonNode element = reader.readTree(parser);
            long number = ++count;
            return element(number, element);
        } catch (JacksonException e) {
            done = true;
            return syntaxError(count + 1, e);
        }
    }

    /** An element that has been read as a tree: the item, or the reason it is not one. */
    protected ImportFormat.Entry element(long number, JsonNode element) {
        try {
            return item(number, element);
        } catch (Utf8Lines.BadLine e) {
            return error(number, e.at(number));
        }
    }

    /** A coded problem against element {@code number}, worded "task 17: …" in English. */
    protected ImportFormat.LineError error(long number, ImportFormat.LineError problem) {
        long n = Math.max(1, number);
        return problem.at(n, noun() + " " + n + ": ");
    }

    /** An error against element {@code number}, worded "task 17: …". */
    protected ImportFormat.LineError error(long number, String message) {
        return error(number, new ImportFormat.LineError(0, message));
    }

    protected ImportFormat.LineError syntaxError(long number, JacksonException e) {
        TokenStreamLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 1 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        return error(number, JsonSyntax.badLine(e, where, "line", at == null || at.getLineNr() < 1 ? null : at.getLineNr(),
                "column", at == null || at.getLineNr() < 1 ? null : at.getColumnNr()).at(0));
    }

    /**
     * The hex SHA-256 of the element as it was in the file (its compact form, before NFC), so that a re-import of the
     * same task can be recognised; the exact bytes of an element are not kept by a streaming parser.
     */
    protected String hash(JsonNode element) {
        sha256.reset();
        return HexFormat.of().formatHex(sha256.digest(mapper.writeValueAsBytes(element)));
    }

    /**
     * UTF-8 only, as for every format: Jackson would silently decode UTF-16 and UTF-32, so those are refused here by
     * their byte-order mark or the zero bytes of their first character.
     */
    private ImportFormat.LineError checkEncoding() throws IOException {
        InputStream in = counted.in();
        in.mark(4);
        byte[] head = in.readNBytes(4);
        in.reset();
        if (head.length >= 2 && ((head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF
                || (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE || head[0] == 0 || head[1] == 0)) {
            return ImportFormat.LineError.coded(1, "import.file.notUtf8Json", "the file is UTF-16 or UTF-32, not UTF-8; save it as UTF-8");
        }
        return null;
    }

    public static String firstLine(String message) {
        if (message == null) return "unexpected input";
        int nl = message.indexOf('\n');
        String s = nl < 0 ? message : message.substring(0, nl);
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    public static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) return "empty";
        if (node.isObject()) return "a JSON object";
        if (node.isArray()) return "a JSON array";
        if (node.isString()) return "a JSON string";
        if (node.isNumber()) return "a JSON number";
        if (node.isBoolean()) return "a JSON boolean";
        return "JSON null";
    }

    @Override
    public long bytesRead() {
        return counted.count;
    }

    @Override
    public void close() throws IOException {
        try {
            if (parser != null) parser.close();
        } finally {
            counted.close();
        }
    }

    /** Counts the bytes the parser has taken, for the progress of large uploads. */
    private static final class CountingInputStream extends FilterInputStream {
        long count;
        private long mark;

        CountingInputStream(InputStream in) {
            super(in);
        }

        InputStream in() {
            return in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) count++;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) count += n;
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long k = in.skip(n);
            count += k;
            return k;
        }

        @Override
        public synchronized void mark(int limit) {
            in.mark(limit);
            mark = count;
        }

        @Override
        public synchronized void reset() throws IOException {
            in.reset();
            count = mark;
        }
    }
}
