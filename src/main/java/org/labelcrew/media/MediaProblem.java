package org.labelcrew.media;

/** Why a file cannot be taken as an image or audio file, in words a manager can act on ("is a truncated PNG …"). */
public class MediaProblem extends Exception {

    /** The problem for the browser to word (message code.<code>) where an import shows it; null when not coded. */
    private String code;
    private java.util.Map<String, Object> params = java.util.Map.of();

    /** Names the problem for the browser: {@code kv} are the parameters as name, value pairs. */
    public MediaProblem coded(String code, Object... kv) {
        java.util.Map<String, Object> p = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) p.put((String) kv[i], kv[i + 1]);
        this.code = code;
        this.params = java.util.Collections.unmodifiableMap(p);
        return this;
    }

    public String code() {
        return code;
    }

    public java.util.Map<String, Object> params() {
        return params;
    }


    public MediaProblem(String message) {
        super(message);
    }

    public MediaProblem(String message, Throwable cause) {
        super(message, cause);
    }
}
