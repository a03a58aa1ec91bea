// The import dialog (issue 12) in a real browser against the real jar, Korean UI first: a manager uploads an
// NSMC-shaped TSV whose text column is `document`, maps it and the label column (as a prediction) in the dialog and
// sees the task count and the prediction warnings (a label the schema does not list); uploads a CP949 file (the repo's
// own sample, src/test/resources/interchange/nsmc-cp949.tsv), answers the encoding question and finds the converted
// Korean text on a task; uploads a file with a bad row with "skip bad rows", sees it rejected and downloads the
// rejected-rows report (line, field, reason). An administrator with an English browser sees the mapping and the
// encoding question in English and cancels (nothing stored).
//
// Run: node --test e2e/import.test.mjs (needs ../target/labelcrew.jar and Chromium, as every e2e test here).
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { adminCreates, downloadLines, env, onFailureDump, openProject, signedIn, start, stop, waitForJobDone } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const CP949 = path.resolve(here, '..', '..', 'src', 'test', 'resources', 'interchange', 'nsmc-cp949.tsv');
const MANAGER = { username: 'imp-manager', displayName: '윤매니저', role: 'Manager' };

before(() => start('labelcrew-e2e-import-'));
after(() => stop());

/** A JSON call from inside the signed-in page (its session cookie and CSRF token), for setup the test is not about. */
async function call(page, method, url, body) {
  return page.evaluate(
    async ([method, url, body]) => {
      const xsrf = decodeURIComponent((document.cookie.match(/XSRF-TOKEN=([^;]+)/) ?? [])[1] ?? '');
      const res = await fetch(url, { method, headers: { 'Content-Type': 'application/json', 'X-XSRF-TOKEN': xsrf }, body: body == null ? undefined : JSON.stringify(body) });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
    [method, url, body],
  );
}

function writeFile(name, content) {
  const file = path.join(env.dataDir, name);
  writeFileSync(file, content);
  return file;
}

test('import dialog: column mapping, prediction warnings, CP949 with consent, skipped rows and their report', { timeout: 480_000 }, async () => {
  const pages = {};
  const projectName = `영화 리뷰 ${Date.now().toString(36)}`;
  await onFailureDump(pages, async () => {
    const admin = await adminCreates(pages, [MANAGER]);

    const mp = await signedIn(pages, 'manager', MANAGER.username);
    const schema = { fields: [{ name: 'sentiment', type: 'choice', options: ['0', '1'] }] };
    const made = await call(mp, 'POST', '/api/v1/projects', { name: projectName, schema });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    await mp.reload();
    await openProject(mp, projectName);
    await mp.getByRole('tab', { name: '가져오기·내보내기' }).click();
    const panel = mp.getByTestId('import-panel');
    const job = panel.getByTestId('import-job');

    // ---- a TSV with a `document` column and a label column, mapped in the dialog ----
    const tsv = writeFile('reviews.tsv', 'id\tdocument\tlabel\r\n1\t정말 재미있다\t1\r\n2\t그저 그렇다\t2\r\n3\t시간 낭비\t0\r\n');
    await panel.getByLabel('파일', { exact: true }).setInputFiles(tsv);
    assert.equal(await panel.getByLabel('형식', { exact: true }).inputValue(), 'tsv', 'the format follows the file name');
    const mapping = panel.getByTestId('import-mapping');
    await mapping.waitFor();
    await mapping.getByRole('option', { name: 'document' }).first().waitFor({ state: 'attached' });
    assert.equal(await mapping.getByLabel('첫 줄은 열 이름').isChecked(), true, 'header yes by default');
    await mapping.getByLabel('텍스트 열', { exact: true }).selectOption('document');
    await mapping.getByLabel('레이블 열', { exact: true }).selectOption('label');
    await mapping.getByLabel('레이블을 다음으로', { exact: true }).selectOption('prediction');
    await panel.getByRole('button', { name: '업로드', exact: true }).click();
    await waitForJobDone(panel, 'import-job');
    assert.match(await job.innerText(), /3건 중 3건 가져옴, 0건 거부/);
    // Label "2" is no option of `sentiment`: stored (a hint) and reported, with its line.
    const warnings = panel.getByTestId('import-warnings');
    await warnings.waitFor();
    const warned = (await warnings.innerText()).replace(/\s+/g, ' ');
    assert.match(warned, /sentiment: 스키마에 없는 레이블 1건/);
    assert.match(warned, /3번 줄: "2"/);
    const listed = await call(mp, 'GET', `/api/v1/projects/${made.body.id}/tasks?limit=10`);
    const texts = listed.body.items.map((t) => t.data.text).sort();
    assert.deepEqual(texts, ['그저 그렇다', '시간 낭비', '정말 재미있다']);
    assert.ok(listed.body.items.every((t) => t.data.prediction && 'sentiment' in t.data.prediction), 'the label came as a prediction');

    // ---- a CP949 file: the dialog asks before converting ----
    await panel.getByLabel('파일', { exact: true }).setInputFiles(CP949);
    await panel.getByRole('button', { name: '업로드', exact: true }).click();
    const question = panel.getByRole('alertdialog');
    await question.waitFor();
    assert.match(await question.innerText(), /CP949 \(EUC-KR\)/);
    await question.getByRole('button', { name: '바꿔서 가져오기' }).click();
    await waitForJobDone(panel, 'import-job');
    assert.match(await job.innerText(), /0건 거부/);
    await mp.getByRole('tab', { name: '작업 목록' }).click();
    await mp.getByTestId('task-list').getByText('아 더빙.. 진짜 짜증나네요 목소리').waitFor();
    await mp.getByRole('tab', { name: '가져오기·내보내기' }).click();

    // ---- a bad row with "skip bad rows": the rest goes in, the report names it ----
    const bad = writeFile('bad.tsv', 'id\tdocument\tlabel\n10\t좋아요\t1\n11\t\t0\n12\t별로\t0\n');
    await panel.getByLabel('파일', { exact: true }).setInputFiles(bad);
    await panel.getByTestId('import-mapping').getByLabel('텍스트 열', { exact: true }).selectOption('document');
    await panel.getByLabel('잘못된 줄은 건너뛰고 나머지를 가져오기 (거부된 줄은 보고서로)').check();
    await panel.getByRole('button', { name: '업로드', exact: true }).click();
    await waitForJobDone(panel, 'import-job');
    const counts = await job.innerText();
    const rejected = Number((counts.match(/(\d+)건 거부/) ?? [])[1]);
    assert.ok(rejected > 0, `rejected > 0: ${counts}`);
    assert.match(counts, /3건 중 2건 가져옴, 1건 거부/);
    assert.match(await panel.getByTestId('import-errors').innerText(), /3/);
    // The line error is worded in Korean from its code (import.csv.emptyText), not the server's English.
    assert.match(await panel.getByTestId('import-errors').innerText(), /텍스트 열\("document"\)이 비어 있습니다/);
    const report = await downloadLines(mp, panel.getByRole('link', { name: '거부된 줄 보고서 내려받기 (CSV)' }), 'rejected.csv');
    assert.equal(report[0].replace(/^\uFEFF/, '').trim(), 'line,field,reason,code');
    assert.equal(report.length, 2, report.join('\n'));
    assert.match(report[1], /^3,document,"?has an empty text column/);

    // ---- English: the administrator sees the mapping and the encoding question in English, and cancels ----
    await admin.reload();
    await admin.goto(`${env.base}/#/projects`);
    await admin.getByRole('link', { name: projectName, exact: true }).click();
    await admin.getByRole('tab', { name: 'Import & export' }).click();
    const enPanel = admin.getByTestId('import-panel');
    await enPanel.getByLabel('File', { exact: true }).setInputFiles(CP949);
    const enMapping = enPanel.getByTestId('import-mapping');
    await enMapping.getByLabel('Text column', { exact: true }).selectOption('document');
    await enMapping.getByLabel('Label column', { exact: true }).waitFor();
    await enPanel.getByRole('button', { name: 'Upload', exact: true }).click();
    const enQuestion = enPanel.getByRole('alertdialog');
    await enQuestion.waitFor();
    assert.match(await enQuestion.innerText(), /This file is not UTF-8; it looks like CP949 \(EUC-KR\)/);
    await enQuestion.getByRole('button', { name: 'Cancel', exact: true }).click();
    await enQuestion.waitFor({ state: 'detached' });
    const total = await call(mp, 'GET', `/api/v1/projects/${made.body.id}/tasks?limit=100`);
    assert.equal(total.body.items.length, 3 + 5 + 2, 'the cancelled upload stored nothing');
  });
});
