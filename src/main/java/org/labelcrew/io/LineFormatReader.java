package org.labelcrew.io;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The common shape of formats with one item per line (jsonl, txt): blank lines are skipped, each other line parsed. */
abstract class LineFormatReader implements ImportFormat.Reader {

    protected final Utf8Lines lines;
    private final MessageDigest sha256;

    LineFormatReader(InputStream in) {
        this.lines = new Utf8Lines(in);
        this.sha256 = newSha256();
    }

    @Override
    public ImportFormat.Entry next() throws IOException {
        while (lines.next()) {
            if (lines.isEmpty()) continue;
            try {
                String text = lines.text();
                if (text.isBlank()) continue;
                return parse(lines.number(), text);
            } catch (Utf8Lines.BadLine e) {
                return new ImportFormat.LineError(lines.number(), e.getMessage());
            }
        }
        return null;
    }

    /** One non-blank line as an item; throws {@link Utf8Lines.BadLine} when it cannot be one. */
    protected abstract ImportFormat.Item parse(long line, String text);

    protected String hashOfLine() {
        lines.digest(sha256);
        return HexFormat.of().formatHex(sha256.digest());
    }

    @Override
    public long bytesRead() {
        return lines.bytesRead();
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
