package org.labelcrew.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The codes an import can send (line errors, job failures, media problems) are listed in
 * {@code src/test/resources/io/import-codes.txt}, which the web's Vitest test reads to check that each has a
 * {@code code.*} message in Korean and English. This test keeps the list equal to the code literals in the sources
 * ({@code -Dcodes.write=true} rewrites it), so a new code cannot reach the browser unworded.
 */
class ImportCodesTest {

    private static final Pattern CODE = Pattern.compile("\"(import\\.[a-z][A-Za-z0-9]*(?:\\.[a-z][A-Za-z0-9]*)+)\"");
    private static final Path LIST = Path.of("src/test/resources/io/import-codes.txt");

    @Test
    void everyCodeInTheSourcesIsListedForTheBrowser() throws IOException {
        TreeSet<String> found = new TreeSet<>();
        for (String root : new String[] {"src/main/java/org/labelcrew/io", "src/main/java/org/labelcrew/media"}) {
            try (Stream<Path> files = Files.walk(Path.of(root))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher m = CODE.matcher(Files.readString(f, StandardCharsets.UTF_8));
                    while (m.find()) found.add(m.group(1));
                    // The encoding question is a 409 the import panel answers with its own dialog, not a sentence.
                    found.remove("import.encoding.consent");
                }
            }
        }
        String expected = String.join("\n", found) + "\n";
        if (Boolean.getBoolean("codes.write")) Files.writeString(LIST, expected);
        assertThat(Files.readString(LIST)).as("the list of import codes (-Dcodes.write=true rewrites it)").isEqualTo(expected);
        assertThat(found).contains(ImportFormat.LineError.OTHER, "import.yolo.classUnknown", "import.ls.offsetMismatch");
    }

    @Test
    void aLineErrorWithoutItsOwnCodeIsSaidAsOtherWithItsMessage() {
        ImportFormat.LineError e = new ImportFormat.LineError(3, "is odd");
        assertThat(e.code()).isEqualTo(ImportFormat.LineError.OTHER);
        assertThat(e.params()).containsEntry("detail", "is odd");
    }
}
