package org.labelcrew.quality;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.labelcrew.schema.Field;
import org.labelcrew.schema.LabelSchema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Merges the overlapping results of one task into one, by a named strategy:
 * <ul>
 * <li>{@code MAJORITY} — per field, the value most workers gave (values compared as JSON, arrays as the set of their
 * elements without ids); a tie goes to the earliest worker's value among the tied (the first to submit), and is
 * reported.</li>
 * <li>{@code BEST_GOLD} — the whole result of the worker with the best mean gold score (no gold answers: last); ties
 * to the earliest.</li>
 * <li>{@code REVIEWER} — the result a reviewer accepted (approved after looking, or corrected); of several, the one
 * accepted last; none: {@code MAJORITY}.</li>
 * </ul>
 */
final class Consensus {

    enum Strategy { MAJORITY, BEST_GOLD, REVIEWER }

    private Consensus() {
    }

    /** One worker's result on the task, in submission order. {@code reviewed}: a reviewer accepted it after looking. */
    record Vote(long accountId, JsonNode result, boolean reviewed, long order, @Nullable Double goldMean) {
    }

    /** The merged result; {@code from}: the worker whose whole result it is (null when merged field by field). */
    record Merged(JsonNode result, @Nullable Long from, List<String> ties, boolean unanimous) {
    }

    static Strategy strategy(@Nullable String name) {
        if (name == null || name.isBlank()) return Strategy.MAJORITY;
        return Strategy.valueOf(name.strip().toUpperCase(Locale.ROOT));
    }

    static Merged merge(Strategy strategy, LabelSchema schema, List<Vote> votes) {
        if (votes.isEmpty()) throw new IllegalArgumentException("no results to merge");
        boolean unanimous = votes.stream().allMatch(v -> canonical(v.result()).equals(canonical(votes.get(0).result())));
        switch (strategy) {
            case BEST_GOLD -> {
                Vote best = votes.get(0);
                for (Vote v : votes) {
                    double b = best.goldMean() == null ? -1 : best.goldMean();
                    double c = v.goldMean() == null ? -1 : v.goldMean();
                    if (c > b || (c == b && v.order() < best.order())) best = v;
                }
                return new Merged(best.result(), best.accountId(), List.of(), unanimous);
            }
            case REVIEWER -> {
                Vote chosen = null;
                for (Vote v : votes) if (v.reviewed() && (chosen == null || v.order() > chosen.order())) chosen = v;
                if (chosen != null) return new Merged(chosen.result(), chosen.accountId(), List.of(), unanimous);
                return majority(schema, votes, unanimous);
            }
            default -> {
                return majority(schema, votes, unanimous);
            }
        }
    }

    private static Merged majority(LabelSchema schema, List<Vote> votes, boolean unanimous) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        List<String> ties = new ArrayList<>();
        List<Vote> ordered = new ArrayList<>(votes);
        ordered.sort((a, b) -> Long.compare(a.order(), b.order()));
        for (Field f : schema.fields()) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            Map<String, JsonNode> first = new LinkedHashMap<>();
            for (Vote v : ordered) {
                JsonNode value = f.value(v.result());
                if (value == null || value.isNull()) continue;
                String key = canonical(value);
                counts.merge(key, 1, Integer::sum);
                first.putIfAbsent(key, value);
            }
            if (counts.isEmpty()) continue;
            int top = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            // first key in submission order with the top count
            String winner = counts.entrySet().stream().filter(e -> e.getValue() == top).findFirst().orElseThrow().getKey();
            if (counts.values().stream().filter(c -> c == top).count() > 1) ties.add(f.name());
            out.set(f.name(), first.get(winner));
        }
        return new Merged(out, null, ties, unanimous);
    }

    /**
     * A value as a comparable string: objects by sorted keys without {@code id} (span ids differ between workers),
     * arrays as the sorted set of their elements.
     */
    static String canonical(@Nullable JsonNode v) {
        if (v == null || v.isNull()) return "null";
        if (v.isObject()) {
            List<String> keys = new ArrayList<>();
            for (String k : v.propertyNames()) keys.add(k);
            keys.remove("id");
            keys.sort(null);
            StringBuilder sb = new StringBuilder("{");
            for (String k : keys) sb.append(k).append('=').append(canonical(v.get(k))).append(';');
            return sb.append('}').toString();
        }
        if (v.isArray()) {
            List<String> items = new ArrayList<>();
            v.forEach(x -> items.add(canonical(x)));
            items.sort(null);
            return items.stream().distinct().toList().toString();
        }
        return v.toString();
    }
}
