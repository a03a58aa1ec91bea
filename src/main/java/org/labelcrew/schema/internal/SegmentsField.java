package org.labelcrew.schema.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.labelcrew.schema.FieldType;
import org.labelcrew.schema.Transcripts;
import org.labelcrew.shared.ApiException.FieldError;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Time segments of the task's audio: {@code [{"start", "end", "label", "transcript"}]} in seconds, {@code label} the
 * speaker. {@code 0 ≤ start < end ≤ duration} (when the task data gives the duration). With {@code "transcript": true}
 * each segment carries a transcript (a string, at most {@code maxChars}); {@code "conventions": "kspon"} checks it by
 * the KsponSpeech notation ({@link Transcripts}). Speakers may talk over each other, so segments may overlap unless
 * {@code "allowOverlap": false}.
 */
@Component
class SegmentsField implements FieldType {

    static final int MAX_SEGMENTS = 10_000;
    static final int MAX_TRANSCRIPT = 10_000;

    @Override
    public String type() {
        return "segments";
    }

    @Override
    public void checkDefinition(JsonNode field, String path, List<FieldError> errors) {
        Labels.check(field, path, errors);
        Limits.checkCount(field, path, errors, MAX_SEGMENTS);
        Limits.checkBoolean(field, "transcript", path, errors);
        Limits.checkBoolean(field, "allowOverlap", path, errors);
        Limits.check(field, path, errors, MAX_TRANSCRIPT);
        MediaBounds.checkSource(field, path, errors);
        JsonNode conventions = field.get("conventions");
        if (conventions != null && !conventions.isNull() && !"kspon".equals(conventions.asString(""))) {
            errors.add(FieldError.coded(path + ".conventions", "segments.badConventions", "must be \"kspon\" (KsponSpeech transcription) or left out"));
        } else if (conventions != null && !conventions.isNull() && !field.path("transcript").asBoolean(false)) {
            errors.add(FieldError.coded(path + ".conventions", "segments.conventionsNeedTranscript", "needs \"transcript\": true"));
        }
        JsonNode iou = field.get("iou");
        if (iou != null && !iou.isNull() && !(iou.isNumber() && iou.asDouble() > 0 && iou.asDouble() <= 1)) {
            errors.add(FieldError.coded(path + ".iou", "iou.invalid", "must be a number in (0, 1], the overlap from which a segment matches when scored"));
        }
    }

    @Override
    public void checkValue(JsonNode field, JsonNode value, JsonNode data, JsonNode result, String path,
            List<FieldError> errors) {
        if (!value.isArray()) {
            errors.add(FieldError.coded(path, "value.notArray", "must be an array of {\"start\", \"end\", \"label\", \"transcript\"}",
                    "shape", "{\"start\", \"end\", \"label\", \"transcript\"}"));
            return;
        }
        Double duration = MediaBounds.duration(data);
        Set<String> labels = Labels.values(field);
        boolean transcript = field.path("transcript").asBoolean(false);
        boolean kspon = "kspon".equals(field.path("conventions").asString(""));
        List<double[]> good = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode s = value.get(i);
            String at = path + "[" + i + "]";
            if (!s.isObject()) {
                errors.add(FieldError.coded(at, "value.notObject", "must be an object {\"start\", \"end\", \"label\", \"transcript\"}",
                        "shape", "{\"start\", \"end\", \"label\", \"transcript\"}"));
                continue;
            }
            Double start = MediaBounds.number(s, "start", at, errors);
            Double end = MediaBounds.number(s, "end", at, errors);
            if (start != null && start < 0) {
                errors.add(FieldError.coded(at + ".start", "segment.negativeStart", "must be 0 or more (seconds)"));
            } else if (start != null && end != null) {
                if (end <= start) {
                    errors.add(FieldError.coded(at + ".end", "segment.endNotAfterStart", "must be more than start (" + MediaBounds.fmt(start) + " s)",
                            "start", start));
                } else if (duration != null && end > duration) {
                    errors.add(FieldError.coded(at + ".end", "segment.outsideAudio", MediaBounds.fmt(end) + " s is past the end of the audio ("
                            + MediaBounds.fmt(duration) + " s)", "end", end, "duration", duration));
                } else {
                    good.add(new double[] {start, end, i});
                }
            }
            MediaBounds.checkLabel(s, labels, at, errors);
            JsonNode t = s.get("transcript");
            if (!transcript) {
                if (t != null && !t.isNull()) errors.add(FieldError.coded(at + ".transcript", "segment.noTranscripts", "this field has no transcripts"));
            } else if (t == null || !t.isString()) {
                errors.add(FieldError.coded(at + ".transcript", "value.notString", "must be a string (the words said)"));
            } else {
                Limits.checkLength(field, t.asString(), at + ".transcript", errors, MAX_TRANSCRIPT);
                if (kspon) {
                    for (Transcripts.Problem problem : Transcripts.ksponIssues(t.asString())) {
                        errors.add(FieldError.coded(at + ".transcript", problem.code(), problem.message(), "at", problem.at()));
                    }
                }
            }
        }
        if (!field.path("allowOverlap").asBoolean(true)) {
            good.sort(Comparator.<double[]>comparingDouble(g -> g[0]).thenComparingDouble(g -> g[1]));
            double[] reach = null;
            String name = path.substring(path.lastIndexOf('.') + 1);
            for (double[] g : good) {
                if (reach != null && g[0] < reach[1]) {
                    String other = name + "[" + (int) reach[2] + "]";
                    errors.add(FieldError.coded(path + "[" + (int) g[2] + "]", "segment.overlap", "overlaps " + other + " ("
                            + MediaBounds.fmt(reach[0]) + "–" + MediaBounds.fmt(reach[1]) + " s); this field does not allow overlap",
                            "other", other, "start", reach[0], "end", reach[1]));
                }
                if (reach == null || g[1] > reach[1]) reach = g;
            }
        }
        Limits.checkCountValue(field, value.size(), "segments", path, errors);
    }
}
