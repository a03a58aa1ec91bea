package org.labelcrew;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Migrations are history: a versioned migration, once released, never changes (Flyway refuses a database whose applied
 * migrations changed), and each database function has one home, a repeatable migration {@code R__<function>.sql}
 * holding its current definition. Database-free checks; {@link MigrateFromPreviousReleaseTest} migrates a real one.
 */
class MigrationHistoryTest {

    static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
    static final Pattern FUNCTION = Pattern.compile("(?i)\\bCREATE\\s+(?:OR\\s+REPLACE\\s+)?FUNCTION\\s+([a-z_][a-z0-9_]*)");

    @Test
    void releasedMigrationsAreNeverEdited() throws IOException, NoSuchAlgorithmException {
        Map<String, String> pinned = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of("src/test/resources/db/released-migrations.sha256"))) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.trim().split("\\s+");
            pinned.put(f[1], f[0]);
        }
        assertThat(pinned).isNotEmpty();
        Map<String, String> now = new TreeMap<>();
        for (String file : pinned.keySet()) {
            Path p = MIGRATIONS.resolve(file);
            assertThat(p).as("released migration %s is gone", file).exists();
            now.put(file, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
        }
        assertThat(now).as("a released migration changed: add a new one instead").isEqualTo(pinned);
    }

    @Test
    void eachFunctionHasOneRepeatableHomeNamedAfterIt() throws IOException {
        Map<String, List<String>> homes = new TreeMap<>();
        TreeSet<String> fromHistory = new TreeSet<>();
        List<String> newVersionedFunctions = new ArrayList<>();
        Map<String, String> pinned = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of("src/test/resources/db/released-migrations.sha256"))) {
            if (!line.isBlank() && !line.startsWith("#")) pinned.put(line.trim().split("\\s+")[1], "");
        }
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                Matcher m = FUNCTION.matcher(Files.readString(f, StandardCharsets.UTF_8));
                List<String> defined = new ArrayList<>();
                while (m.find()) defined.add(m.group(1).toLowerCase());
                if (name.startsWith("R__")) {
                    assertThat(defined).as(name + " defines exactly the function it is named after")
                            .containsExactly(name.substring(3, name.length() - 4));
                    homes.computeIfAbsent(defined.get(0), k -> new ArrayList<>()).add(name);
                } else if (pinned.containsKey(name)) {
                    fromHistory.addAll(defined);
                } else {
                    defined.forEach(d -> newVersionedFunctions.add(name + ": " + d));
                }
            }
        }
        assertThat(newVersionedFunctions).as("functions belong in R__<function>.sql, not in versioned migrations")
                .isEmpty();
        assertThat(homes.keySet()).as("every function of the released migrations has its repeatable home")
                .containsAll(fromHistory);
        assertThat(homes.values()).allMatch(h -> h.size() == 1);
    }
}
