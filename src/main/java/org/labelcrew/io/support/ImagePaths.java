package org.labelcrew.io.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.labelcrew.io.IoProblems;
import org.labelcrew.io.ExportFormat;
import org.labelcrew.media.Media;
import org.labelcrew.schema.Field;
import org.labelcrew.schema.LabelSchema;
import org.labelcrew.shared.ApiException;
import tools.jackson.databind.JsonNode;

/**
 * What the per-image dataset exports (yolo, voc) share: the shape field they write, their {@code media} option, and
 * the names of per-image files (after the image's path in its import, safe in a zip).
 */
public final class ImagePaths {

    private ImagePaths() {
    }

    /**
     * The field to write: the {@code field} option, else the schema's first boxes field, else its first polygons field;
     * a 422 naming {@code field} (or {@code format} when the schema has neither) otherwise.
     */
    public static Field.OnImage shapeField(ExportFormat.Context context, String formatName) {
        LabelSchema schema = LabelSchema.of(context.schema());
        String name = context.field();
        if (name != null) {
            Optional<Field> f = schema.field(name);
            if (f.isEmpty() || !(f.get() instanceof Field.Boxes || f.get() instanceof Field.Polygons)) {
                throw IoProblems.invalid(ApiException.FieldError.coded("field", "io.export.notFieldOfType",
                        "'" + name + "' is not a boxes or polygons field of this project", "name", name, "types", "boxes, polygons"));
            }
            return (Field.OnImage) f.get();
        }
        Optional<? extends Field.OnImage> f = schema.first(Field.Boxes.class);
        if (f.isEmpty()) f = schema.first(Field.Polygons.class);
        return f.orElseThrow(() -> IoProblems.invalid(ApiException.FieldError.coded("format", "io.export.needsField",
                "a " + formatName + " export needs a boxes or polygons field in the project's schema", "format", formatName,
                "types", "boxes, polygons")));
    }

    /** The {@code media} option: the images go into the zip too. */
    public static boolean withMedia(ExportFormat.Context context) {
        return context.options() != null && context.options().path("media").asBoolean(false);
    }

    /**
     * The file name (without extension): the image's path in its import ({@code file}) without extension, so that it sits beside
     * {@code images/} as YOLO expects; the task id when there is none, or when two tasks would share a name.
     */
    public static String stem(ExportFormat.Item item, JsonNode data, Set<String> used) {
        String file = data.path("file").asString("");
        List<String> parts = new ArrayList<>();
        for (String p : file.replace('\\', '/').split("/")) {
            if (!p.isEmpty() && !p.equals(".") && !p.equals("..")) parts.add(p);
        }
        String name;
        if (parts.isEmpty()) {
            name = "task-" + item.id();
        } else {
            String last = parts.remove(parts.size() - 1);
            int dot = last.lastIndexOf('.');
            parts.add(dot > 0 ? last.substring(0, dot) : last);
            name = String.join("/", parts);
        }
        String key = (item.split() == null ? "" : item.split() + "/") + name;
        if (!used.add(key)) {
            name = name + "-task-" + item.id();
            used.add((item.split() == null ? "" : item.split() + "/") + name);
        }
        return name;
    }

    public static String extension(Media m) {
        String n = m.fileName();
        if (n != null && n.lastIndexOf('.') > 0) return n.substring(n.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return switch (m.contentType()) {
            case "image/png" -> "png";
            case "image/webp" -> "webp";
            case "image/gif" -> "gif";
            case "image/bmp" -> "bmp";
            default -> "jpg";
        };
    }
}
