package org.labelcrew.io.support;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Function;
import org.labelcrew.io.ImportFormat;
import tools.jackson.databind.node.ObjectNode;

/** The common shape of formats with one item per line (jsonl, txt): blank lines are skipped, each other line parsed. */
public abstract class LineFormatReader implements ImportFormat.Reader {

    protected final Utf8Lines lines;
    private final MessageDigest sha256;

    protected LineFormatReader(InputStream in) {
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
                return e.at(lines.number());
            }
        }
        return null;
    }

    /**
     * Plain text, one item a non-blank line: {@code data} makes the item's data of the line after {@link Texts#clean};
     * priority 0, the line's hash as the source hash.
     */
    public static LineFormatReader plainText(InputStream in, Function<String, ObjectNode> data) {
        return new LineFormatReader(in) {
            @Override
            protected ImportFormat.Item parse(long line, String text) {
                return new ImportFormat.Item(line, data.apply(Texts.clean(text)), 0, hashOfLine());
            }
        };
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

    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
