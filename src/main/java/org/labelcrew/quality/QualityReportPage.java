package org.labelcrew.quality;

import static org.labelcrew.shared.pdf.PdfDocuments.escape;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.labelcrew.review.InspectionRates;
import org.labelcrew.review.Lots;
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
            Map.entry("other", new String[] {"그 밖의 크기", "other sizes"}),
            // lotsreport (issue 11): the inspection section
            Map.entry("inspection", new String[] {"검수 방식과 로트 검사", "Inspection and lots"}),
            Map.entry("policy", new String[] {"검수 방식", "Review policy"}),
            Map.entry("mode.FULL", new String[] {"전수 검수", "full review"}),
            Map.entry("mode.SAMPLE", new String[] {"표본 검수", "sampled review"}),
            Map.entry("mode.ADAPTIVE", new String[] {"적응형 검수", "adaptive review"}),
            Map.entry("mode.NONE", new String[] {"검수 없음", "no review"}),
            Map.entry("rateOf", new String[] {"검수 비율", "share reviewed"}),
            Map.entry("adaptiveParams", new String[] {"최소 %s · 기준 %s · 최대 %s · 최근 %d건 기준",
                    "minimum %s · base %s · maximum %s · over the last %d"}),
            Map.entry("lotsUsed", new String[] {"로트 합격 판정 검사 (KS Q ISO 2859-1, 1회 샘플링, 보통 검사, 일반 검사 수준 II)",
                    "acceptance sampling of lots (ISO 2859-1, single sampling, normal inspection, general level II)"}),
            Map.entry("sources", new String[] {"의미 정확성의 표본", "Where semantic accuracy's sample comes from"}),
            Map.entry("source", new String[] {"표본", "Sample"}),
            Map.entry("source.LOT_SAMPLE", new String[] {"로트 표본 (무작위 추출)", "lot samples (drawn at random)"}),
            Map.entry("source.LOT_RETURNED", new String[] {"불합격 로트의 나머지 (전수 검수)", "rest of returned lots (full review)"}),
            Map.entry("source.REVIEW", new String[] {"검수 방식에 따른 검수", "review by the policy"}),
            Map.entry("rates", new String[] {"작업자별 검수 비율 (적응형)", "Review rate per labeler (adaptive)"}),
            Map.entry("rateNow", new String[] {"현재 검수 비율", "Rate now"}),
            Map.entry("rejectionRate", new String[] {"반려율 (불량/검수)", "Rejection rate (defects/inspected)"}),
            Map.entry("goldError", new String[] {"골드 오류율 (응답 수)", "Gold error (answers)"}),
            Map.entry("confidence", new String[] {"근거 충분도", "Evidence"}),
            Map.entry("lots", new String[] {"로트", "Lots"}),
            Map.entry("lot", new String[] {"로트", "Lot"}),
            Map.entry("lotSize", new String[] {"로트 크기", "Lot size"}),
            Map.entry("letter", new String[] {"시료 문자", "Code letter"}),
            Map.entry("sample", new String[] {"표본", "Sample"}),
            Map.entry("acRe", new String[] {"합격/불합격 판정 개수", "Ac/Re"}),
            Map.entry("defects", new String[] {"불량 (검수/표본)", "Defects (inspected/sample)"}),
            Map.entry("verdict", new String[] {"판정", "Verdict"}),
            Map.entry("created", new String[] {"만든 날", "Declared"}),
            Map.entry("decided", new String[] {"판정한 날", "Decided"}),
            Map.entry("state.ACCEPTED", new String[] {"합격", "accepted"}),
            Map.entry("state.RETURNED", new String[] {"불합격", "returned"}),
            Map.entry("state.INSPECTING", new String[] {"검사 중", "open"}),
            Map.entry("byManager", new String[] {"관리자 판정", "decided by a manager"}),
            Map.entry("noLots", new String[] {"로트가 없습니다", "no lots"}),
            Map.entry("lotTotals", new String[] {"로트 %d개: 합격 %d · 불합격 %d · 검사 중 %d. 불합격 로트의 작업 %d건, 합격 로트의 작업 %d건. 표본 %d건 중 %d건 검수, 불량 %d건.",
                    "%d lots: %d accepted · %d returned · %d open. %d items in returned lots, %d in accepted lots. %d of %d sampled items inspected, %d defects."}));

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
                .append(QualityReport.pct(sem.target())).append("</td><td>").append(sem.n()).append(' ').append(w("inspected", l));
        // which samples the estimate comes from (the inspection section has the figures of each)
        if (!sem.sources().isEmpty()) {
            h.append(": ");
            for (int i = 0; i < sem.sources().size(); i++) {
                Lots.Source src = sem.sources().get(i);
                h.append(i == 0 ? "" : ", ").append(w("source." + src.source(), l)).append(' ').append(src.inspected());
            }
        }
        h.append("</td></tr>");
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

        inspection(h, q, l);

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

    /** The inspection section: the policy, semantic accuracy's sources, adaptive rates, the lots and their totals. */
    private static void inspection(StringBuilder h, QualityService.Quality q, int l) {
        QualityService.Inspection in = q.inspection();
        h.append("<h2>").append(w("inspection", l)).append("</h2><p><b>").append(w("policy", l)).append("</b>: ")
                .append(WORDS.containsKey("mode." + in.mode()) ? w("mode." + in.mode(), l) : escape(in.mode()));
        if ("SAMPLE".equals(in.mode())) h.append(" · ").append(w("rateOf", l)).append(' ').append(QualityReport.pct(in.sampleRate()));
        if ("ADAPTIVE".equals(in.mode())) {
            h.append(" · ").append(escape(String.format(Locale.ROOT, w("adaptiveParams", l), QualityReport.pct(in.minRate()),
                    QualityReport.pct(in.sampleRate()), QualityReport.pct(in.maxRate()), in.window() == null ? 0 : in.window())));
        }
        if (!in.lots().isEmpty()) h.append(" · ").append(w("lotsUsed", l));
        h.append("</p>");

        QualityService.SemanticAccuracy sem = q.semanticAccuracy();
        h.append("<p><b>").append(w("sources", l)).append("</b></p>");
        if (sem.sources().isEmpty()) h.append("<p class=\"muted\">").append(w("none", l)).append("</p>");
        else {
            h.append("<table><tr><th>").append(w("source", l)).append("</th><th class=\"num\">").append(w("inspected", l))
                    .append("</th><th class=\"num\">").append(w("passed", l)).append("</th></tr>");
            for (Lots.Source s : sem.sources()) {
                h.append("<tr><td>").append(w("source." + s.source(), l)).append("</td><td class=\"num\">").append(s.inspected())
                        .append("</td><td class=\"num\">").append(QualityReport.pct(s.inspected() == 0 ? null : (double) s.passed() / s.inspected()))
                        .append(" (").append(s.passed()).append('/').append(s.inspected()).append(")</td></tr>");
            }
            h.append("</table>");
        }

        if ("ADAPTIVE".equals(in.mode())) {
            h.append("<p><b>").append(w("rates", l)).append("</b></p>");
            if (in.labelers().isEmpty()) h.append("<p class=\"muted\">").append(w("none", l)).append("</p>");
            else {
                h.append("<table><tr><th>").append(w("workers", l)).append("</th><th class=\"num\">").append(w("rateNow", l))
                        .append("</th><th class=\"num\">").append(w("rejectionRate", l)).append("</th><th class=\"num\">")
                        .append(w("goldError", l)).append("</th><th class=\"num\">").append(w("confidence", l)).append("</th></tr>");
                for (InspectionRates.Rate r : in.labelers()) {
                    h.append("<tr><td>").append(escape(r.username())).append("</td><td class=\"num\">").append(QualityReport.pct(r.rate()))
                            .append("</td><td class=\"num\">").append(QualityReport.pct(r.rejectionRate())).append(" (")
                            .append(r.defects()).append('/').append(r.inspected()).append(")</td><td class=\"num\">")
                            .append(QualityReport.pct(r.goldError())).append(" (").append(r.goldAnswers())
                            .append(")</td><td class=\"num\">").append(QualityReport.pct(r.confidence())).append("</td></tr>");
                }
                h.append("</table>");
            }
        }

        h.append("<p><b>").append(w("lots", l)).append("</b></p>");
        if (in.lots().isEmpty()) {
            h.append("<p class=\"muted\">").append(w("noLots", l)).append("</p>");
            return;
        }
        Lots.Totals t = in.lotTotals();
        h.append("<p>").append(escape(String.format(Locale.ROOT, w("lotTotals", l), t.lots(), t.accepted(), t.returned(), t.open(),
                t.itemsInReturnedLots(), t.itemsInAcceptedLots(), t.inspected(), t.sampled(), t.defects()))).append("</p><table>");
        long max = Math.max(t.accepted(), Math.max(t.returned(), t.open()));
        bar(h, w("state.ACCEPTED", l), t.accepted(), max);
        bar(h, w("state.RETURNED", l), t.returned(), max);
        bar(h, w("state.INSPECTING", l), t.open(), max);
        h.append("</table><table><tr><th>").append(w("lot", l)).append("</th><th class=\"num\">AQL</th><th class=\"num\">")
                .append(w("lotSize", l)).append("</th><th>").append(w("letter", l)).append("</th><th class=\"num\">")
                .append(w("sample", l)).append("</th><th class=\"num\">").append(w("acRe", l)).append("</th><th class=\"num\">")
                .append(w("defects", l)).append("</th><th>").append(w("verdict", l)).append("</th><th>").append(w("created", l))
                .append("</th><th>").append(w("decided", l)).append("</th></tr>");
        DateTimeFormatter day = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
        for (Lots.Lot lot : in.lots()) {
            h.append("<tr><td>#").append(lot.id()).append("</td><td class=\"num\">")
                    .append(escape(new java.math.BigDecimal(Double.toString(lot.aql())).stripTrailingZeros().toPlainString()))
                    .append("</td><td class=\"num\">").append(lot.lotSize()).append("</td><td>").append(escape(lot.codeLetter()))
                    .append("</td><td class=\"num\">").append(lot.sampleSize()).append("</td><td class=\"num\">")
                    .append(lot.acceptNumber()).append('/').append(lot.rejectNumber()).append("</td><td class=\"num\">")
                    .append(lot.defects()).append(" (").append(lot.inspected()).append('/').append(lot.sampleSize())
                    .append(")</td><td>").append(w("state." + lot.state(), l));
            if (lot.decidedBy() != null) h.append(" (").append(w("byManager", l)).append(": ").append(escape(lot.reason())).append(')');
            h.append("</td><td>").append(day.format(lot.createdAt())).append("</td><td>")
                    .append(lot.decidedAt() == null ? "–" : day.format(lot.decidedAt())).append("</td></tr>");
        }
        h.append("</table>");
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
