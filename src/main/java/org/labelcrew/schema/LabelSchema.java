package org.labelcrew.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A project's (or an exam's) label schema as typed {@link Field}s, in schema order: what io, scoring and export read
 * instead of walking {@code {"fields": [{"name", "type", …}]}}. Reading is lenient and never throws: a schema is
 * checked by {@link SchemaService} when it is saved, and this model only reads what is there (an entry that is not an
 * object is skipped; a missing name or type reads as empty; an unknown type is a {@link Field.Other}).
 */
public record LabelSchema(List<Field> fields) {

    public LabelSchema {
        fields = List.copyOf(fields);
    }

    /** The model of a schema document; a null or field-less document is a schema without fields. */
    public static LabelSchema of(JsonNode schema) {
        List<Field> fields = new ArrayList<>();
        if (schema != null) {
            for (JsonNode f : schema.path("fields")) {
                if (f.isObject()) fields.add(field(f));
            }
        }
        return new LabelSchema(fields);
    }

    private static Field field(JsonNode f) {
        String name = f.path("name").asString("");
        String type = f.path("type").asString("");
        return switch (type) {
            case "choice" -> new Field.Choice(name, f);
            case "text" -> new Field.Text(name, f);
            case "spans" -> new Field.Spans(name, f);
            case "relations" -> new Field.Relations(name, f);
            case "extractive" -> new Field.Extractive(name, f);
            case "abstractive" -> new Field.Abstractive(name, f);
            case "boxes" -> new Field.Boxes(name, f);
            case "polygons" -> new Field.Polygons(name, f);
            case "keypoints" -> new Field.Keypoints(name, f);
            case "segments" -> new Field.Segments(name, f);
            default -> new Field.Other(name, type, f);
        };
    }

    /** The first field named {@code name}, of whatever type. */
    public Optional<Field> field(String name) {
        if (name == null) return Optional.empty();
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** The fields of one type, in schema order. */
    public <T extends Field> List<T> fields(Class<T> type) {
        return fields.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The first field of one type. */
    public <T extends Field> Optional<T> first(Class<T> type) {
        return fields.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /**
     * The field a converted value goes to: the one named {@code name} when it is of one of {@code types}, else the
     * only field of those types (a Label Studio config names its control "label" where the project says "entities"),
     * else none.
     */
    @SafeVarargs
    public final Optional<Field> match(String name, Class<? extends Field>... types) {
        Optional<Field> byName = field(name);
        if (byName.isPresent() && isOneOf(byName.get(), types)) return byName;
        List<Field> candidates = fields.stream().filter(f -> isOneOf(f, types)).toList();
        return candidates.size() == 1 ? Optional.of(candidates.get(0)) : Optional.empty();
    }

    private static boolean isOneOf(Field f, Class<? extends Field>[] types) {
        for (Class<? extends Field> t : types) if (t.isInstance(f)) return true;
        return false;
    }
}
