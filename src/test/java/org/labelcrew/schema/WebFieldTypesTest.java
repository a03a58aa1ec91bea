package org.labelcrew.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.labelcrew.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The browser's field-type registry (web/src/annotator/tools/index.ts) offers exactly the types the server accepts
 * (its {@link FieldType} beans): the schema editor once offered {@code boxes} and {@code polygons}, which every save
 * then refused.
 */
@IntegrationTest
class WebFieldTypesTest {

    static final Path WEB_REGISTRY = Path.of("web/src/annotator/tools/index.ts");
    private static final Pattern REGISTRATION = Pattern.compile("registerTool<[^>]*>\\(\\{\\s*type:\\s*'([^']+)'");

    @Autowired
    SchemaService schemas;

    static Set<String> webTypes(String source) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = REGISTRATION.matcher(source);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    @Test
    void theWebRegistryListsExactlyTheServersFieldTypes() throws IOException {
        Set<String> web = webTypes(Files.readString(WEB_REGISTRY));
        assertThat(web).as("field types registered in " + WEB_REGISTRY).isNotEmpty();
        assertThat(web).containsExactlyInAnyOrderElementsOf(schemas.supportedTypes());
    }

    @Test
    void theReadingOfTheRegistrySeesEachRegistration() {
        String source = """
                registerTool<ChoiceField, unknown>({
                  type: 'choice',
                  Component: ChoiceTool,
                });
                registerTool<BoxesField, Box[]>({ type: 'boxes', Component: BoxesTool });
                """;
        assertThat(webTypes(source)).containsExactly("choice", "boxes");
    }
}
