package org.labelcrew.io.support;

import org.labelcrew.shared.JsonProblems;
import tools.jackson.core.JacksonException;

/**
 * A JSON syntax error of an imported line or element as a coded {@link Utf8Lines.BadLine}: the English reason is
 * {@link JsonProblems#syntaxReason}'s, the code names the same reason for the browser ({@code import.json.*}).
 */
public final class JsonSyntax {

    private JsonSyntax() {
    }

    /** {@code where} is the English position (" (column 7)"), {@code kv} its parameters ("column", 7). */
    public static Utf8Lines.BadLine badLine(JacksonException e, String where, Object... kv) {
        String reason = JsonProblems.syntaxReason(e);
        String code = "import.json.invalid";
        Object key = null;
        if (reason.contains("appears twice")) {
            code = "import.json.duplicateKey";
            int q = reason.indexOf('"');
            key = q < 0 ? "" : reason.substring(q + 1, reason.lastIndexOf('"'));
        } else if (reason.contains("ends before")) {
            code = "import.json.incomplete";
        } else if (reason.contains("out of range")) {
            code = "import.json.outOfRange";
        } else if (reason.contains("unexpected character")) {
            code = "import.json.unexpected";
        }
        Object[] params = new Object[kv.length + 2];
        params[0] = "key";
        params[1] = key;
        System.arraycopy(kv, 0, params, 2, kv.length);
        return new Utf8Lines.BadLine(code, reason + where, params);
    }
}
