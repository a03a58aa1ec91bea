package org.labelcrew.io.support;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Splits an upload into physical lines without ever holding more than one line, keeping each line's original bytes
 * (for the source hash) and decoding them strictly as UTF-8, so that a wrong encoding is reported with its line number
 * instead of silently turning into U+FFFD. A UTF-8 byte-order mark is dropped; CR before LF is dropped.
 */
public final class Utf8Lines implements Closeable {

    /** A longer line is refused rather than buffered: one bad file must not exhaust the heap. */
    public static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private boolean eof;

    private byte[] line = new byte[4096];
    private int start;
    private int len;
    private boolean tooLong;
    private long number;
    private long bytesRead;

    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    public Utf8Lines(InputStream in) {
        this.in = in;
    }

    /** Moves to the next physical line; false at the end of the input. */
    public boolean next() throws IOException {
        if (eof) return false;
        len = 0;
        start = 0;
        tooLong = false;
        boolean any = false;
        while (true) {
            if (pos == limit) {
                int n = in.read(buf);
                if (n <= 0) {
                    eof = true;
                    if (!any) return false;
                    break;
                }
                pos = 0;
                limit = n;
                bytesRead += n;
            }
            any = true;
            int nl = -1;
            for (int i = pos; i < limit; i++) {
                if (buf[i] == '\n') {
                    nl = i;
                    break;
                }
            }
            int end = nl < 0 ? limit : nl;
            append(pos, end - pos);
            pos = nl < 0 ? limit : nl + 1;
            if (nl >= 0) break;
        }
        number++;
        if (len > 0 && line[len - 1] == '\r') len--;
        if (number == 1 && len >= 3 && (line[0] & 0xFF) == 0xEF && (line[1] & 0xFF) == 0xBB && (line[2] & 0xFF) == 0xBF) {
            start = 3;
        }
        return true;
    }

    private void append(int from, int n) {
        if (tooLong) return;
        if (len + n > MAX_LINE_BYTES) {
            tooLong = true;
            return;
        }
        if (len + n > line.length) line = Arrays.copyOf(line, Math.max(len + n, line.length * 2));
        System.arraycopy(buf, from, line, len, n);
        len += n;
    }

    /** 1-based number of the current line. */
    public long number() {
        return number;
    }

    public long bytesRead() {
        return bytesRead;
    }

    /** Whether the current line has no bytes at all (after the terminator and a BOM are dropped). */
    public boolean isEmpty() {
        return !tooLong && len - start == 0;
    }

    /**
     * The current line as text, or throws {@link BadLine} naming what is wrong (too long, not UTF-8). ASCII lines,
     * the common case of machine-made files, skip the decoder.
     */
    public String text() {
        if (tooLong) throw new BadLine("import.line.tooLong", "is longer than " + (MAX_LINE_BYTES >> 20) + " MB", "mb", MAX_LINE_BYTES >> 20);
        if (number == 1 && len >= 2 && ((line[0] & 0xFF) == 0xFE && (line[1] & 0xFF) == 0xFF
                || (line[0] & 0xFF) == 0xFF && (line[1] & 0xFF) == 0xFE)) {
            throw new BadLine("import.file.utf16", "starts with a UTF-16 byte-order mark: the file is UTF-16; save it as UTF-8");
        }
        boolean ascii = true;
        for (int i = start; i < len; i++) {
            if (line[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) return new String(line, start, len - start, StandardCharsets.ISO_8859_1);
        ByteBuffer bytes = ByteBuffer.wrap(line, start, len - start);
        CharBuffer chars = CharBuffer.allocate(len - start);
        decoder.reset();
        CoderResult r = decoder.decode(bytes, chars, true);
        if (r.isError()) {
            int at = bytes.position();
            String hex = String.format("0x%02X", line[at] & 0xFF);
            throw new BadLine("import.line.notUtf8", String.format("is not valid UTF-8 (byte %s at byte %d of the line); save the file as UTF-8",
                    hex, at - start + 1), "byte", hex, "at", at - start + 1);
        }
        r = decoder.flush(chars);
        if (r.isError()) throw new BadLine("import.line.notUtf8End", "is not valid UTF-8; save the file as UTF-8");
        chars.flip();
        return chars.toString();
    }

    /** Feeds the current line's original bytes (without BOM and line terminator) into a source hash. */
    public void digest(MessageDigest md) {
        if (!tooLong) md.update(line, start, len - start);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /**
     * A line that cannot be read; the message completes "line N …". {@code code} and {@code params} say the same for
     * the browser to word ({@link org.labelcrew.io.ImportFormat.LineError}).
     */
    public static final class BadLine extends RuntimeException {
        private final String code;
        private final java.util.Map<String, Object> params;

        /** A problem without its own code: said as {@code import.line.other} {detail}. */
        public BadLine(String message) {
            this(org.labelcrew.io.ImportFormat.LineError.OTHER, message, "detail", message);
        }

        /** A coded problem; {@code kv} are the parameters as name, value pairs. */
        public BadLine(String code, String message, Object... kv) {
            super(message, null, false, false);
            this.code = code;
            this.params = org.labelcrew.io.ImportFormat.params(kv);
        }

        public String code() {
            return code;
        }

        public java.util.Map<String, Object> params() {
            return params;
        }

        /** This problem as the line error of {@code line}. */
        public org.labelcrew.io.ImportFormat.LineError at(long line) {
            return new org.labelcrew.io.ImportFormat.LineError(line, getMessage(), null, code, params);
        }
    }
}
