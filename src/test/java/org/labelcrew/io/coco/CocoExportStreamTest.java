package org.labelcrew.io.coco;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.labelcrew.io.ExportFormat;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** The writer alone: many images, their annotations spilled and appended whole, the temporary file removed. */
class CocoExportStreamTest {

    final ObjectMapper mapper = JsonMapper.builder().build();

    @Test
    void manyImagesComeOutAsOneValidDocumentAndTheSpillFileIsGone() throws Exception {
        JsonNode schema = mapper.readTree("{\"fields\": [{\"name\": \"objects\", \"type\": \"boxes\", \"labels\": [\"car\"]}]}");
        List<Path> before = spills();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int images = 2_000;
        int perImage = 10;
        StringBuilder boxes = new StringBuilder("{\"objects\": [");
        for (int k = 0; k < perImage; k++) {
            boxes.append(k == 0 ? "" : ",").append("{\"x\": ").append(k).append(", \"y\": 1, \"w\": 2, \"h\": 3, \"label\": \"car\"}");
        }
        JsonNode result = mapper.readTree(boxes.append("]}").toString());
        try (ExportFormat.Writer w = new CocoExport(mapper).open(out, new ExportFormat.Context(schema, null))) {
            for (int i = 1; i <= images; i++) {
                JsonNode data = mapper.readTree("{\"image\": " + i + ", \"width\": 64, \"height\": 48, \"file\": \"img/" + i + ".png\"}");
                w.write(new ExportFormat.Item(i, data, List.of(new ExportFormat.Annotation(i, "kim", result, 1, null, Instant.EPOCH)), null));
            }
        }
        JsonNode coco = mapper.readTree(out.toByteArray());
        assertThat(coco.get("images").size()).isEqualTo(images);
        JsonNode anns = coco.get("annotations");
        assertThat(anns.size()).isEqualTo(images * perImage);
        for (int i = 0; i < anns.size(); i++) assertThat(anns.get(i).get("id").asLong()).isEqualTo(i + 1);
        assertThat(anns.get(anns.size() - 1).get("image_id").asLong()).isEqualTo(images);
        assertThat(anns.get(anns.size() - 1).get("bbox").toString()).isEqualTo("[9,1,2,3]");
        assertThat(spills()).isEqualTo(before);
    }

    @Test
    void anExportWithoutTasksIsAValidEmptyDocument() throws Exception {
        JsonNode schema = mapper.readTree("{\"fields\": [{\"name\": \"objects\", \"type\": \"boxes\", \"labels\": [\"car\"]}]}");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CocoExport(mapper).open(out, new ExportFormat.Context(schema, null)).close();
        JsonNode coco = mapper.readTree(out.toByteArray());
        assertThat(coco.get("images").isEmpty()).isTrue();
        assertThat(coco.get("annotations").isEmpty()).isTrue();
        assertThat(coco.get("categories").get(0).get("name").asString()).isEqualTo("car");
    }

    private static List<Path> spills() throws Exception {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("labelcrew-coco-")).sorted().toList();
        }
    }
}
