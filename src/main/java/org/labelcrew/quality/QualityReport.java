package org.labelcrew.quality;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.labelcrew.account.CurrentUser;
import org.labelcrew.project.ProjectAccess;
import org.labelcrew.project.ProjectRole;
import org.labelcrew.review.ReviewFigures;
import org.labelcrew.task.TaskStore;
import org.springframework.stereotype.Service;

/**
 * The dataset quality report of a project: the quality figures ({@link QualityService.Quality}) and what a reader of
 * the dataset asks beside them — distributions (labels, lengths, items per modality), per-worker figures, rejection
 * reasons, throughput over time. One {@link Report} is computed from the data; the JSON form is it as is, the HTML page
 * and the PDF are printed from it ({@link QualityReportPage}), so the three never disagree.
 */
@Service
public class QualityReport {

    private final ProjectAccess access;
    private final QualityService quality;
    private final TaskStore tasks;
    private final ReviewFigures reviews;

    QualityReport(ProjectAccess access, QualityService quality, TaskStore tasks, ReviewFigures reviews) {
        this.access = access;
        this.quality = quality;
        this.tasks = tasks;
        this.reviews = reviews;
    }

    @Schema(name = "QualityReport")
    public record Report(long projectId, Instant generatedAt, QualityService.Quality quality, Distributions distributions,
            List<WorkerFigures> workers, List<ReviewFigures.ReasonCount> rejectionReasons,
            List<TaskStore.Throughput> throughput) {
    }

    /**
     * {@code labels}: per field of type choice, spans, relations, boxes, polygons, keypoints or segments, how often each
     * label was chosen or drawn over the stored results. {@code lengths}: per free-text field (text, abstractive), the
     * answers' lengths in characters. {@code modalities}: the distributions of the modalities present, each only when
     * there is data for it — {@code text} (characters of each item's {@code text}), {@code objectsPerImage} (boxes +
     * polygons per stored result on an image), {@code pointsPerImage}, {@code audioSeconds} (each item's audio,
     * rounded to whole seconds), {@code segmentsPerAudio} (per stored result), {@code transcriptLength} (characters of
     * each non-blank transcript). {@code imageSizes}: images per "width×height", most common first, the sizes past the
     * {@value #SIZES}th summed as {@code other}.
     */
    @Schema(name = "QualityDistributions")
    public record Distributions(Map<String, Map<String, Long>> labels, Map<String, Summary> lengths,
            Map<String, Summary> modalities, Map<String, Long> imageSizes) {
    }

    /** A distribution of counts: how many, min, mean, max, and a histogram of {@code BINS} equal-width bins. */
    @Schema(name = "LengthSummary")
    public record Summary(long n, @Nullable Long min, @Nullable Double mean, @Nullable Long max, List<Bin> histogram) {
    }

    /** {@code from} ≤ value < {@code to} (the last bin includes its upper edge). */
    @Schema(name = "HistogramBin")
    public record Bin(long from, long to, long count) {
    }

    /**
     * Per labeler: work submitted, approved, rejections received; gold answers and their mean score; inspected work and
     * how much of it passed as submitted (null when none was inspected).
     */
    @Schema(name = "QualityWorkerFigures")
    public record WorkerFigures(long accountId, String username, long submitted, long approved, long rejected,
            long goldAnswers, @Nullable Double goldMeanScore, long inspected, long passed,
            @Nullable Double inspectedAccuracy) {
    }

    static final int BINS = 10;
    static final int SIZES = 12;

    public Report report(long projectId, CurrentUser user) {
        access.require(projectId, user, ProjectRole.MANAGER);
        ResultScan scan = quality.scan(projectId);
        QualityService.Quality q = quality.quality(projectId, scan);
        Map<String, Summary> lengths = new LinkedHashMap<>();
        scan.lengths.forEach((field, values) -> lengths.put(field, summary(values)));
        Map<String, Summary> modalities = new LinkedHashMap<>();
        if (!scan.itemLengths.isEmpty()) modalities.put("text", summary(scan.itemLengths));
        if (!scan.objectsPerImage.isEmpty()) modalities.put("objectsPerImage", summary(scan.objectsPerImage));
        if (!scan.pointsPerImage.isEmpty()) modalities.put("pointsPerImage", summary(scan.pointsPerImage));
        if (!scan.audioSeconds.isEmpty()) modalities.put("audioSeconds", summary(scan.audioSeconds));
        if (!scan.segmentsPerAudio.isEmpty()) modalities.put("segmentsPerAudio", summary(scan.segmentsPerAudio));
        if (!scan.transcriptLengths.isEmpty()) modalities.put("transcriptLength", summary(scan.transcriptLengths));
        Map<Long, ReviewFigures.Inspected> inspected = new LinkedHashMap<>();
        for (ReviewFigures.Inspected i : reviews.inspectedPerLabeler(projectId)) inspected.put(i.accountId(), i);
        Map<Long, QualityService.LabelerGold> gold = new LinkedHashMap<>();
        for (QualityService.LabelerGold g : q.gold().perLabeler()) gold.put(g.accountId(), g);
        List<WorkerFigures> workers = new ArrayList<>();
        for (TaskStore.WorkerStats w : tasks.workers(projectId)) {
            ReviewFigures.Inspected i = inspected.get(w.accountId());
            QualityService.LabelerGold g = gold.get(w.accountId());
            long n = i == null ? 0 : i.inspected();
            long passed = i == null ? 0 : i.passed();
            workers.add(new WorkerFigures(w.accountId(), w.username(), w.submitted(), w.approved(), w.rejected(),
                    g == null ? 0 : g.answers(), g == null ? null : g.meanScore(), n, passed,
                    n == 0 ? null : QualityService.round((double) passed / n)));
        }
        return new Report(projectId, Instant.now(), q, new Distributions(scan.labels, lengths, modalities, topSizes(scan.imageSizes)), workers,
                reviews.rejectionReasons(projectId, 20), tasks.throughput(projectId));
    }

    /** The most common sizes first (ties by size name), those past {@link #SIZES} summed as {@code other}. */
    static Map<String, Long> topSizes(Map<String, Long> sizes) {
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(sizes.entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        Map<String, Long> out = new LinkedHashMap<>();
        long other = 0;
        for (int i = 0; i < sorted.size(); i++) {
            if (i < SIZES) out.put(sorted.get(i).getKey(), sorted.get(i).getValue());
            else other += sorted.get(i).getValue();
        }
        if (other > 0) out.put("other", other);
        return out;
    }

    static Summary summary(List<Integer> values) {
        if (values.isEmpty()) return new Summary(0, null, null, null, List.of());
        long min = Collections.min(values);
        long max = Collections.max(values);
        double mean = values.stream().mapToLong(Integer::longValue).average().orElse(0);
        // whole-number bins of equal width covering min..max
        long width = Math.max(1, (long) Math.ceil((max - min + 1) / (double) BINS));
        long[] counts = new long[(int) Math.min(BINS, (max - min) / width + 1)];
        for (int v : values) counts[(int) Math.min(counts.length - 1, (v - min) / width)]++;
        List<Bin> bins = new ArrayList<>();
        for (int b = 0; b < counts.length; b++) bins.add(new Bin(min + b * width, min + (b + 1) * width, counts[b]));
        return new Summary(values.size(), min, QualityService.round(mean), max, bins);
    }

    static String pct(@Nullable Double v) {
        return v == null ? "–" : String.format(Locale.ROOT, "%.1f%%", v * 100);
    }
}
