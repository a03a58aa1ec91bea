package org.labelcrew.shared;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** A keyset page: {@code next} is the cursor for {@code ?after=}, null on the last page. */
public record Page<T>(List<T> items, @Nullable String next) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public static int limit(Integer requested) {
        if (requested == null) return DEFAULT_LIMIT;
        if (requested < 1 || requested > MAX_LIMIT) {
            throw ApiException.invalid(ApiException.FieldError.coded("limit", "number.range", "must be between 1 and " + MAX_LIMIT,
                    "min", 1, "max", MAX_LIMIT));
        }
        return requested;
    }

    public static long after(String cursor) {
        if (cursor == null || cursor.isBlank()) return 0;
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw ApiException.invalid(ApiException.FieldError.coded("after", "page.badCursor", "is not a cursor from a previous page"));
        }
    }

    /** Builds a page from {@code limit + 1} fetched rows: the extra row only proves there is a next page. */
    public static <T> Page<T> of(List<T> rows, int limit, java.util.function.ToLongFunction<T> key) {
        if (rows.size() <= limit) return new Page<>(rows, null);
        List<T> items = rows.subList(0, limit);
        return new Page<>(List.copyOf(items), Long.toString(key.applyAsLong(items.get(limit - 1))));
    }
}
