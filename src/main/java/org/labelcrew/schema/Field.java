package org.labelcrew.schema;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * One field of a {@link LabelSchema}, typed: what importers, exporters and scorers read of a field's definition
 * ({@code source} of spans, {@code between} of relations…) without walking its JSON. {@link #definition()} is the
 * field's JSON as saved, for the keys a reader needs and the model does not name. A type the model does not know
 * ({@code boxes} in an old exam schema) is an {@link Other}: read, never refused.
 */
public sealed interface Field
        permits Field.Choice, Field.Text, Field.Spans, Field.Relations, Field.Extractive, Field.Abstractive,
        Field.OnImage, Field.Segments, Field.Other {

    /** The key of this field's value in a result. */
    String name();

    /** The {@code type} string in the schema document. */
    String type();

    /** The field's JSON object as saved in the schema. */
    JsonNode definition();

    /** This field's value in a result keyed by field name; null when the result or the value is absent. */
    default JsonNode value(JsonNode result) {
        return result == null ? null : result.get(name());
    }

    /** Single- or multi-label classification. */
    record Choice(String name, JsonNode definition) implements Field {
        public String type() {
            return "choice";
        }

        public boolean multiple() {
            return definition.path("multiple").asBoolean(false);
        }
    }

    /** Free text. */
    record Text(String name, JsonNode definition) implements Field {
        public String type() {
            return "text";
        }
    }

    /** Entity spans over a text of the task's data, offsets in code points of its NFC form. */
    record Spans(String name, JsonNode definition) implements Field {
        public String type() {
            return "spans";
        }

        /** The data key whose text the spans point into ({@code source}, default {@code text}). */
        public String source() {
            JsonNode s = definition.get("source");
            return s != null && s.isString() ? s.asString() : "text";
        }

        /** The text the spans of a task with {@code data} point into, as stored; null when the task has none. */
        public String text(JsonNode data) {
            JsonNode t = data == null ? null : data.get(source());
            return t != null && t.isString() ? t.asString() : null;
        }

        /** The label values. */
        public Set<String> labels() {
            return Field.labels(definition);
        }
    }

    /** Labelled links between spans of the spans field named by {@link #between()}. */
    record Relations(String name, JsonNode definition) implements Field {
        public String type() {
            return "relations";
        }

        /** The name of the spans field whose spans are linked; empty when the definition does not say. */
        public String between() {
            return definition.path("between").asString("");
        }

        /** The label values. */
        public Set<String> labels() {
            return Field.labels(definition);
        }
    }

    /** Extractive summary: indices of sentences picked from the task's document. */
    record Extractive(String name, JsonNode definition) implements Field {
        public String type() {
            return "extractive";
        }

        /**
         * The sentences of a task's document that the indices run over: {@code data.sentences}, or
         * {@code data.paragraphs} flattened in order; empty when the data holds neither in that shape (a paragraph
         * that is not an array). A sentence that is not a string counts, as an empty one.
         */
        public static Optional<List<String>> sentences(JsonNode data) {
            if (data == null) return Optional.empty();
            JsonNode sentences = data.get("sentences");
            if (sentences != null && sentences.isArray()) {
                List<String> out = new ArrayList<>(sentences.size());
                for (JsonNode s : sentences) out.add(s.asString(""));
                return Optional.of(out);
            }
            JsonNode paragraphs = data.get("paragraphs");
            if (paragraphs != null && paragraphs.isArray()) {
                List<String> out = new ArrayList<>();
                for (JsonNode p : paragraphs) {
                    if (!p.isArray()) return Optional.empty();
                    for (JsonNode s : p) out.add(s.asString(""));
                }
                return Optional.of(out);
            }
            return Optional.empty();
        }
    }

    /** Abstractive summary: a text written for the task's document. */
    record Abstractive(String name, JsonNode definition) implements Field {
        public String type() {
            return "abstractive";
        }
    }

    /** A field drawn on a task's image ({@code boxes}, {@code polygons}, {@code keypoints}). */
    sealed interface OnImage extends Field permits Boxes, Polygons, Keypoints {
        /** The data key holding the media id of the image ({@code source}, default {@code image}). */
        default String source() {
            JsonNode s = definition().get("source");
            return s != null && s.isString() ? s.asString() : "image";
        }

        /** The label values. */
        default Set<String> labels() {
            return Field.labels(definition());
        }

        /** The names of the per-object attributes the definition declares. */
        default List<String> attributeNames() {
            List<String> names = new ArrayList<>();
            for (JsonNode a : definition().path("attributes")) names.add(a.path("name").asString(""));
            return names;
        }
    }

    /** Axis-aligned boxes {@code {x, y, w, h, label, attributes}} in source pixels. */
    record Boxes(String name, JsonNode definition) implements OnImage {
        public String type() {
            return "boxes";
        }

        /** The IoU from which a box matches a reference box of the same label when scored ({@code iou}, 0.5). */
        public double iouThreshold() {
            return definition.path("iou").asDouble(0.5);
        }
    }

    /** Polygons {@code {points: [[x, y], …], label, attributes}} in source pixels. */
    record Polygons(String name, JsonNode definition) implements OnImage {
        public String type() {
            return "polygons";
        }

        /** The IoU from which a polygon matches a reference polygon of the same label ({@code iou}, 0.5). */
        public double iouThreshold() {
            return definition.path("iou").asDouble(0.5);
        }
    }

    /** Named key points {@code {x, y, label}}; {@code skeleton} lists the pairs of labels drawn as lines. */
    record Keypoints(String name, JsonNode definition) implements OnImage {
        public String type() {
            return "keypoints";
        }

        /**
         * The distance in source pixels within which a point matches a reference point of the same label when scored
         * ({@code tolerance}, default 10).
         */
        public double tolerance() {
            return definition.path("tolerance").asDouble(10);
        }

        /**
         * The share of the image's diagonal within which two workers' points of the same label agree
         * ({@code agreementDistance}, default 0.05: 5 % of the diagonal, about 110 px on a 1920×1080 image).
         */
        public double agreementDistance() {
            return definition.path("agreementDistance").asDouble(0.05);
        }

        /** The skeleton's edges as pairs of label values. */
        public List<List<String>> skeleton() {
            List<List<String>> edges = new ArrayList<>();
            for (JsonNode e : definition.path("skeleton")) {
                if (e.isArray() && e.size() == 2) edges.add(List.of(e.get(0).asString(""), e.get(1).asString("")));
            }
            return edges;
        }
    }

    /** Time segments {@code {start, end, label, transcript}} in seconds of the task's audio. */
    record Segments(String name, JsonNode definition) implements Field {
        public String type() {
            return "segments";
        }

        /** The data key holding the media id of the audio ({@code source}, default {@code audio}). */
        public String source() {
            JsonNode s = definition.get("source");
            return s != null && s.isString() ? s.asString() : "audio";
        }

        /** The label values (speakers). */
        public Set<String> labels() {
            return Field.labels(definition);
        }

        /** Whether each segment carries a transcript. */
        public boolean transcript() {
            return definition.path("transcript").asBoolean(false);
        }

        /** Whether transcripts follow the KsponSpeech conventions ({@code "conventions": "kspon"}). */
        public boolean kspon() {
            return "kspon".equals(definition.path("conventions").asString(""));
        }

        /** The temporal IoU from which a segment matches a reference segment of the same label ({@code iou}, 0.5). */
        public double iouThreshold() {
            return definition.path("iou").asDouble(0.5);
        }
    }

    /** A field of a type this model does not know; readers skip it, scorers name it as not scored. */
    record Other(String name, String type, JsonNode definition) implements Field {
    }

    /** The {@code labels} values of a spans or relations definition (strings or {@code {value, …}}). */
    private static Set<String> labels(JsonNode definition) {
        Set<String> values = new LinkedHashSet<>();
        for (JsonNode l : definition.path("labels")) {
            if (l.isString()) values.add(l.asString());
            else if (l.path("value").isString()) values.add(l.get("value").asString());
        }
        return values;
    }
}
