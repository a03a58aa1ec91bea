package org.labelcrew.io.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.labelcrew.io.ExportFormat;
import org.labelcrew.media.Media;
import tools.jackson.databind.JsonNode;

/** Names of per-image files in dataset exports (yolo, voc): after the image's path in its import, safe in a zip. */
public final class ImagePaths {

    private ImagePaths() {
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
