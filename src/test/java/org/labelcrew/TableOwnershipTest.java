package org.labelcrew;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The database is where feature boundaries leak when only Java's are checked: each table and database function has
 * one owning feature (src/test/resources/db/table-owners.txt), and only the owner's SQL names it. Every other feature
 * goes through the owner's public Java API (which may hand out a SQL fragment where one statement must stay one).
 * <p>
 * What is scanned: the string literals and text blocks of each feature package's Java sources under src/main/java
 * (comments are not SQL). A table is "named" after FROM, JOIN, INTO, UPDATE, COPY or TABLE (upper case: this code base
 * writes SQL keywords in upper case, and messages do not); a function when it is called.
 */
class TableOwnershipTest {

    static final Path SOURCES = Path.of("src/main/java/org/labelcrew");
    static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

    /** {@code function}: a database function (named with "()" in the map), named in SQL when it is called. */
    record Owner(String feature, boolean readByAll, boolean function) {
    }

    record Use(String feature, String file, int line, String name, boolean write) {
        @Override
        public String toString() {
            return feature + "/" + file + ":" + line + " " + (write ? "writes " : "reads ") + name;
        }
    }

    private static final Pattern TABLE = Pattern.compile(
            "\\b(FROM|JOIN|INTO|UPDATE|COPY|TABLE)\\s+(?:ONLY\\s+)?([a-z_][a-z0-9_]*)\\b");
    private static final Pattern CALL = Pattern.compile("\\b([a-z_][a-z0-9_]*)\\s*\\(");

    @Test
    void eachFeatureNamesOnlyItsOwnTablesInSql() throws IOException {
        Map<String, Owner> owners = owners();
        List<String> violations = new ArrayList<>();
        for (Use use : uses(owners)) {
            Owner owner = owners.get(use.name());
            if (owner.feature().equals(use.feature())) continue;
            if (owner.readByAll() && !use.write()) continue;
            violations.add(use + " (owned by " + owner.feature() + ")");
        }
        assertThat(violations).as("SQL naming another feature's tables: call the owner's public API instead").isEmpty();
    }

    @Test
    void everyTableAndFunctionOfTheMigrationsHasAnOwner() throws IOException {
        Map<String, Owner> owners = owners();
        Set<String> created = new TreeSet<>();
        Pattern table = Pattern.compile("(?i)\\bCREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?([a-z_][a-z0-9_]*)");
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".sql")).toList()) {
                Matcher m = table.matcher(Files.readString(f));
                while (m.find()) created.add(m.group(1).toLowerCase());
            }
        }
        assertThat(created).isNotEmpty();
        assertThat(created).as("tables without an owner in db/table-owners.txt").allMatch(owners::containsKey);
        assertThat(owners.keySet()).as("owners of tables no migration creates").allMatch(name ->
                created.contains(name) || owners.get(name).function());
    }

    /**
     * Advisory locks share one key space: only shared.AdvisoryLock takes them, so that every key carries its typed
     * namespace and two features can never lock each other out by accident.
     */
    @Test
    void advisoryLocksAreTakenOnlyThroughTheTypedNamespaces() throws IOException {
        List<String> raw = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                if (f.endsWith(Path.of("shared", "AdvisoryLock.java"))) continue;
                for (Literal lit : literals(Files.readString(f))) {
                    if (lit.text().contains("pg_advisory") || lit.text().contains("pg_try_advisory")) {
                        raw.add(SOURCES.relativize(f) + ":" + lit.line());
                    }
                }
            }
        }
        assertThat(raw).as("advisory locks outside shared.AdvisoryLock").isEmpty();
    }

    /** The scanner sees SQL in text blocks and concatenated literals, and not in comments or messages. */
    @Test
    void theScannerFindsWhatItShould() {
        String source = """
                class X {
                    // SELECT * FROM task in a comment
                    /* UPDATE assignment */
                    String a = "SELECT id FROM annotation WHERE x = 'a\\"b'";
                    String b = \"""
                            WITH v AS (SELECT 1)
                            INSERT INTO task_event (a) SELECT refresh_task(t.id) FROM v\""";
                    String c = "Task " + 1 + " was taken from task lists in task(s)";
                }
                """;
        Map<String, Owner> owners = Map.of("annotation", new Owner("task", false, false),
                "task_event", new Owner("task", false, false), "refresh_task", new Owner("task", false, true),
                "task", new Owner("task", false, false), "assignment", new Owner("task", false, false));
        List<Use> uses = scan("review", "X.java", source, owners);
        assertThat(uses).extracting(Use::name).containsExactly("annotation", "task_event", "refresh_task");
        assertThat(uses).extracting(Use::write).containsExactly(false, true, true);
        assertThat(uses).extracting(Use::line).containsExactly(4, 7, 7);
    }

    static Map<String, Owner> owners() throws IOException {
        Map<String, Owner> owners = new LinkedHashMap<>();
        try (InputStream in = TableOwnershipTest.class.getResourceAsStream("/db/table-owners.txt")) {
            for (String raw : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#")) continue;
                String[] f = line.split("\\s+");
                owners.put(f[0].replace("()", ""),
                        new Owner(f[1], f.length > 2 && f[2].equals("read-by-all"), f[0].endsWith("()")));
            }
        }
        return owners;
    }

    static List<Use> uses(Map<String, Owner> owners) throws IOException {
        List<Use> uses = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                Path rel = SOURCES.relativize(f);
                if (rel.getNameCount() < 2) continue; // the application class
                uses.addAll(scan(rel.getName(0).toString(), rel.toString(), Files.readString(f), owners));
            }
        }
        return uses;
    }

    /** Every table or function of {@code owners} that a string literal of {@code source} names. */
    static List<Use> scan(String feature, String file, String source, Map<String, Owner> owners) {
        List<Use> uses = new ArrayList<>();
        for (Literal lit : literals(source)) {
            Matcher t = TABLE.matcher(lit.text());
            while (t.find()) {
                String name = t.group(2);
                if (!owners.containsKey(name) || owners.get(name).function()) continue;
                boolean write = !t.group(1).equals("FROM") && !t.group(1).equals("JOIN")
                        || lit.text().substring(0, t.start()).endsWith("DELETE ");
                uses.add(new Use(feature, file, lit.line() + newlines(lit.text(), t.start()), name, write));
            }
            Matcher c = CALL.matcher(lit.text());
            while (c.find()) {
                String name = c.group(1);
                if (!owners.containsKey(name) || !owners.get(name).function()) continue;
                if (isTableReference(lit.text(), c.start())) continue;
                uses.add(new Use(feature, file, lit.line() + newlines(lit.text(), c.start()), name, true));
            }
        }
        uses.sort((x, y) -> Integer.compare(x.line(), y.line()));
        return uses;
    }

    /** "INSERT INTO task_event (a, b)": a table followed by its column list, not a call. */
    private static boolean isTableReference(String sql, int at) {
        Matcher before = Pattern.compile("\\b(FROM|JOIN|INTO|UPDATE|COPY|TABLE)\\s+(?:ONLY\\s+)?$")
                .matcher(sql.substring(0, at));
        return before.find();
    }

    private static int newlines(String s, int end) {
        int n = 0;
        for (int i = 0; i < end; i++) if (s.charAt(i) == '\n') n++;
        return n;
    }

    record Literal(int line, String text) {
    }

    /** The string literals and text blocks of a Java source, with the line each starts on; comments skipped. */
    static List<Literal> literals(String s) {
        List<Literal> out = new ArrayList<>();
        int line = 1;
        int i = 0;
        while (i < s.length()) {
            char ch = s.charAt(i);
            if (ch == '\n') {
                line++;
                i++;
            } else if (s.startsWith("//", i)) {
                while (i < s.length() && s.charAt(i) != '\n') i++;
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                end = end < 0 ? s.length() : end + 2;
                line += newlines(s.substring(i, end), end - i);
                i = end;
            } else if (s.startsWith("\"\"\"", i)) {
                int start = s.indexOf('\n', i) + 1;
                int end = start;
                while (!s.startsWith("\"\"\"", end) || s.charAt(end - 1) == '\\') end++;
                out.add(new Literal(line + 1, s.substring(start, end)));
                line += newlines(s.substring(i, end), end - i);
                i = end + 3;
            } else if (ch == '"' || ch == '\'') {
                StringBuilder text = new StringBuilder();
                int j = i + 1;
                while (s.charAt(j) != ch) {
                    if (s.charAt(j) == '\\') text.append(s.charAt(j++));
                    text.append(s.charAt(j++));
                }
                if (ch == '"') out.add(new Literal(line, text.toString()));
                i = j + 1;
            } else {
                i++;
            }
        }
        return out;
    }
}
