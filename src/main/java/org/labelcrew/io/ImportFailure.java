package org.labelcrew.io;

import java.util.Map;

/**
 * Why a whole import stopped (not one line's fault), named for the browser to word: the job's only error becomes
 * {@code code} with {@code params}, its English message "The import stopped: …" as before.
 */
final class ImportFailure extends IllegalStateException {

    private final String code;
    private final Map<String, Object> params;

    /** {@code kv} are the parameters as name, value pairs. */
    ImportFailure(String code, String message, Throwable cause, Object... kv) {
        super(message, cause);
        this.code = code;
        this.params = ImportFormat.params(kv);
    }

    String code() {
        return code;
    }

    Map<String, Object> params() {
        return params;
    }
}
