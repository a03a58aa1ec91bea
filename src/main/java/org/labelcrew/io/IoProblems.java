package org.labelcrew.io;

import java.util.List;
import java.util.Map;
import org.labelcrew.shared.ApiException;
import org.labelcrew.shared.ApiException.FieldError;

/**
 * The 422 of an import or export request with one field at fault. The field's error carries its code (said in the
 * reader's language by the browser); so does the problem's detail, unless the caller names a more specific one with
 * {@code withCode}. The English detail stays {@code field: message}, as scripts read it.
 */
public final class IoProblems {

    private IoProblems() {
    }

    public static ApiException invalid(FieldError error) {
        Map<String, Object> params = error.params() == null ? Map.of() : error.params();
        return ApiException.invalid(error.field() + ": " + error.message(), List.of(error)).withCode(error.code(), params);
    }
}
