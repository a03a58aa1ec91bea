package org.labelcrew.io.support;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * The text rules every imported string passes: stored NFC-normalised (NFD Hangul from macOS file systems becomes the
 * precomposed syllables span offsets are counted in), and refused when PostgreSQL could not store it (NUL) or it is
 * not text at all (an unpaired surrogate, which only a JSON escape can produce).
 */
public final class Texts {

    private Texts() {
    }

    /**
     * Whether {@link #clean(String)} changed a string on this thread since the last {@link #takeChanged()}: the import
     * runner asks after each item, so the import report can count the items NFC changed (Hanja compatibility
     * ideographs that Korean IMEs type change code point; nobody should be surprised). One import is one thread.
     */
    private static final ThreadLocal<boolean[]> CHANGED = ThreadLocal.withInitial(() -> new boolean[1]);

    /** Whether a string was changed by normalisation since the last call; resets the flag. */
    public static boolean takeChanged() {
        boolean[] flag = CHANGED.get();
        boolean was = flag[0];
        flag[0] = false;
        return was;
    }

    /** The NFC form of {@code s}; the same instance when nothing changes. Throws {@link Utf8Lines.BadLine}. */
    public static String clean(String s) {
        boolean plain = true;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x300) {
                if (c == 0) throw new Utf8Lines.BadLine("import.text.nul", "contains a NUL character (U+0000), which cannot be stored");
                continue;
            }
            // Below U+0300 nothing combines, so pure Latin-1 text is NFC already and skips the normaliser.
            plain = false;
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    throw new Utf8Lines.BadLine("import.text.surrogate", "contains an unpaired surrogate (\\u" + Integer.toHexString(c) + ")", "char", "\\u" + Integer.toHexString(c));
                }
            } else if (Character.isLowSurrogate(c)) {
                throw new Utf8Lines.BadLine("import.text.surrogate", "contains an unpaired surrogate (\\u" + Integer.toHexString(c) + ")", "char", "\\u" + Integer.toHexString(c));
            }
        }
        if (plain || Normalizer.isNormalized(s, Normalizer.Form.NFC)) return s;
        CHANGED.get()[0] = true;
        return Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    /** Cleans every string of a JSON tree, object keys included, in place where it can; returns the result. */
    public static JsonNode clean(JsonNode node) {
        if (node.isString()) {
            String s = node.stringValue();
            String c = clean(s);
            return c == s ? node : StringNode.valueOf(c);
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode v = array.get(i);
                JsonNode c = clean(v);
                if (c != v) array.set(i, c);
            }
            return array;
        }
        if (node instanceof ObjectNode object) {
            boolean keysChanged = false;
            List<Map.Entry<String, JsonNode>> changed = new ArrayList<>(0);
            for (Map.Entry<String, JsonNode> e : object.properties()) {
                if (clean(e.getKey()) != e.getKey()) keysChanged = true;
                JsonNode c = clean(e.getValue());
                if (c != e.getValue()) changed.add(Map.entry(e.getKey(), c));
            }
            for (Map.Entry<String, JsonNode> e : changed) object.set(e.getKey(), e.getValue());
            if (!keysChanged) return object;
            // Rare: a key in NFD. Rebuild in the same order; keys that become equal keep the later value, as jsonb does.
            ObjectNode rebuilt = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> e : object.properties()) rebuilt.set(clean(e.getKey()), e.getValue());
            return rebuilt;
        }
        return node;
    }
}
