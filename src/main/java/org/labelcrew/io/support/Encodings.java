package org.labelcrew.io.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Legacy encodings of uploads. Many Korean public files are CP949 (EUC-KR's superset, what Korean Windows writes) and
 * some tools write UTF-16 with a byte-order mark. An upload is checked once, as it is hashed ({@link Sniffer}); one
 * that is not UTF-8 is refused until the manager says which encoding to convert from, and is then converted as it is
 * streamed ({@link #toUtf8}), so every format keeps reading strict UTF-8.
 */
public final class Encodings {

    private Encodings() {
    }

    /** The Java charset of an {@code encoding} option other than auto/utf-8. */
    public static Charset charset(String encoding) {
        return switch (encoding) {
            case "cp949" -> Charset.forName("x-windows-949");
            case "utf-16" -> StandardCharsets.UTF_16; // the BOM decides the byte order
            default -> StandardCharsets.UTF_8;
        };
    }

    /**
     * Watches bytes go by (the upload's hashing pass) and says what the file is: {@code utf-8} (valid UTF-8, with or
     * without BOM; pure ASCII too), {@code utf-16} (a UTF-16 BOM), else {@code cp949} when every byte pair is a valid
     * CP949 sequence and some are Hangul syllables (what Korean legacy files are), else {@code unknown}.
     */
    public static final class Sniffer {
        private long seen;
        private final byte[] head = new byte[2];
        private int pending;       // UTF-8 continuation bytes still expected
        private boolean utf8 = true;
        private boolean cp949 = true;
        private boolean cpLead;    // the previous byte opened a CP949 double-byte character
        private int lead;          // that byte
        private boolean hangul;    // a pair in KS X 1001's Hangul block (what Korean CP949 text is full of)

        public void update(byte[] buf, int off, int len) {
            for (int i = off; i < off + len; i++) {
                int b = buf[i] & 0xFF;
                if (seen < 2) head[(int) seen] = (byte) b;
                seen++;
                if (utf8) {
                    if (pending > 0) {
                        if ((b & 0xC0) == 0x80) pending--;
                        else utf8 = false;
                    } else if (b >= 0x80) {
                        if (b >= 0xC2 && b <= 0xDF) pending = 1;
                        else if (b >= 0xE0 && b <= 0xEF) pending = 2;
                        else if (b >= 0xF0 && b <= 0xF4) pending = 3;
                        else utf8 = false;
                    }
                }
                if (cp949) {
                    if (cpLead) {
                        // Trail bytes of CP949: 0x41-0x5A, 0x61-0x7A, 0x81-0xFE.
                        if (!((b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x81 && b <= 0xFE))) cp949 = false;
                        if (lead >= 0xB0 && lead <= 0xC8 && b >= 0xA1 && b <= 0xFE) hangul = true;
                        cpLead = false;
                    } else if (b >= 0x81 && b <= 0xFE) {
                        cpLead = true;
                        lead = b;
                    } else if (b == 0x80 || b == 0xFF) {
                        cp949 = false;
                    }
                }
            }
        }

        /** What the bytes seen so far are, once all were seen. */
        public String verdict() {
            if (seen >= 2 && ((head[0] == (byte) 0xFE && head[1] == (byte) 0xFF) || (head[0] == (byte) 0xFF && head[1] == (byte) 0xFE))) {
                return "utf-16";
            }
            if (utf8 && pending == 0) return "utf-8";
            // A broken UTF-8 file can be valid CP949 by chance; Korean CP949 text has Hangul syllables.
            if (cp949 && !cpLead && hangul) return "cp949";
            return "unknown";
        }
    }

    /**
     * The upload's bytes decoded from {@code charset} and encoded as UTF-8, streamed. A byte sequence that is not
     * text in that charset stops the reading with an error that names the charset (never a silent U+FFFD).
     */
    public static InputStream toUtf8(InputStream in, Charset charset) {
        Reader reader = new InputStreamReader(in, charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPLACE);
        return new InputStream() {
            private final CharBuffer chars = CharBuffer.allocate(8192).flip();
            private final ByteBuffer bytes = ByteBuffer.allocate(8192 * 4).flip();
            private boolean eof;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n <= 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) return 0;
                while (!bytes.hasRemaining()) {
                    if (eof && !chars.hasRemaining()) return -1;
                    if (!eof) {
                        chars.compact();
                        int n;
                        try {
                            n = reader.read(chars);
                        } catch (java.nio.charset.CharacterCodingException e) {
                            throw new IOException("the file is not valid " + charset.displayName()
                                    + " text (a byte sequence it cannot decode); check the encoding option", e);
                        }
                        chars.flip();
                        if (n < 0) eof = true;
                    }
                    bytes.clear();
                    encoder.encode(chars, bytes, eof);
                    bytes.flip();
                }
                int n = Math.min(len, bytes.remaining());
                bytes.get(b, off, n);
                return n;
            }

            @Override
            public void close() throws IOException {
                reader.close();
            }
        };
    }
}
