// Accessibility as a gate (WCAG 2.1 AA), in a real browser against the real jar:
// every main screen and state — sign-in, sign-up, academy list, my academy, exam, project list, overview, schema
// editor, import, members, labeling (every annotation type, with marks made), review (with the reject form and the
// undo toast), task history, accounts, tokens, quality — is checked in Korean and in English with axe-core (any
// serious or critical violation fails) and at 320 CSS px wide (WCAG 1.4.10 reflow: the page must not scroll sideways;
// a data table may scroll inside its own box). The labeling and review path runs on the keyboard alone (no mouse
// event in this file), and focus must land on the next task after a delete, submit, approve and reject.
//
// A new screen joins the check with one `await gate(page, 'name')` once it shows (see web/README.md).
// Run: npm run e2e (needs ../target/labelcrew.jar or LABELCREW_JAR, and Chromium; see harness.mjs and README.md).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN_PASSWORD, EN, env, KO, login, onFailureDump, PASSWORD, person, start, stop } from './harness.mjs';
import { checked, gate, problems, tabTo } from './a11y-kit.mjs';

before(() => start('labelcrew-e2e-a11y-'));
after(() => stop());

/** A call to the API from inside a signed-in page (its session cookie and CSRF token). */
async function api(page, method, url, body) {
  const res = await page.evaluate(
    async ([method, url, body]) => {
      const token = () => decodeURIComponent((document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN=')) ?? '').slice('XSRF-TOKEN='.length));
      const send = () =>
        fetch(`/api/v1${url}`, { method, headers: { 'Content-Type': 'application/json', 'X-XSRF-TOKEN': token() }, body: body === undefined ? undefined : JSON.stringify(body) });
      let r = await send();
      if (r.status === 403) r = await send(); // the first call may have been the one that set the cookie
      const text = await r.text();
      return { status: r.status, body: text ? JSON.parse(text) : null };
    },
    [method, url, body],
  );
  assert.ok(res.status < 300, `${method} ${url}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function importTasks(page, projectId, rows) {
  const job = await page.evaluate(
    async ([projectId, content]) => {
      const token = decodeURIComponent((document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN=')) ?? '').slice('XSRF-TOKEN='.length));
      const form = new FormData();
      form.append('format', 'jsonl');
      form.append('file', new Blob([content], { type: 'application/x-ndjson' }), 'tasks.jsonl');
      const res = await fetch(`/api/v1/projects/${projectId}/imports`, { method: 'POST', headers: { 'X-XSRF-TOKEN': token }, body: form });
      return res.json();
    },
    [projectId, rows.map((r) => JSON.stringify(r)).join('\n') + '\n'],
  );
  for (let i = 0; i < 120; i++) {
    const j = await api(page, 'GET', `/imports/${job.id}`);
    if (j.status === 'DONE') return j;
    assert.notEqual(j.status, 'FAILED', JSON.stringify(j));
    await page.waitForTimeout(500);
  }
  assert.fail('the import did not finish');
}

/** Focus must be on the task card or inside it, never left on the page body. */
async function assertFocusOnTask(page, what) {
  const sel = '[data-task-id], [data-testid="no-more-tasks"], [data-testid="no-more-reviews"]';
  await page.waitForFunction((s) => !!document.activeElement?.closest(s), sel, { timeout: 3000 }).catch(() => {});
  const where = await page.evaluate(() => {
    const a = document.activeElement;
    return { tag: a?.tagName ?? null, inTask: !!a?.closest('[data-task-id], [data-testid="no-more-tasks"], [data-testid="no-more-reviews"]') };
  });
  if (!where.inTask) {
    problems.push(`${what}: focus is on ${where.tag}, not on the next task`);
    console.error(problems.at(-1));
  }
}

const SUFFIX = Date.now().toString(36);
const PEOPLE = {
  manager: { username: `a11y-manager-${SUFFIX}`, displayName: '접근매니저', roles: ['MANAGER'] },
  labeler: { username: `a11y-labeler-${SUFFIX}`, displayName: '접근작업자', roles: ['LABELER'] },
  reviewer: { username: `a11y-reviewer-${SUFFIX}`, displayName: '접근검수자', roles: ['REVIEWER'] },
};
// Every annotation type; the palette's hardest colours (green, amber) and a manager's pastel are on the labels.
const SCHEMA = {
  fields: [
    { name: 'topic', type: 'choice', options: ['정치', '경제', '사회'], required: true },
    { name: 'entities', type: 'spans', labels: ['PER', 'ORG', 'LOC', 'DATE', { value: 'MISC', color: '#fde68a' }], required: false },
    { name: 'links', type: 'relations', labels: ['소속'], between: 'entities', required: false },
    { name: 'key', type: 'extractive', min: 1, max: 2, required: false },
    { name: 'summary', type: 'abstractive', minChars: 2, maxChars: 100, required: false },
  ],
};
const TEXTS = ['김철수는 삼성전자에 다닌다', '이영희는 LG전자에서 일한다', '박민수는 서울시청에 근무한다', '최지은은 부산대학교에 다닌다'];
const TASKS = TEXTS.map((text) => ({ text, sentences: [`${text}.`, '주말에는 등산을 한다.'] }));

test('accessibility gate: axe-core and 320 px reflow on every main screen in Korean and English; keyboard-only labeling and review', { timeout: 1_200_000 }, async () => { // 14 min measured on two cores at load ~24 (not measured idle)
  const pages = {};
  await onFailureDump(pages, async () => {
    // ---- setup through the API (the screens are driven by the other e2e files) ----
    const admin = await person('en-US');
    const ap = (pages.admin = admin.page);
    await login(ap, 'admin', ADMIN_PASSWORD, EN);
    const ids = {};
    for (const [key, p] of Object.entries(PEOPLE)) {
      ids[key] = (await api(ap, 'POST', '/accounts', { username: p.username, displayName: p.displayName, password: PASSWORD, roles: p.roles })).id;
    }
    const course = await api(ap, 'POST', '/courses', { name: `접근성 기초 ${SUFFIX}`, hours: 3, description: '라벨링 입문', materials: [] });
    const now = Date.now();
    const cohort = await api(ap, 'POST', '/cohorts', {
      courseId: course.id,
      name: `2026 1기 ${SUFFIX}`,
      capacity: 5,
      registrationOpensAt: new Date(now - 3_600_000).toISOString(),
      registrationClosesAt: new Date(now + 7 * 86_400_000).toISOString(),
      sessions: [{ startsAt: new Date(now + 86_400_000).toISOString(), endsAt: new Date(now + 90_000_000).toISOString(), place: '서울 디지털배움터 301호' }],
    });

    const manager = await person('ko-KR');
    const mp = (pages.manager = manager.page);
    await login(mp, PEOPLE.manager.username, PASSWORD, KO);
    const project = await api(mp, 'POST', '/projects', { name: `접근성 점검 ${SUFFIX}`, schema: SCHEMA, overlap: 1, review: { mode: 'FULL', sampleRate: 1 } });
    for (const key of ['labeler', 'reviewer']) await api(mp, 'PUT', `/projects/${project.id}/members/${ids[key]}`, { role: key.toUpperCase() });
    await importTasks(mp, project.id, TASKS);
    const exam = await api(mp, 'POST', '/exams', {
      name: `분류 시험 ${SUFFIX}`,
      projectId: project.id,
      items: TASKS.slice(0, 2).map((t) => ({ data: t, reference: { topic: '경제' } })),
      timeLimitMinutes: 30,
      passScore: 50,
    });

    // ---- signed out: sign-in, sign-up, the public academy list ----
    const anon = await person('ko-KR');
    pages.anon = anon.page;
    await anon.page.goto(`${env.base}/#/login`);
    await anon.page.getByRole('button', { name: KO.submit, exact: true }).waitFor();
    await gate(anon.page, 'sign-in');
    await anon.page.goto(`${env.base}/#/signup`);
    await anon.page.getByTestId('signup-form').waitFor();
    await gate(anon.page, 'sign-up');
    await anon.page.goto(`${env.base}/#/academy`);
    await anon.page.getByTestId(`cohort-${cohort.id}`).waitFor();
    await gate(anon.page, 'academy-public');
    await anon.context.close();
    delete pages.anon;

    // ---- labeler: academy, registration, my academy, the exam ----
    const labeler = await person('ko-KR');
    const lp = (pages.labeler = labeler.page);
    await login(lp, PEOPLE.labeler.username, PASSWORD, KO);
    await lp.goto(`${env.base}/#/academy`);
    const card = lp.getByTestId(`cohort-${cohort.id}`);
    await card.waitFor();
    await gate(lp, 'academy-list');
    await card.getByRole('button', { name: '수강 신청', exact: true }).press('Enter');
    await card.getByTestId('registration-status').filter({ hasText: '신청 완료' }).waitFor();
    await lp.goto(`${env.base}/#/academy/me`);
    await lp.getByTestId(`take-exam-${exam.id}`).waitFor();
    await gate(lp, 'my-academy');
    await lp.getByTestId(`take-exam-${exam.id}`).press('Enter');
    await lp.getByTestId('exam-intro').waitFor();
    await gate(lp, 'exam-intro');
    await lp.getByTestId('exam-start').press('Enter');
    await lp.getByTestId('exam-runner').waitFor();
    await lp.getByTestId('exam-item').waitFor();
    await lp.keyboard.press('2');
    await lp.getByTestId('answer-save-state').filter({ hasText: '답 저장됨' }).waitFor();
    await gate(lp, 'exam-item');
    await lp.getByTestId('exam-submit').press('Enter');
    // With items left unanswered the exam asks first (what happens to them); that dialog is a state to check too.
    const anyway = lp.getByTestId('exam-submit-anyway');
    await anyway.or(lp.getByTestId('exam-result')).first().waitFor();
    if (await anyway.isVisible()) {
      await gate(lp, 'exam-confirm');
      await anyway.press('Enter');
    }
    await lp.getByTestId('exam-result').waitFor();
    await gate(lp, 'exam-result');

    // ---- manager: project list, overview, schema editor, import, members, tasks, settings ----
    await mp.goto(`${env.base}/#/projects`);
    await mp.reload(); // the list was read at sign-in, before the project was made through the API
    await mp.getByTestId(`project-link-${project.id}`).waitFor();
    await gate(mp, 'project-list');
    await mp.goto(`${env.base}/#/projects/${project.id}`);
    await mp.getByTestId('count-total').filter({ hasText: String(TASKS.length) }).waitFor();
    await gate(mp, 'overview');
    await mp.goto(`${env.base}/#/projects/${project.id}?tab=data`);
    await mp.getByTestId('import-panel').waitFor();
    await gate(mp, 'import');
    await mp.goto(`${env.base}/#/projects/${project.id}?tab=members`);
    await mp.getByTestId(`member-${PEOPLE.labeler.username}`).waitFor();
    await gate(mp, 'members');
    await mp.goto(`${env.base}/#/projects/${project.id}?tab=tasks`);
    await mp.locator('[data-testid^="task-link-"]').first().waitFor();
    await gate(mp, 'tasks');
    await mp.goto(`${env.base}/#/projects/${project.id}?tab=settings`);
    await mp.getByTestId('settings-save').waitFor();
    await gate(mp, 'settings');
    await mp.goto(`${env.base}/#/projects/${project.id}/schema`);
    await mp.getByTestId('schema-preview').waitFor();
    await mp.getByTestId('schema-json-status').filter({ hasText: '올바른 스키마입니다' }).waitFor();
    await gate(mp, 'schema-editor');

    // ---- labeler, keyboard only: every annotation type with marks made ----
    await lp.goto(`${env.base}/#/projects/${project.id}/label`);
    const task = lp.locator('[data-task-id]');
    await task.waitFor();
    const firstId = await task.getAttribute('data-task-id');
    await assertFocusOnTask(lp, 'a task that opens');
    const text = await lp.getByTestId('spans-text-entities').innerText();
    // The text has the focus when a task opens, and a label key there is the text's: Shift+Tab back to the choice.
    await tabTo(lp, '[data-testid="field-topic"] input[type="radio"]', 20, 'Shift+Tab');
    await lp.keyboard.press('1'); // choice: 정치
    // spans: Tab into the text, caret home, Shift+→ over the first word's name (3 code points), label key 1 (PER)
    await tabTo(lp, '[data-testid="spans-text-entities"]');
    await lp.keyboard.press('Home');
    for (let i = 0; i < 3; i++) await lp.keyboard.press('Shift+ArrowRight');
    await lp.getByText(`“${[...text].slice(0, 3).join('')}”`).first().waitFor();
    await lp.keyboard.press('1');
    const entities = lp.getByTestId('field-entities');
    await entities.locator('[data-testid^="span-"]').first().waitFor();
    // the company: caret after "는 " (5), four more characters, LOC (3) — then MISC (5, the pastel) on the rest
    await lp.keyboard.press('Home');
    for (let i = 0; i < 5; i++) await lp.keyboard.press('ArrowRight');
    for (let i = 0; i < 4; i++) await lp.keyboard.press('Shift+ArrowRight');
    await lp.keyboard.press('2');
    await lp.keyboard.press('End');
    for (let i = 0; i < 3; i++) await lp.keyboard.press('Shift+ArrowLeft');
    await lp.keyboard.press('5');
    assert.equal(await entities.locator('[data-testid^="span-"]').count(), 3, 'three spans marked with the keyboard');
    // delete the last span with the keyboard: focus must not fall to the body
    await tabTo(lp, '[data-testid="field-entities"] .spans-list li:last-child .icon-button');
    await lp.keyboard.press('Enter');
    assert.equal(await entities.locator('[data-testid^="span-"]').count(), 2, 'the span is deleted');
    await assertFocusOnTask(lp, 'after deleting a span');
    // relations: the selects and the label button
    const links = lp.getByTestId('field-links');
    await tabTo(lp, '[data-testid="field-links"] select');
    await lp.keyboard.press('ArrowDown');
    await lp.keyboard.press('Tab');
    await lp.keyboard.press('ArrowDown');
    await lp.keyboard.press('ArrowDown');
    await tabTo(lp, '[data-testid="field-links"] .relation-labels button, [data-testid="field-links"] button:not([aria-label])');
    await lp.keyboard.press('Enter');
    await links.getByTestId('relation-0').waitFor();
    // extractive: Space on the first sentence
    await tabTo(lp, '[data-testid="field-key"] input[type="checkbox"]');
    await lp.keyboard.press('Space');
    // abstractive: type the summary
    await tabTo(lp, '[data-testid="field-summary"] textarea');
    await lp.keyboard.type('삼성전자 직원 이야기');
    await gate(lp, 'labeling');
    await lp.keyboard.press('Control+Enter');
    await lp.waitForFunction((prev) => document.querySelector('[data-task-id]')?.getAttribute('data-task-id') !== prev, firstId);
    await task.waitFor();
    await assertFocusOnTask(lp, 'after submitting');
    // three more, quickly: a topic and Enter
    for (let n = 0; n < 3; n++) {
      const id = await task.getAttribute('data-task-id');
      await tabTo(lp, '[data-testid="field-topic"] input[type="radio"]', 20, 'Shift+Tab');
      await lp.keyboard.press(String((n % 3) + 1));
      await lp.keyboard.press('Enter');
      await lp.waitForFunction(
        (prev) => document.querySelector('[data-testid="no-more-tasks"]') || document.querySelector('[data-task-id]')?.getAttribute('data-task-id') !== prev,
        id,
      );
    }
    await lp.getByTestId('no-more-tasks').waitFor();

    // ---- manager: task history and quality; admin: accounts and tokens ----
    await mp.goto(`${env.base}/#/tasks/${firstId}`);
    await mp.getByTestId('history').waitFor();
    await mp.getByTestId('history-event').first().waitFor();
    await gate(mp, 'task-history');
    await mp.goto(`${env.base}/#/projects/${project.id}?tab=quality`);
    await mp.getByRole('tabpanel').getByRole('heading').first().waitFor();
    await gate(mp, 'quality');
    await mp.goto(`${env.base}/#/tokens`);
    await mp.getByTestId('token-name').fill('a11y');
    await mp.getByTestId('token-create').press('Enter');
    await mp.getByTestId('token-created').waitFor();
    await gate(mp, 'tokens');
    await ap.goto(`${env.base}/#/accounts`);
    await ap.getByTestId(`account-row-${PEOPLE.labeler.username}`).waitFor();
    await gate(ap, 'accounts');

    // ---- reviewer, keyboard only: the shortcut setting, reject with the form, undo, approve ----
    const reviewer = await person('ko-KR');
    const rp = (pages.reviewer = reviewer.page);
    await login(rp, PEOPLE.reviewer.username, PASSWORD, KO);
    await rp.goto(`${env.base}/#/projects/${project.id}/review`);
    const rtask = rp.locator('[data-task-id]');
    await rtask.waitFor();
    await assertFocusOnTask(rp, 'a review that opens');
    await gate(rp, 'review');
    // single-key shortcuts can be turned off (WCAG 2.1.4), and are remembered
    const keysOn = rp.getByTestId('review-shortcuts-toggle');
    await keysOn.focus();
    await rp.keyboard.press('Space');
    assert.equal(await keysOn.isChecked(), false);
    await rtask.focus();
    await rp.keyboard.press('r');
    assert.equal(await rp.getByTestId('reject-reason').count(), 0, 'r does nothing with the shortcuts off');
    await keysOn.focus();
    await rp.keyboard.press('Space');
    assert.equal(await keysOn.isChecked(), true);
    // reject: r opens the form (focus in the reason box), Ctrl+Enter sends, the toast offers undo
    await rtask.focus();
    let reviewed = await rtask.getAttribute('data-task-id');
    await rp.keyboard.press('r');
    await rp.getByTestId('reject-reason').waitFor();
    await rp.keyboard.type('고유명사 범위를 다시 확인해 주세요');
    await gate(rp, 'review-reject-form');
    await rp.keyboard.press('Control+Enter');
    // held for an undo: focus on the undo bar; on its buttons the wait stops (no time limit while choosing)
    const toast = rp.getByTestId('decision-pending');
    await toast.waitFor();
    assert.equal(await rp.evaluate(() => document.activeElement?.dataset.testid), 'decision-pending', 'focus moves to the undo bar');
    await rp.keyboard.press('Tab');
    assert.equal(await rp.evaluate(() => document.activeElement?.dataset.testid), 'undo-decision');
    await rp.locator('[data-testid="decision-pending"][data-held="true"]').waitFor();
    await gate(rp, 'review-undo-bar');
    // undo with the keyboard: the same task, the reason kept in its box, nothing sent
    await rp.keyboard.press('Enter');
    await toast.waitFor({ state: 'detached' });
    assert.equal(await rtask.getAttribute('data-task-id'), reviewed, 'undo keeps the task');
    await rp.waitForFunction(() => document.activeElement?.dataset.testid === 'reject-reason');
    assert.equal(await rp.getByTestId('reject-reason').inputValue(), '고유명사 범위를 다시 확인해 주세요');
    // Escape leaves the reject form: focus back on the task
    await rp.keyboard.press('Escape');
    await rp.getByTestId('reject-reason').waitFor({ state: 'detached' });
    await rp.waitForFunction(() => !!document.activeElement?.closest('[data-task-id]'));
    await assertFocusOnTask(rp, 'after leaving the reject form');
    // approve with a: the next task comes, with focus on it
    await rp.keyboard.press('a');
    await toast.waitFor();
    // nothing pressed: the approval goes out after the wait, and the next task takes the focus
    await rp.waitForFunction((prev) => document.querySelector('[data-task-id]')?.getAttribute('data-task-id') !== prev || document.querySelector('[data-testid="no-more-reviews"]'), reviewed, { timeout: 20_000 });
    await assertFocusOnTask(rp, 'after approving');
    // reject the next one and let the decision go out
    reviewed = await rtask.getAttribute('data-task-id');
    await rp.keyboard.press('r');
    await rp.keyboard.type('주제를 다시 보세요');
    await rp.keyboard.press('Control+Enter');
    await rp.waitForFunction((prev) => document.querySelector('[data-task-id]')?.getAttribute('data-task-id') !== prev || document.querySelector('[data-testid="no-more-reviews"]'), reviewed, { timeout: 20_000 });
    await assertFocusOnTask(rp, 'after rejecting');

    assert.deepEqual(problems, [], `accessibility problems:\n${problems.join('\n\n')}`);
    console.log(`a11y gate passed on ${checked.length} screens × 2 languages: ${checked.join(', ')}`);
  });
});
