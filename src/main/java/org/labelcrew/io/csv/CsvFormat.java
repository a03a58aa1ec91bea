package org.labelcrew.io.csv;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.labelcrew.io.ImportFormat;
import org.labelcrew.io.support.LineFormatReader;
import org.labelcrew.io.support.Texts;
import org.labelcrew.io.support.Utf8Lines;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * CSV (RFC 4180): a header row names the columns, every further record becomes {@code {column: value, …}} with string
 * values, and a {@code text} column is required. Quoted fields may hold commas, doubled quotes and line breaks (a
 * record then spans several physical lines; errors name the line it starts on, and a CRLF inside a field is stored as
 * LF). A quote inside an unquoted field is taken literally, as spreadsheet programs write it.
 */
@Component
class CsvFormat implements ImportFormat {

    static final String TEXT = "text";

    @Override
    public String name() {
        return "csv";
    }

    @Override
    public int headerLines() {
        return 1;
    }

    @Override
    public Reader open(InputStream in) {
        return new CsvReader(in);
    }

    static final class CsvReader implements Reader {

        private final Utf8Lines lines;
        private final MessageDigest sha256 = LineFormatReader.newSha256();
        private List<String> header;
        private boolean headerFailed;
        /** The line a record with an unclosed quote started on: the error names it, not the end of the file. */
        private long unclosedFrom;

        CsvReader(InputStream in) {
            this.lines = new Utf8Lines(in);
        }

        @Override
        public Entry next() throws IOException {
            while (true) {
                List<String> fields;
                long first;
                try {
                    if (!lines.next()) return null;
                    first = lines.number();
                    if (lines.isEmpty()) continue;
                    fields = record();
                } catch (Utf8Lines.BadLine e) {
                    sha256.reset();
                    if (header == null) headerFailed = true;
                    long at = unclosedFrom > 0 ? unclosedFrom : lines.number();
                    unclosedFrom = 0;
                    return new LineError(at, e.getMessage());
                }
                String hash = HexFormat.of().formatHex(sha256.digest());
                if (header == null) {
                    // Without a readable header no row can be checked; the header's error is the one to report.
                    if (headerFailed) continue;
                    String problem = checkHeader(fields);
                    if (problem != null) {
                        headerFailed = true;
                        return new LineError(first, problem);
                    }
                    header = fields;
                    continue;
                }
                if (fields.size() != header.size()) {
                    return new LineError(first, "has " + fields.size() + " fields; the header has " + header.size());
                }
                ObjectNode data = JsonNodeFactory.instance.objectNode();
                for (int i = 0; i < fields.size(); i++) data.put(header.get(i), fields.get(i));
                if (data.get(TEXT).stringValue().isBlank()) return new LineError(first, "has an empty text column");
                return new Item(first, data, 0, hash);
            }
        }

        private String checkHeader(List<String> fields) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < fields.size(); i++) {
                String name = fields.get(i).strip();
                if (name.isEmpty()) return "is a header whose column " + (i + 1) + " has no name";
                if (!seen.add(name)) return "is a header that names the column \"" + name + "\" twice";
                fields.set(i, name);
            }
            if (!seen.contains(TEXT)) {
                return "is a header without a \"" + TEXT + "\" column (found: " + String.join(", ", fields) + ")";
            }
            return null;
        }

        /** Parses the record starting on the current line, reading further lines while a quoted field is open. */
        private List<String> record() throws IOException {
            long first = lines.number();
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;     // inside a quoted field
            boolean wasQuoted = false;  // the current field was quoted and its closing quote is behind us
            String text = lines.text();
            lines.digest(sha256);
            int i = 0;
            while (true) {
                if (i == text.length()) {
                    if (!quoted) break;
                    if (!lines.next()) {
                        unclosedFrom = first;
                        throw new Utf8Lines.BadLine("starts a quoted field that is never closed");
                    }
                    field.append('\n');
                    sha256.update((byte) '\n');
                    lines.digest(sha256);
                    text = lines.text();
                    i = 0;
                    continue;
                }
                char c = text.charAt(i++);
                if (quoted) {
                    if (c != '"') {
                        field.append(c);
                    } else if (i < text.length() && text.charAt(i) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                        wasQuoted = true;
                    }
                } else if (c == ',') {
                    fields.add(Texts.clean(field.toString()));
                    field.setLength(0);
                    wasQuoted = false;
                } else if (wasQuoted) {
                    throw new Utf8Lines.BadLine("has '" + c + "' after a closing quote (field " + (fields.size() + 1)
                            + "); a quote inside a quoted field is written as \"\"");
                } else if (c == '"' && field.isEmpty()) {
                    quoted = true;
                } else {
                    field.append(c);
                }
            }
            fields.add(Texts.clean(field.toString()));
            return fields;
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
