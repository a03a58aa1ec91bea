package org.labelcrew.quality;

import static org.labelcrew.shared.pdf.PdfDocuments.escape;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.labelcrew.review.ReviewFigures;
import org.labelcrew.schema.scoring.Agreements;
import org.labelcrew.shared.pdf.PdfDocuments;
import org.labelcrew.task.TaskStore;

/**
 * The quality report as one XHTML page, in Korean or English: served as is for {@code format=html} and printed by
 * {@link PdfDocuments} for {@code format=pdf}. Charts are bars drawn with block widths (the PDF renderer has no SVG),
 * so the page needs no script and prints the same everywhere.
 */
final class QualityReportPage {

    private QualityReportPage() {
    }

    /** The page's words in the two languages of the app. */
    private static final Map<String, String[]> WORDS = Map.ofEntries(
            Map.entry("title", new String[] {"데이터셋 품질 보고서", "Dataset quality report"}),
            Map.entry("project", new String[] {"프로젝트", "Project"}),
            Map.entry("generated", new String[] {"작성 시각 (UTC)", "Generated (UTC)"}),
            Map.entry("summary", new String[] {"요약", "Summary"}),
            Map.entry("figure", new String[] {"지표", "Figure"}),
            Map.entry("value", new String[] {"값", "Value"}),
            Map.entry("target", new String[] {"목표", "Target"}),
            Map.entry("basis", new String[] {"근거", "Basis"}),
            Map.entry("syntactic", new String[] {"구문 정확성", "Syntactic accuracy"}),
            Map.entry("semantic", new String[] {"의미 정확성 (95% 신뢰구간)", "Semantic accuracy (95% interval)"}),
            Map.entry("gold", new String[] {"골드 정확도", "Gold accuracy"}),
            Map.entry("results", new String[] {"저장된 결과", "stored results"}),
            Map.entry("inspected", new String[] {"검수한 작업", "inspected items"}),
            Map.entry("answers", new String[] {"골드 응답", "gold answers"}),
            Map.entry("invalid", new String[] {"스키마에 맞지 않는 결과", "Results that break the schema"}),
            Map.entry("task", new String[] {"작업", "Task"}),
            Map.entry("field", new String[] {"필드", "Field"}),
            Map.entry("problem", new String[] {"문제", "Problem"}),
            Map.entry("agreement", new String[] {"작업자 간 일치도", "Agreement between workers"}),
            Map.entry("type", new String[] {"유형", "Type"}),
            Map.entry("items", new String[] {"항목 수", "Items"}),
            Map.entry("workers", new String[] {"작업자", "Workers"}),
            Map.entry("measures", new String[] {"지표", "Measures"}),
            Map.entry("notMeasured", new String[] {"이 유형의 일치도 지표가 아직 없습니다", "no agreement measure for this type yet"}),
            Map.entry("labels", new String[] {"레이블 분포", "Label distribution"}),
            Map.entry("lengths", new String[] {"길이 분포 (글자 수)", "Length distribution (characters)"}),
            Map.entry("modalities", new String[] {"모달리티별 분포", "Distributions per modality"}),
            Map.entry("perWorker", new String[] {"작업자별", "Per worker"}),
            Map.entry("submitted", new String[] {"제출", "Submitted"}),
            Map.entry("approved", new String[] {"승인", "Approved"}),
            Map.entry("rejected", new String[] {"반려", "Rejected"}),
            Map.entry("passed", new String[] {"검수 통과율", "Passed inspection"}),
            Map.entry("reasons", new String[] {"반려 사유", "Rejection reasons"}),
            Map.entry("count", new String[] {"건수", "Count"}),
            Map.entry("throughput", new String[] {"일별 처리량 (최근 30일)", "Throughput per day (last 30 days)"}),
            Map.entry("day", new String[] {"날짜", "Day"}),
            Map.entry("none", new String[] {"데이터 없음", "no data"}),
            Map.entry("noReason", new String[] {"(사유 없음)", "(no reason given)"}),
            Map.entry("n", new String[] {"개수", "n"}),
            Map.entry("mean", new String[] {"평균", "mean"}),
            Map.entry("text", new String[] {"텍스트 길이 (글자 수)", "Text length (characters)"}),
            Map.entry("objectsPerImage", new String[] {"이미지당 객체 수 (박스·다각형)", "Objects per image (boxes, polygons)"}),
            Map.entry("pointsPerImage", new String[] {"이미지당 키포인트 수", "Key points per image"}),
            Map.entry("audioSeconds", new String[] {"오디오 길이 (초)", "Audio duration (seconds)"}),
            Map.entry("segmentsPerAudio", new String[] {"오디오당 구간 수", "Segments per audio"}),
            Map.entry("transcriptLength", new String[] {"전사 길이 (글자 수)", "Transcript length (characters)"}),
            Map.entry("imageSizes", new String[] {"이미지 크기 (가로×세로 픽셀)", "Image sizes (width×height pixels)"}),
            Map.entry("other", new String[] {"그 밖의 크기", "other sizes"}));

    static String render(QualityReport.Report r, String lang) {
        int l = "en".equals(lang) ? 1 : 0;
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"").append(l == 0 ? "ko" : "en")
                .append("\"><head><meta charset=\"UTF-8\" /><title>").append(w("title", l)).append(" #").append(r.projectId())
                .append("</title><style>").append(PdfDocuments.BASE_CSS).append("""
                        .bar { background: #3b6fd8; height: 8pt; }
                        .barcell { width: 45%; }
                        .below { color: #b3261e; font-weight: bold; }
                        .meets { color: #1b6e20; font-weight: bold; }
                        .muted { color: #666; }
                        """).append("</style></head><body>");
        h.append("<h1>").append(w("title", l)).append("</h1>");
        h.append("<p>").append(w("project", l)).append(" #").append(r.projectId()).append(" · ").append(w("generated", l))
                .append(' ').append(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC)
                        .format(r.generatedAt())).append("</p>");

        QualityService.Quality q = r.quality();
        h.append("<h2>").append(w("summary", l)).append("</h2><table><tr><th>").append(w("figure", l)).append("</th><th class=\"num\">")
                .append(w("value", l)).append("</th><th class=\"num\">").append(w("target", l)).append("</th><th>")
                .append(w("basis", l)).append("</th></tr>");
        QualityService.SyntacticAccuracy syn = q.syntacticAccuracy();
        row(h, w("syntactic", l), syn.rate(), syn.target(), syn.checked() + " " + w("results", l));
        QualityService.SemanticAccuracy sem = q.semanticAccuracy();
        String interval = sem.estimate() == null ? "" : " [" + QualityReport.pct(sem.low()) + " – " + QualityReport.pct(sem.high()) + "]";
        h.append("<tr><td>").append(w("semantic", l)).append("</td><td class=\"num ").append(cls(sem.estimate(), sem.target()))
                .append("\">").append(QualityReport.pct(sem.estimate())).append(escape(interval)).append("</td><td class=\"num\">")
                .append(QualityReport.pct(sem.target())).append("</td><td>").append(sem.n()).append(' ').append(w("inspected", l))
                .append("</td></tr>");
        h.append("<tr><td>").append(w("gold", l)).append("</td><td class=\"num\">").append(QualityReport.pct(q.gold().meanScore()))
                .append("</td><td class=\"num\">–</td><td>").append(q.gold().answers()).append(' ').append(w("answers", l))
                .append("</td></tr></table>");
        if (!syn.invalid().isEmpty()) {
            h.append("<h2>").append(w("invalid", l)).append("</h2><table><tr><th>").append(w("task", l)).append("</th><th>")
                    .append(w("field", l)).append("</th><th>").append(w("problem", l)).append("</th></tr>");
            for (QualityService.InvalidResult i : syn.invalid()) {
                h.append("<tr><td>#").append(i.taskId()).append("</td><td>").append(escape(i.field())).append("</td><td>")
                        .append(escape(i.message())).append("</td></tr>");
            }
            h.append("</table>");
        }

        h.append("<h2>").append(w("agreement", l)).append("</h2><table><tr><th>").append(w("field", l)).append("</th><th>")
                .append(w("type", l)).append("</th><th class=\"num\">").append(w("items", l)).append("</th><th class=\"num\">")
                .append(w("workers", l)).append("</th><th>").append(w("measures", l)).append("</th></tr>");
        for (Agreements.FieldAgreement f : q.agreement()) {
            h.append("<tr><td>").append(escape(f.field())).append("</td><td>").append(escape(f.type()))
                    .append("</td><td class=\"num\">").append(f.items()).append("</td><td class=\"num\">").append(f.workers())
                    .append("</td><td>");
            if (!f.measured()) h.append("<span class=\"muted\">").append(w("notMeasured", l)).append("</span>");
            else if (f.measures().isEmpty()) h.append("<span class=\"muted\">").append(w("none", l)).append("</span>");
            else f.measures().forEach((k, v) -> h.append(escape(k)).append(' ')
                    .append(String.format(Locale.ROOT, "%.3f", v)).append("; "));
            h.append("</td></tr>");
        }
        h.append("</table>");

        h.append("<h2>").append(w("labels", l)).append("</h2>");
        boolean anyLabel = false;
        for (Map.Entry<String, Map<String, Long>> e : r.distributions().labels().entrySet()) {
            if (e.getValue().isEmpty()) continue;
            anyLabel = true;
            long max = e.getValue().values().stream().mapToLong(Long::longValue).max().orElse(1);
            h.append("<p><b>").append(escape(e.getKey())).append("</b></p><table>");
            e.getValue().forEach((label, n) -> bar(h, escape(label), n, max));
            h.append("</table>");
        }
        if (!anyLabel) h.append("<p class=\"muted\">").append(w("none", l)).append("</p>");
        summaries(h, w("lengths", l), r.distributions().lengths(), l);
        summaries(h, w("modalities", l), r.distributions().modalities(), l);
        if (!r.distributions().imageSizes().isEmpty()) {
            h.append("<p><b>").append(w("imageSizes", l)).append("</b></p><table>");
            long max = r.distributions().imageSizes().values().stream().mapToLong(Long::longValue).max().orElse(1);
            r.distributions().imageSizes().forEach((size, n) -> bar(h, "other".equals(size) ? w("other", l) : escape(size), n, max));
            h.append("</table>");
        }

        h.append("<h2>").append(w("perWorker", l)).append("</h2><table><tr><th>").append(w("workers", l))
                .append("</th><th class=\"num\">").append(w("submitted", l)).append("</th><th class=\"num\">")
                .append(w("approved", l)).append("</th><th class=\"num\">").append(w("rejected", l))
                .append("</th><th class=\"num\">").append(w("gold", l)).append("</th><th class=\"num\">")
                .append(w("passed", l)).append("</th></tr>");
        for (QualityReport.WorkerFigures wf : r.workers()) {
            h.append("<tr><td>").append(escape(wf.username())).append("</td><td class=\"num\">").append(wf.submitted())
                    .append("</td><td class=\"num\">").append(wf.approved()).append("</td><td class=\"num\">").append(wf.rejected())
                    .append("</td><td class=\"num\">").append(QualityReport.pct(wf.goldMeanScore())).append(" (")
                    .append(wf.goldAnswers()).append(")</td><td class=\"num\">").append(QualityReport.pct(wf.inspectedAccuracy()))
                    .append(" (").append(wf.inspected()).append(")</td></tr>");
        }
        h.append("</table>");

        h.append("<h2>").append(w("reasons", l)).append("</h2>");
        if (r.rejectionReasons().isEmpty()) h.append("<p class=\"muted\">").append(w("none", l)).append("</p>");
        else {
            long max = r.rejectionReasons().get(0).count();
            h.append("<table>");
            for (ReviewFigures.ReasonCount c : r.rejectionReasons()) {
                bar(h, c.reason().isEmpty() ? w("noReason", l) : escape(c.reason()), c.count(), max);
            }
            h.append("</table>");
        }

        h.append("<h2>").append(w("throughput", l)).append("</h2>");
        if (r.throughput().isEmpty()) h.append("<p class=\"muted\">").append(w("none", l)).append("</p>");
        else {
            h.append("<table><tr><th>").append(w("day", l)).append("</th><th class=\"num\">").append(w("submitted", l))
                    .append("</th><th class=\"num\">").append(w("approved", l)).append("</th></tr>");
            for (TaskStore.Throughput t : r.throughput()) {
                h.append("<tr><td>").append(escape(t.day())).append("</td><td class=\"num\">").append(t.submitted())
                        .append("</td><td class=\"num\">").append(t.approved()).append("</td></tr>");
            }
            h.append("</table>");
        }
        h.append("</body></html>");
        return h.toString();
    }

    private static void summaries(StringBuilder h, String title, Map<String, QualityReport.Summary> all, int l) {
        h.append("<h2>").append(title).append("</h2>");
        if (all.values().stream().allMatch(s -> s.n() == 0)) {
            h.append("<p class=\"muted\">").append(w("none", l)).append("</p>");
            return;
        }
        for (Map.Entry<String, QualityReport.Summary> e : all.entrySet()) {
            QualityReport.Summary s = e.getValue();
            if (s.n() == 0) continue;
            h.append("<p><b>").append(escape(WORDS.containsKey(e.getKey()) ? w(e.getKey(), l) : e.getKey())).append("</b> · ")
                    .append(w("n", l)).append(' ').append(s.n()).append(" · ").append(s.min()).append('–').append(s.max())
                    .append(" · ").append(w("mean", l)).append(' ').append(s.mean()).append("</p><table>");
            long max = s.histogram().stream().mapToLong(QualityReport.Bin::count).max().orElse(1);
            for (QualityReport.Bin b : s.histogram()) bar(h, b.from() + "–" + (b.to() - 1), b.count(), max);
            h.append("</table>");
        }
    }

    private static void row(StringBuilder h, String name, @Nullable Double value, double target, String basis) {
        h.append("<tr><td>").append(name).append("</td><td class=\"num ").append(cls(value, target)).append("\">")
                .append(QualityReport.pct(value)).append("</td><td class=\"num\">").append(QualityReport.pct(target))
                .append("</td><td>").append(escape(basis)).append("</td></tr>");
    }

    private static String cls(@Nullable Double value, double target) {
        return value == null ? "muted" : value >= target ? "meets" : "below";
    }

    private static void bar(StringBuilder h, String label, long n, long max) {
        int pct = max <= 0 ? 0 : (int) Math.round(100.0 * n / max);
        h.append("<tr><td>").append(label).append("</td><td class=\"num\">").append(n)
                .append("</td><td class=\"barcell\"><div class=\"bar\" style=\"width: ").append(Math.max(pct, 1))
                .append("%\"></div></td></tr>");
    }

    private static String w(String key, int l) {
        return WORDS.get(key)[l];
    }

    static List<String> languages() {
        return List.of("ko", "en");
    }
}
