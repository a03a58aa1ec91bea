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
        JsonProblems.Syntax syntax = JsonProblems.syntax(e);
        String code = switch (syntax.kind()) {
            case DUPLICATE_KEY -> "import.json.duplicateKey";
            case INCOMPLETE -> "import.json.incomplete";
            case OUT_OF_RANGE -> "import.json.outOfRange";
            case UNEXPECTED -> "import.json.unexpected";
            case INVALID -> "import.json.invalid";
        };
        String reason = syntax.reason();
        Object key = syntax.key();
        Object[] params = new Object[kv.length + 2];
        params[0] = "key";
        params[1] = key;
        System.arraycopy(kv, 0, params, 2, kv.length);
        return new Utf8Lines.BadLine(code, reason + where, params);
    }
}
