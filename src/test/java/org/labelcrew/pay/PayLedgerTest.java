package org.labelcrew.pay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.labelcrew.account.Role;
import org.labelcrew.review.WorkReviewed;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.Fixtures.Team;
import org.labelcrew.support.Fixtures.User;
import org.labelcrew.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** The ledger's rules against the real database: what is paid, once, to whom, in which month. */
@IntegrationTest
class PayLedgerTest {

    @Autowired
    Fixtures fx;
    @Autowired
    Ledger ledger;
    @Autowired
    ApplicationEventPublisher publisher;
    @Autowired
    TransactionTemplate tx;

    private static void card(Team t, String body) {
        t.manager().api().put("/api/v1/projects/" + t.projectId() + "/rate-card", body).expect(200);
    }

    /** The labeler takes the next task and submits {@code result}; the assignment id. */
    private static long label(Team t, User labeler, String result) {
        JsonNode lease = labeler.api().post("/api/v1/projects/" + t.projectId() + "/next-task", null).expect(200).json();
        long a = lease.get("assignmentId").asLong();
        labeler.api().post("/api/v1/assignments/" + a + "/submit", "{\"result\": " + result + "}").expect(200);
        return a;
    }

    /** The reviewer takes the next review and decides; the review id. */
    private static long review(Team t, User reviewer, String decision) {
        long id = reviewer.api().post("/api/v1/projects/" + t.projectId() + "/next-review", null).expect(200).json()
                .get("reviewId").asLong();
        reviewer.api().post("/api/v1/reviews/" + id + "/decision", decision).expect(200);
        return id;
    }

    private List<Map<String, Object>> entries(long accountId) {
        return fx.jdbc().sql("SELECT kind, amount, units, rate_card_version, period FROM pay_ledger WHERE account_id = :a ORDER BY id")
                .param("a", accountId).query().listOfRows();
    }

    private long sum(long accountId) {
        return fx.jdbc().sql("SELECT coalesce(sum(amount), 0) FROM pay_ledger WHERE account_id = :a")
                .param("a", accountId).query(Long.class).single();
    }

    @Test
    void rateCardsAreVersionedWholeWonAndErrorsNameTheField() {
        Team t = fx.team(1, null);
        String path = "/api/v1/projects/" + t.projectId() + "/rate-card";
        t.manager().api().get(path).expect(404);
        JsonNode bad = t.manager().api().put(path, """
                {"labelerPerTask": 1.5, "reviewerPerDecision": -1, "perUnit": {"nope": 3, "topic": "x"},
                 "correctionShare": 101}""").expect(422).json();
        assertThat(bad.get("errors").findValuesAsString("field")).containsExactlyInAnyOrder("labelerPerTask",
                "reviewerPerDecision", "perUnit.nope", "perUnit.topic", "correctionShare");
        assertThat(coded(bad)).contains("labelerPerTask pay.badWon {\"max\":" + org.labelcrew.shared.InputLimits.PAY_AMOUNT_MAX + "}",
                "perUnit.topic pay.badWon {\"max\":" + org.labelcrew.shared.InputLimits.PAY_AMOUNT_MAX + "}",
                "correctionShare pay.percent {\"min\":0,\"max\":100}");
        assertThat(bad.get("code").asString()).isEqualTo("pay.rateCardInvalid");
        assertThat(coded(bad)).anyMatch(s -> s.startsWith("perUnit.nope pay.noSuchField {\"name\":\"nope\",\"fields\":"));
        assertThat(t.manager().api().get(path).expect(404).json().get("code").asString()).isEqualTo("pay.noRateCard");
        JsonNode v1 = t.manager().api().put(path, "{\"labelerPerTask\": 500, \"reviewerPerDecision\": 100}")
                .expect(200).json();
        JsonNode v2 = t.manager().api().put(path,
                "{\"labelerPerTask\": 600, \"reviewerPerDecision\": 100, \"perUnit\": {\"topic\": 10}, \"goldRate\": 50}")
                .expect(200).json();
        assertThat(v1.get("version").asInt()).isEqualTo(1);
        assertThat(v2.get("version").asInt()).isEqualTo(2);
        JsonNode now = t.labelers().get(0).api().get(path).expect(200).json();
        assertThat(now.get("labelerPerTask").asLong()).isEqualTo(600);
        assertThat(now.get("perUnit").get("topic").asLong()).isEqualTo(10);
        t.labelers().get(0).api().put(path, "{\"labelerPerTask\": 1, \"reviewerPerDecision\": 1}").expect(403);
    }

    @Test
    void approvalPaysTheLabelerPerTaskAndUnitAndEveryDecisionPaysTheReviewer() {
        Team t = fx.team(1, null);
        long project = t.projectId();
        card(t, "{\"labelerPerTask\": 500, \"reviewerPerDecision\": 80, \"perUnit\": {\"topic\": 7}}");
        fx.tasks(project, "첫째", "둘째");
        User lab = t.labelers().get(0);
        label(t, lab, "{\"topic\": \"경제\"}");
        label(t, lab, "{\"topic\": \"정치\"}");
        review(t, t.reviewer(), "{\"verdict\": \"APPROVE\"}");
        review(t, t.reviewer(), "{\"verdict\": \"REJECT\", \"reason\": \"주제가 틀림\"}");

        assertThat(entries(lab.id())).singleElement().satisfies(e -> {
            assertThat(e.get("kind")).isEqualTo("LABELING");
            assertThat(e.get("amount")).isEqualTo(507L);
            assertThat(e.get("units")).isEqualTo(1L);
            assertThat(e.get("rate_card_version")).isEqualTo(1);
        });
        assertThat(entries(t.reviewer().id())).extracting(e -> e.get("kind") + ":" + e.get("amount"))
                .containsExactly("REVIEW:80", "REVIEW:80");
    }

    @Test
    void reworkThenReapprovalPaysTheLabelerOnce() {
        Team t = fx.team(1, null);
        card(t, "{\"labelerPerTask\": 500, \"reviewerPerDecision\": 80}");
        fx.tasks(t.projectId(), "하나");
        User lab = t.labelers().get(0);
        long a = label(t, lab, "{\"topic\": \"경제\"}");
        review(t, t.reviewer(), "{\"verdict\": \"REJECT\", \"reason\": \"다시\"}");
        assertThat(label(t, lab, "{\"topic\": \"사회\"}")).as("rework comes back on the same assignment").isEqualTo(a);
        review(t, t.reviewer(), "{\"verdict\": \"APPROVE\"}");
        assertThat(sum(lab.id())).isEqualTo(500);
        // The same approval heard again (a retry, a second approval of the same work) pays nothing more.
        long ann = fx.jdbc().sql("SELECT max(id) FROM annotation WHERE assignment_id = :a").param("a", a)
                .query(Long.class).single();
        tx.executeWithoutResult(s -> publisher.publishEvent(
                new WorkReviewed(-1, t.projectId(), a, "AUTO_APPROVE", ann, null, Instant.now())));
        assertThat(sum(lab.id())).isEqualTo(500);
        assertThat(sum(t.reviewer().id())).isEqualTo(160);
    }

    @Test
    void aCorrectionSplitsTheTasksPayAsTheCardSays() {
        Team t = fx.team(1, null);
        card(t, "{\"labelerPerTask\": 505, \"reviewerPerDecision\": 80, \"correctionShare\": 30}");
        fx.tasks(t.projectId(), "셋");
        User lab = t.labelers().get(0);
        label(t, lab, "{\"topic\": \"경제\"}");
        review(t, t.reviewer(), "{\"verdict\": \"CORRECT\", \"result\": {\"topic\": \"사회\"}}");
        // 505 × 30 % = 151.5 → 151 to the reviewer; the labeler keeps 354
        assertThat(entries(lab.id())).extracting(e -> e.get("kind") + ":" + e.get("amount")).containsExactly("LABELING:354");
        assertThat(entries(t.reviewer().id())).extracting(e -> e.get("kind") + ":" + e.get("amount"))
                .containsExactlyInAnyOrder("REVIEW:80", "CORRECTION_SHARE:151");
    }

    @Test
    void theVersionInForceAtApprovalIsUsed() {
        Team t = fx.team(1, null);
        card(t, "{\"labelerPerTask\": 500, \"reviewerPerDecision\": 0}");
        fx.tasks(t.projectId(), "가", "나");
        User lab = t.labelers().get(0);
        label(t, lab, "{\"topic\": \"경제\"}");
        label(t, lab, "{\"topic\": \"경제\"}");
        review(t, t.reviewer(), "{\"verdict\": \"APPROVE\"}");
        card(t, "{\"labelerPerTask\": 700, \"reviewerPerDecision\": 0}");
        review(t, t.reviewer(), "{\"verdict\": \"APPROVE\"}");
        assertThat(entries(lab.id())).extracting(e -> e.get("amount") + "@v" + e.get("rate_card_version"))
                .containsExactly("500@v1", "700@v2");
        assertThat(entries(t.reviewer().id())).as("0 won is no entry").isEmpty();
    }

    @Test
    void goldAnswersArePaidOnlyAtTheCardsGoldRateAndLookLikeWorkToTheWorker() {
        Team t = fx.team(2, "\"goldRate\": 1");
        long g1 = fx.tasks(t.projectId(), "금리").get(0);
        t.manager().api().put("/api/v1/tasks/" + g1 + "/gold", "{\"reference\": {\"topic\": \"경제\"}}").expect(200);
        User unpaid = t.labelers().get(0);
        User paid = t.labelers().get(1);
        card(t, "{\"labelerPerTask\": 500, \"reviewerPerDecision\": 0}");
        label(t, unpaid, "{\"topic\": \"경제\"}");
        card(t, "{\"labelerPerTask\": 500, \"reviewerPerDecision\": 0, \"goldRate\": 300}");
        label(t, paid, "{\"topic\": \"정치\"}");
        assertThat(entries(unpaid.id())).as("no gold rate: gold answers are not work").isEmpty();
        assertThat(entries(paid.id())).extracting(e -> e.get("kind") + ":" + e.get("amount")).containsExactly("GOLD:300");
        JsonNode mine = paid.api().get("/api/v1/me/earnings").expect(200).json();
        assertThat(mine.get("entries").get(0).get("kind").asString()).as("gold is secret").isEqualTo("LABELING");
        assertThat(mine.get("total").asLong()).isEqualTo(300);
        assertThat(paid.api().get("/api/v1/pay/ledger?accountId=" + paid.id()).text()).doesNotContain("GOLD");
        assertThat(t.manager().api().get("/api/v1/pay/ledger?accountId=" + paid.id()).text()).contains("GOLD");
    }

    @Test
    void concurrentApprovalsOfTheSameWorkNeverPayTwice() throws Exception {
        Team t = fx.team(1, null);
        card(t, "{\"labelerPerTask\": 500, \"reviewerPerDecision\": 0}");
        fx.tasks(t.projectId(), "동시");
        User lab = t.labelers().get(0);
        long a = label(t, lab, "{\"topic\": \"경제\"}");
        long ann = fx.jdbc().sql("SELECT max(id) FROM annotation WHERE assignment_id = :a").param("a", a)
                .query(Long.class).single();
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            long reviewId = -100 - i;
            done.add(pool.submit(() -> {
                go.await();
                // each approval in its own transaction, all at once: the unique index is the only referee
                tx.executeWithoutResult(s -> publisher.publishEvent(
                        new WorkReviewed(reviewId, t.projectId(), a, "APPROVE", ann, null, Instant.now())));
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) f.get(60, TimeUnit.SECONDS);
        pool.shutdown();
        assertThat(entries(lab.id())).hasSize(1);
        assertThat(sum(lab.id())).isEqualTo(500);
    }

    @Test
    void manyReviewersApprovingAtOncePayEachTaskExactlyOnce() throws Exception {
        Team t = fx.team(3, null);
        User second = fx.user("rev2", Role.REVIEWER);
        fx.member(t.manager(), t.projectId(), second, "REVIEWER");
        card(t, "{\"labelerPerTask\": 300, \"reviewerPerDecision\": 20}");
        int perLabeler = 4;
        for (int i = 0; i < 3 * perLabeler; i++) fx.tasks(t.projectId(), "작업 " + i);
        for (User lab : t.labelers()) for (int i = 0; i < perLabeler; i++) label(t, lab, "{\"topic\": \"사회\"}");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Integer>> done = new ArrayList<>();
        for (User r : List.of(t.reviewer(), second)) {
            done.add(pool.submit(() -> {
                int n = 0;
                while (true) {
                    var next = r.api().post("/api/v1/projects/" + t.projectId() + "/next-review", null);
                    if (next.status() == 204) return n;
                    long id = next.expect(200).json().get("reviewId").asLong();
                    r.api().post("/api/v1/reviews/" + id + "/decision", "{\"verdict\": \"APPROVE\"}").expect(200);
                    n++;
                }
            }));
        }
        int decisions = done.get(0).get(120, TimeUnit.SECONDS) + done.get(1).get(120, TimeUnit.SECONDS);
        pool.shutdown();
        assertThat(decisions).isEqualTo(3 * perLabeler);
        for (User lab : t.labelers()) assertThat(sum(lab.id())).isEqualTo(300L * perLabeler);
        assertThat(sum(t.reviewer().id()) + sum(second.id())).isEqualTo(20L * decisions);
    }

    /** A month no other test writes in (entries are dated by hand, years ago). */
    private static java.time.YearMonth oldMonth(int fromYear) {
        return java.time.YearMonth.of(fromYear + ThreadLocalRandom.current().nextInt(15),
                1 + ThreadLocalRandom.current().nextInt(11));
    }

    @Test
    void theMonthIsKoreasMonth() {
        // 2026-11-30 23:59:59 in Seoul is 14:59:59 UTC; a second later it is December in Korea
        assertThat(tx.execute(s -> ledger.period(Instant.parse("2026-11-30T14:59:59Z"))).toString()).isEqualTo("2026-11");
        assertThat(tx.execute(s -> ledger.period(Instant.parse("2026-11-30T15:00:00Z"))).toString()).isEqualTo("2026-12");
        assertThat(tx.execute(s -> ledger.period(Instant.parse("2026-12-31T15:00:00Z"))).toString()).isEqualTo("2027-01");
    }

    @Test
    void anIssuedMonthIsLockedAndLaterEntriesGoToTheNextOpenMonth() {
        User admin = fx.user("adm", Role.ADMIN);
        User worker = fx.user("wrk", Role.LABELER);
        java.time.YearMonth m = oldMonth(1990);
        Instant inMonth = m.atDay(10).atStartOfDay(Ledger.SEOUL).toInstant();
        long assignment = -ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);
        tx.executeWithoutResult(s -> ledger.adjust(worker.id(), null, 40_000, "보너스", admin.id(), inMonth));
        JsonNode issued = admin.api().post("/api/v1/pay/statements/" + m + "/issue", null).expect(200).json();
        assertThat(issued.get("issuedAt").isNull()).isFalse();
        admin.api().post("/api/v1/pay/statements/" + m + "/issue", null).expect(409);
        tx.executeWithoutResult(s -> ledger.insert(worker.id(), null, "LABELING", 500, 0, assignment, null, null, inMonth));
        assertThat(entries(worker.id())).extracting(e -> e.get("period"))
                .containsExactly(m.toString(), m.plusMonths(1).toString());
        JsonNode again = admin.api().get("/api/v1/pay/statements?period=" + m).expect(200).json();
        JsonNode mine = again.get("statements").findParents("accountId").stream()
                .filter(n -> n.get("accountId").asLong() == worker.id()).findFirst().orElseThrow();
        assertThat(mine.get("gross").asLong()).as("the issued month does not change").isEqualTo(40_000);
        JsonNode future = admin.api().post("/api/v1/pay/statements/2999-01/issue", null).expect(422).json();
        assertThat(coded(future)).containsExactly("period pay.periodInFuture {\"period\":\"2999-01\"}");
        JsonNode notMonth = admin.api().post("/api/v1/pay/statements/2020-13/issue", null).expect(422).json();
        assertThat(coded(notMonth)).containsExactly("period pay.badPeriod {\"period\":\"2020-13\"}");
        assertThat(notMonth.get("code").asString()).isEqualTo("pay.badPeriod");
    }

    @Test
    void statementsWithholdPerWorkerAndComeAsCsvPdfAndPayout() {
        User admin = fx.user("adm", Role.ADMIN);
        User big = fx.user("big", Role.LABELER);
        User small = fx.user("small", Role.LABELER);
        java.time.YearMonth m = oldMonth(2005);
        Instant at = m.atDay(3).atStartOfDay(Ledger.SEOUL).toInstant();
        tx.executeWithoutResult(s -> {
            ledger.adjust(big.id(), null, 100_000, "일", admin.id(), at);
            ledger.adjust(big.id(), null, 23_456, "일", admin.id(), at);
            ledger.adjust(small.id(), null, 33_333, "일", admin.id(), at);
        });
        JsonNode s = admin.api().get("/api/v1/pay/statements?period=" + m).expect(200).json();
        Map<Long, JsonNode> by = new java.util.HashMap<>();
        s.get("statements").forEach(n -> by.put(n.get("accountId").asLong(), n));
        JsonNode b = by.get(big.id());
        // 123,456: income tax 3,700, local 370, withholding 4,070, net 119,386 (WithholdingTest)
        assertThat(List.of(b.get("gross").asLong(), b.get("incomeTax").asLong(), b.get("localIncomeTax").asLong(),
                b.get("withholding").asLong(), b.get("net").asLong())).containsExactly(123_456L, 3_700L, 370L, 4_070L, 119_386L);
        assertThat(by.get(small.id()).get("withholding").asLong()).as("소액부징수").isZero();

        var csv = admin.api().get("/api/v1/pay/statements?period=" + m + "&format=csv").expect(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.text()).contains("\"" + big.username() + "\"").contains(",123456,3700,370,4070,119386");
        var payout = admin.api().get("/api/v1/pay/statements?period=" + m + "&format=payout").expect(200);
        assertThat(payout.text()).contains(big.id() + ",\"" + big.username() + "\"").contains(",119386,\"LabelCrew " + m + "\"");
        var pdf = admin.api().get("/api/v1/pay/statements?period=" + m + "&format=pdf").expect(200);
        assertThat(pdf.contentType()).isEqualTo("application/pdf");
        assertThat(new String(pdf.body(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");

        admin.api().get("/api/v1/pay/statements?period=2020-1").expect(422);
        assertThat(coded(admin.api().get("/api/v1/pay/statements?period=" + m + "&format=xls").expect(422).json()))
                .containsExactly("format value.oneOf {\"allowed\":\"json, csv, pdf, payout\"}");
        assertThat(big.api().get("/api/v1/pay/statements?period=" + m).expect(403).json().get("code").asString())
                .isEqualTo("pay.adminsOnly");
    }

    @Test
    void theLedgerIsAppendOnly() {
        User worker = fx.user("wrk", Role.LABELER);
        User admin = fx.user("adm", Role.ADMIN);
        admin.api().post("/api/v1/pay/adjustments", "{\"accountId\": " + worker.id()
                + ", \"amount\": 1000, \"reason\": \"교육 수당\"}").expect(201);
        assertThatThrownBy(() -> fx.jdbc().sql("UPDATE pay_ledger SET amount = 1 WHERE account_id = :a")
                .param("a", worker.id()).update()).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> fx.jdbc().sql("DELETE FROM pay_ledger WHERE account_id = :a")
                .param("a", worker.id()).update()).rootCause().hasMessageContaining("append-only");
        assertThat(sum(worker.id())).isEqualTo(1000);
        JsonNode bad = admin.api().post("/api/v1/pay/adjustments", "{\"accountId\": " + worker.id()
                + ", \"amount\": 0.5, \"reason\": \" \"}").expect(422).json();
        assertThat(bad.get("errors").findValuesAsString("field")).containsExactlyInAnyOrder("amount", "reason");
        assertThat(coded(bad)).containsExactlyInAnyOrder(
                "amount pay.badAdjustment {\"max\":" + org.labelcrew.shared.InputLimits.PAY_AMOUNT_MAX + "}",
                "reason pay.reasonRequired {}");
        assertThat(bad.get("code").asString()).isEqualTo("pay.adjustmentInvalid");
        worker.api().post("/api/v1/pay/adjustments", "{\"accountId\": " + worker.id()
                + ", \"amount\": 1000, \"reason\": \"셀프\"}").expect(403);
    }

    @Test
    void aLedgerIsItsWorkersTheirManagersAndAdministratorsOnly() {
        Team t = fx.team(2, null);
        card(t, "{\"labelerPerTask\": 500, \"reviewerPerDecision\": 0}");
        fx.tasks(t.projectId(), "남의 것");
        User owner = t.labelers().get(0);
        User colleague = t.labelers().get(1);
        label(t, owner, "{\"topic\": \"경제\"}");
        review(t, t.reviewer(), "{\"verdict\": \"APPROVE\"}");
        String path = "/api/v1/pay/ledger?accountId=" + owner.id();
        assertThat(owner.api().get(path).expect(200).json().size()).isEqualTo(1);
        assertThat(t.manager().api().get(path).expect(200).json().get(0).get("amount").asLong()).isEqualTo(500);
        assertThat(fx.user("adm", Role.ADMIN).api().get(path).expect(200).json().size()).isEqualTo(1);
        colleague.api().get(path).expect(404);
        t.reviewer().api().get(path).expect(404);
        fx.user("othermgr", Role.MANAGER).api().get(path).expect(404);
        owner.api().get("/api/v1/pay/ledger?accountId=999999999").expect(404);
        assertThat(coded(owner.api().get("/api/v1/pay/ledger").expect(422).json())).containsExactly("accountId pay.accountRequired {}");
        assertThat(owner.api().get("/api/v1/me/earnings").expect(200).json().get("months").get(0).get("gross").asLong())
                .isEqualTo(500);
    }

    /** errors[] as "field code params": what the browser words in the reader's language. */
    static java.util.List<String> coded(JsonNode problem) {
        return problem.get("errors").valueStream()
                .map(e -> e.get("field").asString() + " " + e.get("code").asString() + " " + e.get("params")).toList();
    }
}
