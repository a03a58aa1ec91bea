package org.labelcrew.io.coco;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.labelcrew.media.Media;
import org.labelcrew.media.MediaStore;
import org.labelcrew.schema.LabelSchema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The COCO file is read with the streaming parser: a generated file of 50,000 annotations (produced piece by piece,
 * never one byte array) whose {@code annotations} come before its {@code images} is read into predictions, and its
 * temporary spool is gone once the import closes.
 */
class CocoImportStreamTest {

    static final int IMAGES = 50;
    static final int PER_IMAGE = 1_000;

    final ObjectMapper mapper = JsonMapper.builder().build();

    @Test
    void fiftyThousandAnnotationsBeforeTheirImagesAreStreamedIntoPredictions() throws IOException {
        CocoImport.Annotations coco = new CocoImport.Annotations(mapper,
                LabelSchema.of(mapper.readTree("{\"fields\": [{\"name\": \"objects\", \"type\": \"boxes\", \"labels\": [\"car\", \"person\"]}]}")));
        List<org.labelcrew.io.ImportFormat.LineError> errors = new ArrayList<>();
        coco.read("big.json", generated(), errors);
        assertThat(errors).isEmpty();

        Map<String, MediaStore.Checked> files = new LinkedHashMap<>();
        for (int i = 1; i <= IMAGES; i++) {
            files.put("img/" + i + ".png", new MediaStore.Checked("sha" + i, Media.Kind.IMAGE, "image/png", 100, 1000, 800, null, null, null));
        }
        Map<String, ObjectNode> data = coco.data(files, errors);
        assertThat(errors).isEmpty();
        assertThat(data).hasSize(IMAGES);
        JsonNode boxes = data.get("img/7.png").get("prediction").get("objects");
        assertThat(boxes.size()).isEqualTo(PER_IMAGE);
        assertThat(boxes.get(3).toString()).isEqualTo("{\"x\":3,\"y\":3,\"w\":10,\"h\":20,\"label\":\"person\"}");
        java.nio.file.Path spool = coco.spool;
        assertThat(spool).exists();
        coco.close();
        assertThat(spool).doesNotExist();
    }

    @Test
    void aCutShortFileIsAnErrorNamingIt() throws IOException {
        CocoImport.Annotations coco = new CocoImport.Annotations(mapper, LabelSchema.of(mapper.readTree("{\"fields\": []}")));
        List<org.labelcrew.io.ImportFormat.LineError> errors = new ArrayList<>();
        coco.read("c.json", new ByteArrayInputStream("{\"annotations\": [{\"id\": 1},".getBytes(StandardCharsets.UTF_8)), errors);
        assertThat(errors).singleElement().extracting(org.labelcrew.io.ImportFormat.LineError::message).asString().startsWith("c.json: is not valid JSON");
        coco.close();
    }

    /** {"annotations": [...50,000...], "categories": [...], "images": [...]}, made as it is read. */
    private static InputStream generated() {
        Iterator<InputStream> parts = new Iterator<>() {
            int n = -1;
            final int total = IMAGES * PER_IMAGE;

            @Override
            public boolean hasNext() {
                return n <= total;
            }

            @Override
            public InputStream next() {
                String s;
                if (n < 0) {
                    s = "{\"info\": {\"description\": \"generated\"}, \"annotations\": [";
                } else if (n < total) {
                    int image = n / PER_IMAGE + 1, k = n % PER_IMAGE;
                    s = (n > 0 ? "," : "") + "{\"id\": " + (n + 1) + ", \"image_id\": " + image + ", \"category_id\": " + (k % 2 + 1)
                            + ", \"bbox\": [" + k % 900 + ", " + k % 700 + ", 10, 20], \"segmentation\": [], \"area\": 200, \"iscrowd\": 0}";
                } else {
                    StringBuilder b = new StringBuilder("], \"categories\": [{\"id\": 1, \"name\": \"car\"}, {\"id\": 2, \"name\": \"person\"}],"
                            + " \"images\": [");
                    for (int i = 1; i <= IMAGES; i++) {
                        b.append(i > 1 ? "," : "").append("{\"id\": ").append(i).append(", \"file_name\": \"img/").append(i)
                                .append(".png\", \"width\": 1000, \"height\": 800}");
                    }
                    s = b.append("]}").toString();
                }
                n++;
                return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
            }
        };
        return new SequenceInputStream(new java.util.Enumeration<>() {
            @Override
            public boolean hasMoreElements() {
                return parts.hasNext();
            }

            @Override
            public InputStream nextElement() {
                return parts.next();
            }
        });
    }
}
