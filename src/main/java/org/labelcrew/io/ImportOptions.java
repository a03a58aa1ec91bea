package org.labelcrew.io;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.labelcrew.shared.ApiException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The options of one import: the multipart field {@code options}, a JSON object (docs/io.md, "Import options"). Every
 * key is optional; a key this record does not know is refused (422 naming it), so a script's typo never silently
 * imports with the defaults. Formats read what concerns them ({@code textColumn} for CSV/TSV, {@code field} for CoNLL);
 * the runner reads {@code onError} and {@code encoding}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportOptions(@Nullable String textColumn, @Nullable String labelColumn, @Nullable String labelField,
        @Nullable String labelAs, @Nullable Boolean header, @Nullable String encoding, @Nullable String onError,
        @Nullable String field, @Nullable String source, @Nullable String endpoint, @Nullable String region) {

    public static final ImportOptions NONE = new ImportOptions(null, null, null, null, null, null, null, null, null, null,
            null);

    static final Set<String> KEYS = Set.of("textColumn", "labelColumn", "labelField", "labelAs", "header", "encoding",
            "onError", "field", "source", "endpoint", "region");
    /** The keys of an import from an S3-compatible bucket prefix (the media formats), instead of an upload. */
    static final Set<String> SOURCE_KEYS = Set.of("source", "endpoint", "region");
    /** {@code s3://bucket/prefix/}: a bucket name as S3 allows it, a prefix of key characters (may be empty). */
    static final java.util.regex.Pattern SOURCE = java.util.regex.Pattern.compile("s3://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])/(.*)");
    static final List<String> ENCODINGS = List.of("auto", "utf-8", "cp949", "utf-16");
    static final List<String> ON_ERROR = List.of("fail", "skip");
    static final List<String> LABEL_AS = List.of("prediction", "gold");

    /** Whether bad rows are skipped (imported around, reported) instead of failing the whole import. */
    public boolean skip() {
        return "skip".equals(onError);
    }

    /** Whether the first row of a CSV/TSV file names the columns (the default). */
    public boolean hasHeader() {
        return header == null || header;
    }

    /** The encoding asked for: {@code auto} unless the upload named one. */
    public String encodingOrAuto() {
        return encoding == null ? "auto" : encoding;
    }

    /** The label column is read as gold (a reference) rather than a prediction. */
    public boolean labelAsGold() {
        return "gold".equals(labelAs);
    }

    /** As stored with the job and shown in {@code ImportJob.options}: only the keys that were given. */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        if (textColumn != null) o.put("textColumn", textColumn);
        if (labelColumn != null) o.put("labelColumn", labelColumn);
        if (labelField != null) o.put("labelField", labelField);
        if (labelAs != null) o.put("labelAs", labelAs);
        if (header != null) o.put("header", header);
        if (encoding != null) o.put("encoding", encoding);
        if (onError != null) o.put("onError", onError);
        if (field != null) o.put("field", field);
        if (source != null) o.put("source", source);
        if (endpoint != null) o.put("endpoint", endpoint);
        if (region != null) o.put("region", region);
        return o;
    }

    /** The same options with another encoding (the manager's consent to convert). */
    public ImportOptions withEncoding(String encoding) {
        return new ImportOptions(textColumn, labelColumn, labelField, labelAs, header, encoding, onError, field, source,
                endpoint, region);
    }

    /** Reads the stored or uploaded object; throws a 422 naming each bad key ({@code options.<key>}). */
    public static ImportOptions of(@Nullable JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) return NONE;
        if (!node.isObject()) {
            throw IoProblems.invalid(ApiException.FieldError.coded("options", "io.options.notObject",
                    "must be a JSON object, e.g. {\"onError\": \"skip\"}"))
                    .withCode("import.options.notObject", java.util.Map.of());
        }
        List<ApiException.FieldError> errors = new ArrayList<>();
        Set<String> unknown = new LinkedHashSet<>();
        for (String key : node.propertyNames()) if (!KEYS.contains(key)) unknown.add(key);
        for (String key : unknown) {
            String options = String.join(", ", KEYS.stream().sorted().toList());
            errors.add(ApiException.FieldError.coded("options." + key, "io.option.unknown",
                    "is not an import option; the options are " + options, "name", key, "allowed", options));
        }
        String textColumn = name(node, "textColumn", errors);
        String labelColumn = name(node, "labelColumn", errors);
        String labelField = name(node, "labelField", errors);
        String field = name(node, "field", errors);
        String labelAs = oneOf(node, "labelAs", LABEL_AS, errors);
        String encoding = oneOf(node, "encoding", ENCODINGS, errors);
        String onError = oneOf(node, "onError", ON_ERROR, errors);
        Boolean header = null;
        JsonNode h = node.get("header");
        if (h != null && !h.isNull()) {
            if (h.isBoolean()) header = h.booleanValue();
            else errors.add(ApiException.FieldError.coded("options.header", "value.notBoolean", "must be true or false"));
        }
        String source = name(node, "source", errors);
        if (source != null && !SOURCE.matcher(source).matches()) {
            errors.add(ApiException.FieldError.coded("options.source", "io.option.badSource", "must be s3://bucket/prefix/ (a bucket name of"
                    + " 3 to 63 lower-case letters, digits, dots and dashes, then the key prefix)"));
        }
        String endpoint = name(node, "endpoint", errors);
        if (endpoint != null && !endpoint.matches("https?://[^\\s/?#]+(/[^\\s?#]*)?")) {
            errors.add(ApiException.FieldError.coded("options.endpoint", "io.option.badEndpoint", "must be an http:// or https:// address"));
        }
        String region = name(node, "region", errors);
        if (region != null && !region.matches("[a-z0-9-]{1,40}")) {
            errors.add(ApiException.FieldError.coded("options.region", "io.option.badRegion", "must be a region name such as ap-northeast-2"));
        }
        if ((endpoint != null || region != null) && source == null && errors.isEmpty()) {
            errors.add(ApiException.FieldError.coded(endpoint != null ? "options.endpoint" : "options.region",
                    "io.option.needsSource", "is for an import from a bucket; it needs options.source (s3://bucket/prefix/)"));
        }
        if (labelAs != null && labelColumn == null && errors.isEmpty()) {
            errors.add(ApiException.FieldError.coded("options.labelAs", "io.option.needsLabelColumn", "needs options.labelColumn (the column to read)"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid("The import options are invalid: " + String.join("; ",
                    errors.stream().map(e -> e.field() + " " + e.message()).toList()), errors)
                    .withCode("import.options.invalid", java.util.Map.of("fields",
                            String.join(", ", errors.stream().map(ApiException.FieldError::field).toList())));
        }
        return new ImportOptions(textColumn, labelColumn, labelField, labelAs, header, encoding, onError, field, source,
                endpoint, region);
    }

    private static @Nullable String name(JsonNode node, String key, List<ApiException.FieldError> errors) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) return null;
        if (!v.isString() || v.asString().isBlank() || v.asString().length() > 200) {
            errors.add(ApiException.FieldError.coded("options." + key, "io.option.notName", "must be a non-empty string of at most 200 characters",
                    "max", 200));
            return null;
        }
        return v.asString().strip();
    }

    private static @Nullable String oneOf(JsonNode node, String key, List<String> allowed, List<ApiException.FieldError> errors) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) return null;
        String s = v.isString() ? v.asString().toLowerCase(java.util.Locale.ROOT) : null;
        if ("euc-kr".equals(s) && key.equals("encoding")) s = "cp949"; // CP949 is EUC-KR's superset
        if ("utf8".equals(s) && key.equals("encoding")) s = "utf-8";
        if (s == null || !allowed.contains(s)) {
            errors.add(ApiException.FieldError.coded("options." + key, "value.oneOf", "must be one of " + String.join(", ", allowed),
                    "allowed", String.join(", ", allowed)));
            return null;
        }
        return s;
    }
}
