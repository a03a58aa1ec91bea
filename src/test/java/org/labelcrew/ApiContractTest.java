package org.labelcrew;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The browser's API types are generated from {@code web/src/api/openapi.json} (openapi-typescript, at build time), so
 * that file must be the server's live {@code /v3/api-docs}: a DTO changed on one side only fails here, not in a
 * user's browser. After changing the API, rewrite the file with
 * {@code ./mvnw -B -ntp -Dskip.npm=true -Dskip.e2e=true -Dtest=ApiContractTest -Dcontract.write=true test}
 * and commit it (then {@code cd web && npm run typecheck} shows what the web must follow).
 */
@IntegrationTest
class ApiContractTest {

    static final Path CONTRACT = Path.of("web/src/api/openapi.json");
    static final String REWRITE = "./mvnw -B -ntp -Dskip.npm=true -Dskip.e2e=true -Dtest=ApiContractTest "
            + "-Dcontract.write=true test";

    /** Sorted keys and two-space indents: one canonical text, so that a diff shows what changed and nothing else. */
    static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    @Autowired
    Fixtures fx;

    @Test
    void checkedInContractIsTheServersOpenApiDocument() throws IOException {
        String live = canonical(fx.anonymous().get("/v3/api-docs").expect(200).json());
        if (Boolean.getBoolean("contract.write")) {
            Files.writeString(CONTRACT, live, StandardCharsets.UTF_8);
            return;
        }
        String checkedIn = Files.exists(CONTRACT) ? Files.readString(CONTRACT, StandardCharsets.UTF_8) : "";
        if (!live.equals(checkedIn)) {
            fail(CONTRACT + " differs from the server's /v3/api-docs" + firstDifference(checkedIn, live)
                    + "\nIf the server is right, rewrite the file with\n  " + REWRITE
                    + "\nthen run `cd web && npm run typecheck` and commit both.");
        }
        assertThat(live).isEqualTo(checkedIn);
    }

    /** The document without the random port of this test's server, keys sorted at every level. */
    static String canonical(JsonNode doc) {
        ObjectNode copy = (ObjectNode) doc.deepCopy();
        copy.remove("servers");
        return CANONICAL.writeValueAsString(sorted(copy)) + "\n";
    }

    private static JsonNode sorted(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>(object.propertyNames());
            Collections.sort(names);
            ObjectNode out = CANONICAL.createObjectNode();
            for (String name : names) out.set(name, sorted(object.get(name)));
            return out;
        }
        if (node.isArray()) {
            var out = CANONICAL.createArrayNode();
            for (JsonNode item : node) out.add(sorted(item));
            return out;
        }
        return node;
    }

    private static String firstDifference(String expected, String actual) {
        String[] a = expected.split("\n", -1);
        String[] b = actual.split("\n", -1);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String x = i < a.length ? a[i] : "<end>";
            String y = i < b.length ? b[i] : "<end>";
            if (!x.equals(y)) {
                return " (first at line " + (i + 1) + ":\n  checked in: " + x.strip() + "\n  server:     " + y.strip() + ")";
            }
        }
        return "";
    }
}
