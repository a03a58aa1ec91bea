package org.labelcrew.shared;

/**
 * Every size limit on what people send, in one place (docs/security.md lists them). Lengths are in characters (Unicode
 * code points) unless the name says bytes. A value over its limit is refused with 422 naming the field, a body over
 * {@link #JSON_BODY_MAX_BYTES} with 413.
 */
public final class InputLimits {

    private InputLimits() {
    }

    public static final int USERNAME_MIN = 3;
    public static final int USERNAME_MAX = 40;
    public static final int PASSWORD_MIN = 8;
    /** Argon2id has no byte limit (bcrypt stopped at 72 bytes: 24 Hangul syllables); this only bounds the work. */
    public static final int PASSWORD_MAX = 200;
    public static final int DISPLAY_NAME_MAX = 100;
    /** RFC 5321's longest forward path. */
    public static final int EMAIL_MAX = 254;
    public static final int PHONE_MAX = 30;
    public static final int TOKEN_NAME_MAX = 100;
    public static final int PROJECT_NAME_MAX = 200;
    public static final int PROJECT_DESCRIPTION_MAX = 10_000;
    /** A comment on a task (labeler ↔ reviewer ↔ manager), in characters. */
    public static final int COMMENT_MAX = 2_000;
    /**
     * Any JSON request body: a draft, a submitted result, a project with its schema, an exam with its items. 1 MiB is a
     * summary of a 300,000-syllable document; imports are files (multipart, LABELCREW_MAX_UPLOAD), not JSON bodies.
     */
    public static final int JSON_BODY_MAX_BYTES = 1 << 20;

    /** The largest amount of money one request names, in won (a rate, an adjustment): 100 million won. */
    public static final long PAY_AMOUNT_MAX = 100_000_000L;
    /** The longest reason of a pay adjustment. */
    public static final int PAY_REASON_MAX = 1000;

    /**
     * Whether a text holds a control character: names never may (a NUL cannot even be stored), descriptions may hold
     * line breaks and tabs only.
     */
    public static boolean hasControlCharacters(String s, boolean allowLineBreaks) {
        if (s == null) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                if (allowLineBreaks && (c == '\n' || c == '\r' || c == '\t')) continue;
                return true;
            }
        }
        return false;
    }
}
