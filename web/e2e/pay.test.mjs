// Pay in a real browser against the real jar: a manager sets the project's rate card in its Pay rates tab; a labeler
// labels two tasks and watches My earnings grow as the reviewer approves them one by one; the administrator opens the
// month's statements (gross, withholding, net per worker), downloads the CSV and the PDF, and issues the month.
//
// Run: npm run e2e (needs ../target/labelcrew.jar or LABELCREW_JAR, and Chromium; see harness.mjs and README.md).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  addMembers,
  adminCreates,
  currentTaskId,
  downloadLines,
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
  manager: { username: 'pay-manager', displayName: '정산매니저', role: 'Manager' },
  labeler: { username: 'pay-labeler', displayName: '김작업', role: 'Labeler' },
  reviewer: { username: 'pay-reviewer', displayName: '이검수', role: 'Reviewer' },
};
const PROJECT = '단가 프로젝트';

before(() => start('labelcrew-e2e-pay-'));
after(() => stop());

/** Reloads My earnings and waits for the total to read `amount` (₩, ko-KR). */
async function earningsRead(page, amount) {
  await page.getByRole('button', { name: '새로 고침' }).click();
  await page.getByTestId('earnings-total').filter({ hasText: amount }).waitFor();
}

test('approved work grows the labeler’s earnings; the month’s statements come as a table, CSV and PDF, and lock when issued', async () => {
  const pages = {};
  await onFailureDump(pages, async () => {
    const admin = await adminCreates(pages, Object.values(USERS));

    // ---- manager: a project (through the API: the editor has its own test), members, two tasks, the rate card ----
    const mp = await signedIn(pages, 'manager', USERS.manager.username);
    const status = await mp.evaluate(async (name) => {
      const xsrf = decodeURIComponent(document.cookie.match(/XSRF-TOKEN=([^;]+)/)?.[1] ?? '');
      const res = await fetch('/api/v1/projects', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-XSRF-TOKEN': xsrf },
        body: JSON.stringify({ name, schema: { fields: [{ name: 'topic', type: 'choice', options: ['정치', '경제', '사회'] }] } }),
      });
      return res.status;
    }, PROJECT);
    assert.equal(status, 201);
    await mp.reload(); // the project list on screen was read before the project existed
    await openProject(mp, PROJECT);
    await addMembers(mp, [
      [USERS.labeler, '작업자'],
      [USERS.reviewer, '검수자'],
    ]);
    await importJsonl(mp, '단가.jsonl', [{ text: '금리가 올랐다' }, { text: '물가가 내렸다' }]);
    await mp.getByRole('tab', { name: '단가' }).click();
    await mp.getByTestId('rate-card-none').waitFor();
    await mp.getByTestId('rate-labelerPerTask').fill('1.5');
    await mp.getByTestId('rate-reviewerPerDecision').fill('100');
    await mp.getByTestId('rate-card-save').click();
    await mp.getByTestId('rate-card-panel').getByRole('alert').filter({ hasText: '원 단위 정수' }).waitFor(); // the server's code pay.badWon, worded in Korean
    await mp.getByTestId('rate-labelerPerTask').fill('500');
    await mp.getByTestId('rate-perUnit-topic').fill('30');
    await mp.getByTestId('rate-card-save').click();
    await mp.getByTestId('rate-card-version').filter({ hasText: '버전 1' }).waitFor();
    await shot(mp, 'pay-01-rate-card');

    // ---- labeler: two tasks, nothing earned until approved ----
    const lp = await openQueue(pages, 'labeler', USERS.labeler.username, PROJECT, '라벨링 시작');
    for (let n = 0; n < 2; n++) {
      const id = await currentTaskId(lp, 'no-more-tasks');
      assert.ok(id, `task ${n + 1} of 2 is offered`);
      await lp.keyboard.press('2');
      await lp.keyboard.press('Enter');
      await waitForTaskChange(lp, id, 'no-more-tasks');
    }
    await lp.goto(`${env.base}/#/earnings`);
    await lp.getByText('아직 적립된 수입이 없습니다', { exact: false }).waitFor();

    // ---- reviewer approves one; the labeler's earnings grow (500 + 30 per chosen topic); then the other ----
    const rp = await openQueue(pages, 'reviewer', USERS.reviewer.username, PROJECT, '검수 시작');
    const first = await currentTaskId(rp, 'no-more-reviews');
    await rp.keyboard.press('a');
    await waitForTaskChange(rp, first, 'no-more-reviews');
    await earningsRead(lp, '₩530');
    await lp.getByTestId('pay-entry').first().filter({ hasText: '작업 승인' }).waitFor();
    await rp.keyboard.press('a');
    await rp.getByTestId('no-more-reviews').waitFor();
    await earningsRead(lp, '₩1,060');
    assert.equal(await lp.getByTestId('earnings-bar').count(), 1, 'one month in the chart');
    await shot(lp, 'pay-02-earnings');

    // ---- administrator: this month's statements, CSV, PDF, issue ----
    await admin.getByRole('link', { name: 'Pay', exact: true }).click();
    const table = admin.getByTestId('pay-statements');
    const labelerRow = table.getByTestId('pay-statement').filter({ hasText: USERS.labeler.username });
    await labelerRow.waitFor();
    // 1,060 won: income tax 31 → 30 < 1,000, so nothing is withheld (소액부징수)
    assert.match((await labelerRow.innerText()).replace(/\s+/g, ' '), /₩1,060 ₩0 ₩0 ₩0 ₩1,060/);
    await table.getByTestId('pay-statement').filter({ hasText: USERS.reviewer.username }).filter({ hasText: '₩200' }).waitFor();
    await shot(admin, 'pay-03-statements');
    const lines = await downloadLines(admin, admin.getByTestId('pay-csv'), 'statements.csv');
    assert.ok(lines.some((l) => l.includes(`"${USERS.labeler.username}"`) && l.trimEnd().endsWith(',1060,0,0,0,1060')), lines.join('\n'));
    const [pdf] = await Promise.all([admin.waitForEvent('download'), admin.getByTestId('pay-pdf').click()]);
    const pdfFile = path.join(env.dataDir, 'statements.pdf');
    await pdf.saveAs(pdfFile);
    const bytes = readFileSync(pdfFile);
    assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-', 'a PDF came down');
    admin.once('dialog', (d) => d.accept());
    await admin.getByTestId('pay-issue').click();
    await admin.getByTestId('pay-issued').filter({ hasText: 'locked' }).waitFor(); // 'Not issued yet' also holds 'issued'
    assert.equal(await admin.getByTestId('pay-issue').count(), 0, 'an issued month cannot be issued again');
  });
});
