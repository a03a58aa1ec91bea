package org.labelcrew.account;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Passwords people pick first ({@code common-passwords.txt} beside this class, written by
 * {@code src/test/resources/common-passwords/generate.py}): English and Korean favourites, keyboard walks such as
 * qwer1234 and 1q2w3e4r, digit runs and dates. A candidate is common when, lower-cased, it is on the list, or when what
 * is left after removing leading digits and trailing digits and symbols is (so "Password2024!" and "1004sarang" are
 * refused through "password" and "sarang").
 */
final class CommonPasswords {

    private static final Set<String> LIST = load();

    private CommonPasswords() {
    }

    static boolean isCommon(String password) {
        String p = password.trim().toLowerCase(Locale.ROOT);
        if (LIST.contains(p)) return true;
        if (p.codePoints().distinct().count() <= 2) return true; // aaaaaaaa, abababab
        int start = 0;
        int end = p.length();
        while (start < end && Character.isDigit(p.charAt(start))) start++;
        while (end > start && !Character.isLetter(p.charAt(end - 1))) end--;
        String core = p.substring(start, end);
        return core.length() >= 4 && LIST.contains(core);
    }

    static int size() {
        return LIST.size();
    }

    private static Set<String> load() {
        Set<String> set = new HashSet<>(8192);
        try (InputStream in = CommonPasswords.class.getResourceAsStream("common-passwords.txt")) {
            if (in == null) throw new IllegalStateException("common-passwords.txt is missing from the class path");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank()) set.add(line.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(set);
    }
}
