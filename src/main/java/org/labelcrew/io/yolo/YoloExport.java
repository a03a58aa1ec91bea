package org.labelcrew.io.yolo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.labelcrew.io.ExportFormat;
import org.labelcrew.io.support.ImagePaths;
import org.labelcrew.media.Media;
import org.labelcrew.media.MediaStore;
import org.labelcrew.schema.Field;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Ultralytics YOLO dataset as a zip: {@code labels/[split/]<name>.txt} per approved image (detection: one line
 * {@code class cx cy w h} per box; segmentation: {@code class x1 y1 x2 y2 …} per polygon; all normalised to 0–1 by the
 * image's size), {@code data.yaml} with the class names in the schema's label order, and with the {@code media} option
 * the images themselves under {@code images/[split/]}. Streamed: one task and one image in memory at a time (the zip's
 * central directory keeps one small entry per file, as every zip does).
 */
@Component
class YoloExport implements ExportFormat {

    private final MediaStore media;

    YoloExport(MediaStore media) {
        this.media = media;
    }

    @Override
    public String name() {
        return "yolo";
    }

    @Override
    public String contentType() {
        return "application/zip";
    }

    @Override
    public String extension() {
        return "zip";
    }

    @Override
    public void check(Context context) {
        field(context);
    }

    static Field.OnImage field(Context context) {
        return ImagePaths.shapeField(context, "YOLO");
    }

    static boolean withMedia(Context context) {
        return ImagePaths.withMedia(context);
    }

    @Override
    public Writer open(OutputStream out, Context context) {
        Field.OnImage field = field(context);
        List<String> names = new ArrayList<>(field.labels());
        boolean withMedia = withMedia(context);
        boolean polygons = field instanceof Field.Polygons;
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        Set<String> used = new HashSet<>();
        Set<String> splits = new java.util.TreeSet<>();
        return new Writer() {
            @Override
            public void write(Item item) throws IOException {
                JsonNode data = item.data();
                long mediaId = data.path(field.source()).asLong(-1);
                double width = data.path("width").asDouble(0);
                double height = data.path("height").asDouble(0);
                // Looked up only when needed; a medium of another project (task data can name any id) is never copied.
                Optional<Media> m = mediaId < 0 || !(withMedia || width <= 0 || height <= 0) ? Optional.empty()
                        : media.find(mediaId).filter(x -> context.projectId() == 0 || x.projectId() == context.projectId());
                if ((width <= 0 || height <= 0) && m.isPresent() && m.get().width() != null) {
                    width = m.get().width();
                    height = m.get().height();
                }
                if (width <= 0 || height <= 0) {
                    throw new IOException("task " + item.id() + ": the image's size is unknown (no width/height in its data)");
                }
                String folder = item.split() == null ? "" : item.split() + "/";
                if (item.split() != null) splits.add(item.split());
                String stem = ImagePaths.stem(item, data, used);
                StringBuilder lines = new StringBuilder();
                // The accepted work: one annotation per task in a YOLO dataset (the first, as overlap exports elsewhere
                // list them all but a label file has room for one truth).
                JsonNode objects = item.annotations().isEmpty() ? null : item.annotations().get(0).result().get(field.name());
                if (objects != null) {
                    for (JsonNode o : objects) {
                        int cls = names.indexOf(o.path("label").asString(""));
                        if (cls < 0) continue;
                        lines.append(cls);
                        if (polygons) {
                            for (JsonNode p : o.path("points")) {
                                lines.append(' ').append(num(p.path(0).asDouble() / width))
                                        .append(' ').append(num(p.path(1).asDouble() / height));
                            }
                        } else {
                            double x = o.path("x").asDouble(), y = o.path("y").asDouble();
                            double w = o.path("w").asDouble(), h = o.path("h").asDouble();
                            lines.append(' ').append(num((x + w / 2) / width)).append(' ').append(num((y + h / 2) / height))
                                    .append(' ').append(num(w / width)).append(' ').append(num(h / height));
                        }
                        lines.append('\n');
                    }
                }
                zip.putNextEntry(new ZipEntry("labels/" + folder + stem + ".txt"));
                zip.write(lines.toString().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
                if (withMedia && m.isPresent()) {
                    Media image = m.get();
                    zip.putNextEntry(new ZipEntry("images/" + folder + stem + "." + ImagePaths.extension(image)));
                    try (InputStream in = media.open(image.blobKey(), 0, image.size())) {
                        in.transferTo(zip);
                    }
                    zip.closeEntry();
                }
            }

            @Override
            public void close() throws IOException {
                StringBuilder yaml = new StringBuilder("# LabelCrew YOLO export (").append(polygons ? "segmentation" : "detection")
                        .append(", field ").append(quote(field.name())).append(")\npath: .\n");
                if (splits.isEmpty()) {
                    yaml.append("train: images\nval: images\n");
                } else {
                    for (String s : splits) yaml.append(yamlKey(s)).append(": images/").append(s).append('\n');
                }
                yaml.append("nc: ").append(names.size()).append("\nnames:\n");
                for (int i = 0; i < names.size(); i++) yaml.append("  ").append(i).append(": ").append(quote(names.get(i))).append('\n');
                zip.putNextEntry(new ZipEntry("data.yaml"));
                zip.write(yaml.toString().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
                zip.finish(); // the caller owns out
            }
        };
    }

    /** YOLO's own key for the validation split. */
    private static String yamlKey(String split) {
        return "validation".equals(split) ? "val" : split;
    }

    /** Six decimals, the precision YOLO tools write, without trailing zeros. */
    static String num(double v) {
        String s = String.format(Locale.ROOT, "%.6f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
