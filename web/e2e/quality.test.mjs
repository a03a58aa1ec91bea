// Quality in a real browser against the real jar (issue 11): a project with gold items and automatic pause; the
// labeler answers the gold badly and is paused (and reads why), the manager sees the reason and resumes them; the
// labeler's work is then inspected by acceptance sampling — the manager declares a lot on the Quality tab, the
// reviewer gets the sample first, and the lot is accepted (the rest approved without review); the manager opens the
// quality report in the browser and downloads it as a PDF, and the administrator downloads the month's pay statement
// PDF.
//
// Run: cd web && node --test e2e/quality.test.mjs (needs ../target/labelcrew.jar or LABELCREW_JAR, and Chromium).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  addMembers,
  adminCreates,
  currentTaskId,
  env,
  importJsonl,
  onFailureDump,
  openProject,
  openQueue,
  shot,
  signedIn,
  start,
  stop,
  waitForTaskChange,
} from './harness.mjs';

const USERS = {
  manager: { username: 'qa-manager', displayName: '품질매니저', role: 'Manager' },
  labeler: { username: 'qa-labeler', displayName: '박작업', role: 'Labeler' },
  reviewer: { username: 'qa-reviewer', displayName: '최검수', role: 'Reviewer' },
};
const PROJECT = '품질 프로젝트';
const ORDINARY = 10;

before(() => start('labelcrew-e2e-quality-'));
after(() => stop());

/** Saves a download and checks it is a non-empty PDF; returns its bytes. */
async function pdfFrom(page, trigger, fileName) {
  const [download] = await Promise.all([page.waitForEvent('download'), trigger.click()]);
  const file = path.join(env.dataDir, fileName);
  await download.saveAs(file);
  const bytes = readFileSync(file);
  assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-', `${fileName} is a PDF`);
  assert.ok(bytes.length > 1000, `${fileName} is not empty (${bytes.length} bytes)`);
  return bytes;
}

/** Labels the task on screen with the `key`-th topic and waits for the next one (or the empty queue). */
async function answer(page, key) {
  const id = await currentTaskId(page, 'no-more-tasks');
  assert.ok(id, 'a task is offered');
  await page.keyboard.press(key);
  await page.keyboard.press('Enter');
  return id;
}

test('gold answered badly pauses the labeler; a lot is accepted by its sample; the report and a statement come as PDFs', async () => {
  const pages = {};
  await onFailureDump(pages, async () => {
    const admin = await adminCreates(pages, Object.values(USERS));

    // ---- manager: a project with gold always due (goldRate 1) and automatic pause after 2 gold answers below 80 % ----
    const mp = await signedIn(pages, 'manager', USERS.manager.username);
    const status = await mp.evaluate(async (name) => {
      const xsrf = decodeURIComponent(document.cookie.match(/XSRF-TOKEN=([^;]+)/)?.[1] ?? '');
      const headers = { 'Content-Type': 'application/json', 'X-XSRF-TOKEN': xsrf };
      const res = await fetch('/api/v1/projects', {
        method: 'POST',
        headers,
        body: JSON.stringify({
          name,
          schema: { fields: [{ name: 'topic', type: 'choice', options: ['정치', '경제', '사회'] }] },
          goldRate: 1,
          autoPause: { minGoldAnswers: 2, minAccuracy: 0.8 },
        }),
      });
      if (res.status !== 201) return res.status;
      // A rate card, so that approved work (reviewed or accepted with its lot) is paid and shows on the statement.
      const { id } = await res.json();
      const card = await fetch(`/api/v1/projects/${id}/rate-card`, {
        method: 'PUT',
        headers,
        body: JSON.stringify({ labelerPerTask: 500, reviewerPerDecision: 100 }),
      });
      return card.status === 200 ? 201 : card.status;
    }, PROJECT);
    assert.equal(status, 201);
    await mp.reload();
    await openProject(mp, PROJECT);
    await addMembers(mp, [
      [USERS.labeler, '작업자'],
      [USERS.reviewer, '검수자'],
    ]);
    const rows = [
      { data: { text: '기준금리 동결' }, gold: { topic: '경제' } },
      { data: { text: '수출 증가세' }, gold: { topic: '경제' } },
    ];
    for (let i = 0; i < ORDINARY; i++) rows.push({ text: `경제 기사 ${i + 1}` });
    await importJsonl(mp, '품질.jsonl', rows);

    // ---- labeler: the two gold items come first (rate 1); both answered 정치 (wrong) → paused by the second ----
    const lp = await openQueue(pages, 'labeler', USERS.labeler.username, PROJECT, '라벨링 시작');
    const first = await answer(lp, '1');
    await waitForTaskChange(lp, first, 'no-more-tasks');
    await answer(lp, '1');
    await lp.getByText('자동으로 중지되었습니다', { exact: false }).waitFor();
    await shot(lp, 'quality-01-auto-paused');

    // ---- manager: the members list says why; unticking "paused" resumes them ----
    await mp.getByRole('tab', { name: '참여자' }).click();
    await mp.reload();
    const reason = mp.getByTestId(`member-pause-reason-${USERS.labeler.username}`);
    await reason.waitFor();
    assert.match(await reason.innerText(), /0%/);
    // click, not uncheck(): the box follows the server's answer, not the click
    await mp.getByTestId(`member-paused-${USERS.labeler.username}`).click();
    await reason.waitFor({ state: 'detached' });
    assert.equal(await mp.getByTestId(`member-paused-${USERS.labeler.username}`).isChecked(), false);

    // ---- labeler: back to work, the ten ordinary tasks answered 경제 (FULL review: all await review) ----
    await lp.reload();
    for (let n = 0; n < ORDINARY; n++) {
      const id = await answer(lp, '2');
      await waitForTaskChange(lp, id, 'no-more-tasks');
    }
    await lp.getByTestId('no-more-tasks').waitFor();

    // ---- manager: a lot of the 10 at AQL 6.5 → code letter B, arrow up to A: sample 2, Ac 0, Re 1 ----
    await mp.getByRole('tab', { name: '품질' }).click();
    await mp.getByTestId('lot-aql').selectOption('6.5');
    await mp.getByTestId('lot-create').click();
    const lot = mp.getByTestId('lot-row').first();
    await lot.filter({ hasText: '표본 2개' }).waitFor();
    assert.equal(await lot.getAttribute('data-state'), 'INSPECTING');
    await shot(mp, 'quality-02-lot-inspecting');

    // ---- reviewer: the sample comes first; two approvals accept the lot, and nothing else is left to review ----
    const rp = await openQueue(pages, 'reviewer', USERS.reviewer.username, PROJECT, '검수 시작');
    const r1 = await currentTaskId(rp, 'no-more-reviews');
    await rp.keyboard.press('a');
    await waitForTaskChange(rp, r1, 'no-more-reviews');
    await rp.keyboard.press('a');
    await rp.getByTestId('no-more-reviews').waitFor();

    await mp.reload();
    await mp.getByTestId('lot-row').filter({ hasText: '합격' }).waitFor();
    assert.equal(await mp.getByTestId('lot-row').first().getAttribute('data-state'), 'ACCEPTED');
    await shot(mp, 'quality-03-lot-accepted');

    // ---- manager: the report in the browser (a new tab) and as a PDF ----
    const [reportPage] = await Promise.all([mp.context().waitForEvent('page'), mp.getByTestId('quality-report-html').click()]);
    await reportPage.waitForLoadState();
    const reportText = await reportPage.locator('body').innerText();
    assert.match(reportText, /품질/);
    // the inspection section (lotsreport, issue 11): the accepted lot in the totals and in the lots table
    assert.match(reportText, /로트 1개: 합격 1 · 불합격 0 · 검사 중 0/);
    await reportPage.close();
    await pdfFrom(mp, mp.getByTestId('quality-report-pdf'), 'quality-report.pdf');

    // ---- administrator: this month's pay statements as a PDF ----
    await admin.getByRole('link', { name: 'Pay', exact: true }).click();
    // 10 approved tasks at 500 won: 2 reviewed from the sample, 8 approved with the accepted lot
    await admin.getByTestId('pay-statement').filter({ hasText: USERS.labeler.username }).filter({ hasText: '₩5,000' }).waitFor();
    await pdfFrom(admin, admin.getByTestId('pay-pdf'), 'statements.pdf');
  });
});
