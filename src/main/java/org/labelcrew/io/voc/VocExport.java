package org.labelcrew.io.voc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.labelcrew.io.ExportFormat;
import org.labelcrew.io.support.ImagePaths;
import org.labelcrew.media.Media;
import org.labelcrew.media.MediaStore;
import org.labelcrew.schema.Field;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Pascal VOC as a zip: {@code Annotations/<image path>.xml} per approved image (size, and an {@code object} per box
 * with {@code bndbox} in source pixels; a polygon field is written as its polygons' bounding boxes), the {@code media}
 * option copying the images under {@code JPEGImages/}, and {@code ImageSets/Main/<split>.txt} when the export splits.
 * Streamed: one task and one image at a time.
 */
@Component
class VocExport implements ExportFormat {

    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    private final MediaStore media;

    VocExport(MediaStore media) {
        this.media = media;
    }

    @Override
    public String name() {
        return "voc";
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
        return ImagePaths.shapeField(context, "VOC");
    }

    @Override
    public Writer open(OutputStream out, Context context) {
        Field.OnImage field = field(context);
        boolean withMedia = ImagePaths.withMedia(context);
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        Set<String> used = new HashSet<>();
        Map<String, StringBuilder> sets = new TreeMap<>();
        return new Writer() {
            @Override
            public void write(Item item) throws IOException {
                JsonNode data = item.data();
                long mediaId = data.path(field.source()).asLong(-1);
                int width = data.path("width").asInt(0);
                int height = data.path("height").asInt(0);
                Optional<Media> m = mediaId < 0 || !(withMedia || width <= 0 || height <= 0) ? Optional.empty()
                        : media.find(mediaId).filter(x -> context.projectId() == 0 || x.projectId() == context.projectId());
                if ((width <= 0 || height <= 0) && m.isPresent() && m.get().width() != null) {
                    width = m.get().width();
                    height = m.get().height();
                }
                String stem = ImagePaths.stem(item, data, used);
                if (item.split() != null) sets.computeIfAbsent(item.split(), s -> new StringBuilder()).append(stem).append('\n');
                String imageName = m.isPresent() ? stem + "." + ImagePaths.extension(m.get())
                        : data.path("file").asString(stem);
                JsonNode objects = item.annotations().isEmpty() ? null : item.annotations().get(0).result().get(field.name());
                zip.putNextEntry(new ZipEntry("Annotations/" + stem + ".xml"));
                zip.write(xml(imageName, data.path("file").asString(""), width, height, objects, field instanceof Field.Polygons));
                zip.closeEntry();
                if (withMedia && m.isPresent()) {
                    zip.putNextEntry(new ZipEntry("JPEGImages/" + imageName));
                    try (InputStream in = media.open(m.get().blobKey(), 0, m.get().size())) {
                        in.transferTo(zip);
                    }
                    zip.closeEntry();
                }
            }

            @Override
            public void close() throws IOException {
                for (var e : sets.entrySet()) {
                    zip.putNextEntry(new ZipEntry("ImageSets/Main/" + e.getKey() + ".txt"));
                    zip.write(e.getValue().toString().getBytes(StandardCharsets.UTF_8));
                    zip.closeEntry();
                }
                zip.finish(); // the caller owns out
            }
        };
    }

    static byte[] xml(String fileName, String path, int width, int height, JsonNode objects, boolean polygons)
            throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            XMLStreamWriter x = XML.createXMLStreamWriter(buf, "UTF-8");
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("annotation");
            element(x, 1, "folder", "JPEGImages");
            element(x, 1, "filename", fileName.contains("/") ? fileName.substring(fileName.lastIndexOf('/') + 1) : fileName);
            if (!path.isEmpty()) element(x, 1, "path", path);
            open(x, 1, "source");
            element(x, 2, "database", "LabelCrew");
            close(x, 1);
            open(x, 1, "size");
            element(x, 2, "width", Integer.toString(width));
            element(x, 2, "height", Integer.toString(height));
            element(x, 2, "depth", "3");
            close(x, 1);
            element(x, 1, "segmented", "0");
            if (objects != null) {
                for (JsonNode o : objects) {
                    double xmin, ymin, xmax, ymax;
                    if (polygons) {
                        xmin = ymin = Double.MAX_VALUE;
                        xmax = ymax = -Double.MAX_VALUE;
                        for (JsonNode p : o.path("points")) {
                            xmin = Math.min(xmin, p.path(0).asDouble());
                            xmax = Math.max(xmax, p.path(0).asDouble());
                            ymin = Math.min(ymin, p.path(1).asDouble());
                            ymax = Math.max(ymax, p.path(1).asDouble());
                        }
                    } else {
                        xmin = o.path("x").asDouble();
                        ymin = o.path("y").asDouble();
                        xmax = xmin + o.path("w").asDouble();
                        ymax = ymin + o.path("h").asDouble();
                    }
                    JsonNode attributes = o.path("attributes");
                    open(x, 1, "object");
                    element(x, 2, "name", o.path("label").asString(""));
                    element(x, 2, "pose", "Unspecified");
                    element(x, 2, "truncated", attributes.path("truncated").asBoolean(false) ? "1" : "0");
                    element(x, 2, "occluded", attributes.path("occluded").asBoolean(false) ? "1" : "0");
                    element(x, 2, "difficult", attributes.path("difficult").asBoolean(false) ? "1" : "0");
                    open(x, 2, "bndbox");
                    element(x, 3, "xmin", num(xmin));
                    element(x, 3, "ymin", num(ymin));
                    element(x, 3, "xmax", num(xmax));
                    element(x, 3, "ymax", num(ymax));
                    close(x, 2);
                    // Every attribute, as CVAT's VOC writes them, so that nothing the labeler set is lost.
                    if (attributes.isObject() && !attributes.isEmpty()) {
                        open(x, 2, "attributes");
                        for (var a : attributes.properties()) {
                            open(x, 3, "attribute");
                            element(x, 4, "name", a.getKey());
                            element(x, 4, "value", a.getValue().isString() ? a.getValue().asString() : a.getValue().toString());
                            close(x, 3);
                        }
                        close(x, 2);
                    }
                    close(x, 1);
                }
            }
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
        return buf.toByteArray();
    }

    private static void indent(XMLStreamWriter x, int depth) throws XMLStreamException {
        x.writeCharacters("\n" + "  ".repeat(depth));
    }

    private static void open(XMLStreamWriter x, int depth, String name) throws XMLStreamException {
        indent(x, depth);
        x.writeStartElement(name);
    }

    private static void close(XMLStreamWriter x, int depth) throws XMLStreamException {
        indent(x, depth);
        x.writeEndElement();
    }

    private static void element(XMLStreamWriter x, int depth, String name, String value) throws XMLStreamException {
        indent(x, depth);
        x.writeStartElement(name);
        x.writeCharacters(value);
        x.writeEndElement();
    }

    /** Whole pixels as integers (VOC's usual form), fractions as they are. */
    static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
