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
import org.labelcrew.io.ImportOptions;
import org.labelcrew.schema.Field;
import org.labelcrew.schema.LabelSchema;
import org.labelcrew.io.support.LineFormatReader;
import org.labelcrew.io.support.Texts;
import org.labelcrew.io.support.Utf8Lines;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * CSV (RFC 4180) and, through {@link TsvFormat}, TSV: a header row names the columns (or, with option
 * {@code header: false}, the columns are called {@code 1}, {@code 2}…), every further record becomes
 * {@code {column: value, …}} with string values. The text column ({@code text}, or the one option {@code textColumn}
 * names, e.g. NSMC's {@code document}) is stored as {@code text} and must not be empty. Option {@code labelColumn} takes
 * a column out of the data as a label for field {@code labelField} (default: the schema's only choice field):
 * {@code labelAs: "prediction"} (default) stores it as {@code data.prediction}, {@code "gold"} makes the row a gold item.
 * CSV quoted fields may hold commas, doubled quotes and line breaks (a record then spans several physical lines; errors
 * name the line it starts on, and a CRLF inside a field is stored as LF). A quote inside an unquoted field is taken
 * literally, as spreadsheet programs write it; TSV has no quoting at all (quotes are text, as in NSMC and KLUE files).
 * A row whose every column is empty is reported as a blank row (an empty line is skipped).
 */
@Component
class CsvFormat implements ImportFormat {

    static final String TEXT = "text";
    static final Set<String> OPTIONS = Set.of("textColumn", "labelColumn", "labelField", "labelAs", "header");

    @Override
    public String name() {
        return "csv";
    }

    char separator() {
        return ',';
    }

    boolean quoting() {
        return true;
    }

    @Override
    public int headerLines() {
        return 1;
    }

    @Override
    public Set<String> optionKeys() {
        return OPTIONS;
    }

    @Override
    public Reader open(InputStream in) {
        return new CsvReader(in, separator(), quoting(), ImportOptions.NONE, null);
    }

    @Override
    public Reader open(InputStream in, JsonNode schema, ImportOptions options) {
        return new CsvReader(in, separator(), quoting(), options, schema);
    }

    static final class CsvReader implements Reader {

        private final Utf8Lines lines;
        private final MessageDigest sha256 = LineFormatReader.newSha256();
        private final char separator;
        private final boolean quoting;
        private final ImportOptions options;
        private final JsonNode schema;
        private List<String> header;
        private boolean headerFailed;
        private int textAt;
        private int labelAt = -1;
        private String labelField;
        private Set<String> labelOptions; // the choice field's options, to report a label that is none of them
        private boolean labelMultiple;
        /** The line a record with an unclosed quote started on: the error names it, not the end of the file. */
        private long unclosedFrom;

        CsvReader(InputStream in, char separator, boolean quoting, ImportOptions options, JsonNode schema) {
            this.lines = new Utf8Lines(in);
            this.separator = separator;
            this.quoting = quoting;
            this.options = options;
            this.schema = schema;
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
                    return e.at(at);
                }
                String hash = HexFormat.of().formatHex(sha256.digest());
                if (header == null) {
                    // Without a readable header no row can be checked; the header's error is the one to report.
                    if (headerFailed) continue;
                    List<String> names = fields;
                    if (!options.hasHeader()) {
                        names = new ArrayList<>();
                        for (int i = 1; i <= fields.size(); i++) names.add(Integer.toString(i));
                    }
                    LineError problem = checkHeader(names);
                    if (problem != null) {
                        headerFailed = true;
                        return new LineError(first, problem.message(), "header", problem.code(), problem.params());
                    }
                    header = names;
                    if (options.hasHeader()) continue;
                }
                if (fields.stream().allMatch(String::isBlank)) {
                    return LineError.coded(first, "import.csv.blankRow", "is a blank row (all " + fields.size() + " columns are empty)",
                            "columns", fields.size());
                }
                if (fields.size() != header.size()) {
                    return LineError.coded(first, "import.csv.fieldCount", "has " + fields.size() + " fields; the header has " + header.size(),
                            "fields", fields.size(), "header", header.size());
                }
                ObjectNode data = JsonNodeFactory.instance.objectNode();
                String label = null;
                for (int i = 0; i < fields.size(); i++) {
                    if (i == textAt) data.put(TEXT, fields.get(i));
                    else if (i == labelAt) label = fields.get(i);
                    else data.put(header.get(i), fields.get(i));
                }
                if (data.get(TEXT).stringValue().isBlank()) {
                    return LineError.coded(first, "import.csv.emptyText", "has an empty text column" + (textAt >= 0 && !header.get(textAt).equals(TEXT)
                            ? " (\"" + header.get(textAt) + "\")" : ""), "column", header.get(textAt)).withField(header.get(textAt));
                }
                if (label == null || label.isBlank()) return new Item(first, data, 0, hash);
                label = label.strip();
                // A gold reference must fit the schema; a prediction is a hint, stored and counted in the job's
                // warnings (prediction.unknownLabel) for the manager to decide.
                if (options.labelAsGold() && labelOptions != null && !labelOptions.isEmpty() && !labelOptions.contains(label)) {
                    return LineError.coded(first, "import.csv.labelNotOption", "has the label \"" + label + "\" in column \"" + header.get(labelAt)
                            + "\", which is not an option of field " + labelField + " (" + String.join(", ", labelOptions) + ")",
                            "label", label, "column", header.get(labelAt), "field", labelField,
                            "options", String.join(", ", labelOptions)).withField(header.get(labelAt));
                }
                ObjectNode result = JsonNodeFactory.instance.objectNode();
                if (labelMultiple) result.putArray(labelField).add(label);
                else result.put(labelField, label);
                if (options.labelAsGold()) return Item.gold(first, data, 0, hash, result);
                data.set("prediction", result);
                return new Item(first, data, 0, hash);
            }
        }

        /** The header's problem (its line set by the caller), or null. */
        private LineError checkHeader(List<String> fields) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < fields.size(); i++) {
                String name = fields.get(i).strip();
                if (name.isEmpty()) return LineError.coded(0, "import.csv.headerNoName", "is a header whose column " + (i + 1) + " has no name", "column", i + 1);
                if (!seen.add(name)) return LineError.coded(0, "import.csv.headerTwice", "is a header that names the column \"" + name + "\" twice", "column", name);
                fields.set(i, name);
            }
            String text = options.textColumn() != null ? options.textColumn() : options.hasHeader() ? TEXT : "1";
            textAt = fields.indexOf(text);
            if (textAt < 0) {
                return LineError.coded(0, options.textColumn() != null ? "import.csv.noTextColumn" : "import.csv.noTextColumnNamed",
                        (options.hasHeader() ? "is a header without" : "has no") + " a \"" + text + "\" column"
                        + (options.textColumn() != null ? " (options.textColumn)" : " (name the text column with options.textColumn)")
                        + " (found: " + String.join(", ", fields) + ")", "column", text, "found", String.join(", ", fields));
            }
            if (!text.equals(TEXT) && seen.contains(TEXT) && !TEXT.equals(options.labelColumn())) {
                return LineError.coded(0, "import.csv.textTwice", "has a \"text\" column besides the text column \"" + text
                        + "\" (options.textColumn), which is stored as \"text\"; rename one of them", "column", text);
            }
            if (options.labelColumn() != null) {
                labelAt = fields.indexOf(options.labelColumn());
                if (labelAt < 0) {
                    return LineError.coded(0, "import.csv.noLabelColumn", "has no \"" + options.labelColumn()
                            + "\" column (options.labelColumn) (found: " + String.join(", ", fields) + ")",
                            "column", options.labelColumn(), "found", String.join(", ", fields));
                }
                if (labelAt == textAt) return LineError.coded(0, "import.csv.labelIsText", "names one column as both the text and the label (options.labelColumn)");
                LineError problem = labelField();
                if (problem != null) return problem;
            }
            return null;
        }

        /** Resolves the field the label column fills: {@code labelField}, else the schema's only choice field. */
        private LineError labelField() {
            LabelSchema labels = schema == null ? null : LabelSchema.of(schema);
            if (options.labelField() != null) {
                labelField = options.labelField();
                Field field = labels == null ? null : labels.field(labelField).orElse(null);
                if (labels != null && field == null) {
                    return LineError.coded(0, "import.csv.labelFieldUnknown", "cannot be labelled: options.labelField \"" + labelField
                            + "\" is no field of the project's schema", "field", labelField);
                }
                if (field instanceof Field.Choice choice) choiceOptions(choice);
                return null;
            }
            List<Field.Choice> choices = labels == null ? List.of() : labels.fields(Field.Choice.class);
            if (choices.size() != 1) {
                return LineError.coded(0, "import.csv.labelFieldNeeded", "cannot be labelled: name the field of the label column"
                        + " with options.labelField (the schema has " + choices.size() + " choice fields)", "n", choices.size());
            }
            labelField = choices.get(0).name();
            choiceOptions(choices.get(0));
            return null;
        }

        private void choiceOptions(Field.Choice choice) {
            labelMultiple = choice.multiple();
            labelOptions = new java.util.LinkedHashSet<>();
            for (JsonNode o : choice.definition().path("options")) {
                String v = o.isString() ? o.asString() : o.path("value").asString("");
                if (!v.isEmpty()) labelOptions.add(v);
            }
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
                        throw new Utf8Lines.BadLine("import.csv.quoteNotClosed", "starts a quoted field that is never closed");
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
                } else if (c == separator) {
                    fields.add(Texts.clean(field.toString()));
                    field.setLength(0);
                    wasQuoted = false;
                } else if (wasQuoted) {
                    throw new Utf8Lines.BadLine("import.csv.afterQuote", "has '" + c + "' after a closing quote (field " + (fields.size() + 1)
                            + "); a quote inside a quoted field is written as \"\"", "char", String.valueOf(c), "column", fields.size() + 1);
                } else if (quoting && c == '"' && field.isEmpty()) {
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
