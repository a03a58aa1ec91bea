package org.labelcrew.schema.scoring;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.labelcrew.schema.Field;
import tools.jackson.databind.JsonNode;

/**
 * How far the workers who annotated the same items agree on one field, for one annotation type of the label schema —
 * the agreement counterpart of {@link Scorer}. Every bean of this type is collected by {@link Agreements}, keyed by
 * {@link #type()}: a new annotation type (boxes, segments) plugs in with one new {@code @Component}. There is no
 * reference here: every worker's answer counts the same.
 */
public interface AgreementMeasure {

    /** The field {@code type} of the label schema this measure handles. */
    String type();

    /**
     * The figures (named, e.g. {@code fleissKappa}, {@code spanF1Exact}) over {@code units}, each an item annotated by
     * one or more workers. With {@code label} set, only that label counts (per-label figures: a choice becomes "this
     * option or not", spans and relations keep the ones with that label). A figure that is undefined for the data (one
     * annotator) is left out; {@link Figures#items()} counts the items that went into the figures.
     */
    Figures measure(Field field, List<Unit> units, @Nullable String label);

    /** The labels a per-label breakdown splits into: by default every label seen in the values. */
    default Set<String> labels(Field field, List<Unit> units) {
        Set<String> out = new LinkedHashSet<>();
        for (Unit u : units) {
            for (JsonNode result : u.results().values()) {
                JsonNode v = field.value(result);
                if (v == null) continue;
                if (v.isArray()) v.forEach(x -> out.add(x.isObject() ? x.path("label").asString("") : x.asString("")));
                else if (v.isString()) out.add(v.asString());
            }
        }
        out.remove("");
        return out;
    }

    /** One item and the whole result of each worker who annotated it (keyed by account id). */
    record Unit(long itemId, JsonNode data, Map<Long, JsonNode> results) {
    }

    /** Named figures and the number of items behind them. */
    record Figures(long items, Map<String, Double> values) {
    }
}
