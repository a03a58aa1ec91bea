package org.labelcrew.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Each figure beside its limit; printed as a table and written as Markdown for the README. */
final class Report {

    record Row(String id, String figure, String measured, String limit, Boolean pass) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void atLeast(String id, String figure, double value, double limit, String unit) {
        rows.add(new Row(id, figure, fmt(value) + " " + unit, "≥ " + fmt(limit) + " " + unit, value >= limit));
    }

    void atMost(String id, String figure, double value, double limit, String unit) {
        rows.add(new Row(id, figure, fmt(value) + " " + unit, "≤ " + fmt(limit) + " " + unit, value <= limit));
    }

    void exactly(String id, String figure, long value, long expected) {
        rows.add(new Row(id, figure, Long.toString(value), "= " + expected, value == expected));
    }

    /**
     * The application's figure as a share of the ceiling measured in the same run (the same work done by PostgreSQL's
     * own tools, without the application): "app of ceiling = share", against a goal in percent.
     */
    void share(String id, String figure, double app, double ceiling, String unit, double goalPercent) {
        double pct = 100 * app / ceiling;
        rows.add(new Row(id, figure, fmt(app) + " of " + fmt(ceiling) + " " + unit + " = " + fmt(pct) + " %",
                "≥ " + fmt(goalPercent) + " %", pct >= goalPercent));
    }

    /** A ratio that must stay at most {@code limit} (a latency under disturbance over the same latency without it). */
    void ratioAtMost(String id, String figure, double value, double reference, String unit, double limit) {
        double ratio = value / reference;
        rows.add(new Row(id, figure, fmt(value) + " / " + fmt(reference) + " " + unit + " = " + String.format(Locale.ROOT, "%.2f", ratio) + "×",
                "≤ " + fmt(limit) + "×", ratio <= limit));
    }

    void info(String id, String figure, String value) {
        rows.add(new Row(id, figure, value, "—", null));
    }

    void note(String line) {
        notes.add(line);
        System.out.println("  " + line);
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) return "n/a";
        if (Math.abs(v) >= 1000) return String.format(Locale.ROOT, "%,.0f", v);
        return String.format(Locale.ROOT, "%.1f", v);
    }

    String markdown(String machine) {
        StringBuilder sb = new StringBuilder("Machine: ").append(machine).append("\n\n");
        sb.append("| | figure | measured | limit | |\n| --- | --- | --- | --- | --- |\n");
        for (Row r : rows) {
            sb.append("| ").append(r.id()).append(" | ").append(r.figure()).append(" | ").append(r.measured())
                    .append(" | ").append(r.limit()).append(" | ")
                    .append(r.pass() == null ? "" : r.pass() ? "pass" : "**FAIL**").append(" |\n");
        }
        for (String n : notes) sb.append("\n- ").append(n);
        return sb.append('\n').toString();
    }

    void write(String machine, Path out) throws IOException {
        Files.createDirectories(out.getParent());
        Files.writeString(out, markdown(machine));
    }

    void print(String machine, Path out) throws IOException {
        System.out.println();
        System.out.printf("%-4s %-70s %34s %16s %s%n", "", "figure", "measured", "limit", "");
        for (Row r : rows) {
            System.out.printf("%-4s %-70s %34s %16s %s%n", r.id(), r.figure(), r.measured(), r.limit(),
                    r.pass() == null ? "" : r.pass() ? "pass" : "FAIL");
        }
        Files.createDirectories(out.getParent());
        Files.writeString(out, markdown(machine));
        System.out.println("\nWritten to " + out);
    }
}
