package org.labelcrew.schema.scoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.labelcrew.schema.Field;
import org.labelcrew.schema.LabelSchema;
import org.springframework.stereotype.Component;

/**
 * Agreement over overlapping annotations, per field of the schema, per label and per pair of workers, by the
 * {@link AgreementMeasure} bean of each field's type. Fields of a type without a measure are listed, unmeasured.
 */
@Component
public class Agreements {

    private final Map<String, AgreementMeasure> measures = new LinkedHashMap<>();

    public Agreements(List<AgreementMeasure> all) {
        for (AgreementMeasure m : all) {
            if (measures.put(m.type(), m) != null) throw new IllegalStateException("Two agreement measures for type " + m.type());
        }
    }

    public boolean canMeasure(String type) {
        return measures.containsKey(type);
    }

    /**
     * One field's agreement: {@code items} annotated by two or more workers that went into the figures,
     * {@code workers} who annotated any of them, the figures (empty when {@code measured} is false: no measure for
     * the type yet), and the same per label and per pair of workers (those with items in common).
     */
    public record FieldAgreement(String field, String type, boolean measured, long items, int workers,
            Map<String, Double> measures, List<LabelAgreement> perLabel, List<PairAgreement> perPair) {
    }

    public record LabelAgreement(String label, long items, Map<String, Double> measures) {
    }

    /** {@code a} < {@code b}: account ids of the two workers. */
    public record PairAgreement(long a, long b, long items, Map<String, Double> measures) {
    }

    public List<FieldAgreement> agreement(LabelSchema schema, List<AgreementMeasure.Unit> units) {
        List<FieldAgreement> out = new ArrayList<>();
        for (Field f : schema.fields()) out.add(agreement(f, units));
        return out;
    }

    public FieldAgreement agreement(Field field, List<AgreementMeasure.Unit> units) {
        AgreementMeasure m = measures.get(field.type());
        int workers = (int) units.stream().filter(u -> u.results().size() > 1)
                .flatMap(u -> u.results().keySet().stream()).distinct().count();
        if (m == null) return new FieldAgreement(field.name(), field.type(), false, 0, workers, Map.of(), List.of(), List.of());
        AgreementMeasure.Figures all = m.measure(field, units, null);
        List<LabelAgreement> perLabel = new ArrayList<>();
        for (String label : m.labels(field, units)) {
            AgreementMeasure.Figures f = m.measure(field, units, label);
            if (f.items() > 0) perLabel.add(new LabelAgreement(label, f.items(), f.values()));
        }
        List<PairAgreement> perPair = new ArrayList<>();
        for (Map.Entry<List<Long>, List<AgreementMeasure.Unit>> e : pairs(units).entrySet()) {
            AgreementMeasure.Figures f = m.measure(field, e.getValue(), null);
            if (f.items() > 0) perPair.add(new PairAgreement(e.getKey().get(0), e.getKey().get(1), f.items(), f.values()));
        }
        return new FieldAgreement(field.name(), field.type(), true, all.items(), workers, all.values(), perLabel, perPair);
    }

    /** Every pair of workers with the items both annotated, each reduced to the two of them; in one pass. */
    private static Map<List<Long>, List<AgreementMeasure.Unit>> pairs(List<AgreementMeasure.Unit> units) {
        Map<List<Long>, List<AgreementMeasure.Unit>> out = new TreeMap<>((x, y) -> x.get(0).equals(y.get(0))
                ? Long.compare(x.get(1), y.get(1)) : Long.compare(x.get(0), y.get(0)));
        for (AgreementMeasure.Unit u : units) {
            for (WorkerPairs.Pair p : WorkerPairs.of(u)) {
                Map<Long, tools.jackson.databind.JsonNode> two = new LinkedHashMap<>();
                two.put(p.a(), p.resultA());
                two.put(p.b(), p.resultB());
                out.computeIfAbsent(List.of(p.a(), p.b()), k -> new ArrayList<>()).add(new AgreementMeasure.Unit(u.itemId(), u.data(), two));
            }
        }
        return out;
    }

    static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }

    static void put(Map<String, Double> m, String name, @Nullable Double v) {
        if (v != null && !v.isNaN() && !v.isInfinite()) m.put(name, round(v));
    }
}
