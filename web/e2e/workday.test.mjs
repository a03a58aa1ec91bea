// A working day (issue 13) in a real browser against the real jar, Korean UI: an administrator makes the crew; the
// labeler must choose their own password at the first sign-in; the labeler sees no task-list tab, labels one
// sentence and asks the reviewer in a comment; the reviewer reads it on the review screen and approves; the manager
// finds the comment in the task's history; a citizen who gives up a first-come seat is told first that it goes to the
// next person; a manager authors a gold answer with the spans keys, gives a chosen task to the labeler, and sees the
// gold item scored. Screenshots of each role's main screen (the admin's accounts too) at 1280 and 390 px wide are kept
// under web/target/screenshots (E2E_SCREENSHOTS overrides), so the next change can be compared.
//
// Run: node --test e2e/workday.test.mjs (needs ../target/labelcrew.jar and Chromium, as every e2e test here).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { addMembers, adminCreates, env, KO, onFailureDump, openProject, importJsonl, PASSWORD, person, signedIn, start, stop } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const SHOTS = process.env.E2E_SCREENSHOTS ?? path.resolve(here, '..', 'target', 'screenshots');

const USERS = {
  manager: { username: 'wd-manager', displayName: '김매니저', role: 'Manager' },
  labeler: { username: 'wd-labeler', displayName: '이작업', role: 'Labeler' },
  reviewer: { username: 'wd-reviewer', displayName: '박검수', role: 'Reviewer' },
};
const SENTENCE = '장마철 집중호우로 남부 지방에 비 피해가 이어졌다.';
const COMMENT = '날씨 기사인데 사회로 분류해도 되나요?';
const LABELER_OWN = 'wd-labeler-own-passphrase';

before(() => start('labelcrew-workday-'));
after(() => stop());

/** The page's main screen at 1280 and at 390 px wide (a phone), then back to 1280. */
async function shots(page, name) {
  mkdirSync(SHOTS, { recursive: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: path.join(SHOTS, `${name}-ko-1280.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(SHOTS, `${name}-ko-390.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}

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

test('a working day: own password, comments in the loop, a confirmed seat cancel, gold authored with the tools, a task assigned, screenshots', { timeout: 600_000 }, async () => {
  const pages = {};
  const projectName = `날씨 기사 ${Date.now().toString(36)}`;
  await onFailureDump(pages, async () => {
    await adminCreates(pages, Object.values(USERS));

    // ---- manager: a project (set up through the API), members and one sentence ----
    const mp = await signedIn(pages, 'manager', USERS.manager.username);
    const schema = { fields: [{ name: 'topic', type: 'choice', options: ['정치', '경제', '사회'], required: true }] };
    const made = await call(mp, 'POST', '/api/v1/projects', { name: projectName, schema });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    await mp.reload(); // the project list the page already read does not know the new project
    await openProject(mp, projectName);
    await addMembers(mp, [[USERS.labeler, '작업자'], [USERS.reviewer, '검수자']]);
    await importJsonl(mp, 'workday.jsonl', [{ text: SENTENCE }]);
    await mp.getByTestId('tab-overview').click();
    await shots(mp, 'manager-project');

    // ---- labeler: the administrator's password must be replaced first ----
    const lp = (await person('ko-KR')).page;
    pages.labeler = lp;
    await lp.goto(`${env.base}/#/login`);
    await lp.getByLabel(KO.username, { exact: true }).fill(USERS.labeler.username);
    await lp.getByLabel(KO.password, { exact: true }).fill(PASSWORD);
    await lp.getByRole('button', { name: KO.submit, exact: true }).click();
    const form = lp.getByTestId('change-password-form');
    await form.waitFor();
    assert.ok(await lp.getByTestId('password-change-required').isVisible(), 'says why the change comes first');
    await form.getByLabel('현재 비밀번호').fill(PASSWORD);
    await form.getByLabel('새 비밀번호', { exact: true }).fill(LABELER_OWN);
    await form.getByLabel('새 비밀번호 확인').fill(LABELER_OWN);
    await form.getByTestId('change-password-submit').click();
    await form.waitFor({ state: 'detached' });
    // The new password is the one that signs in now.
    await lp.getByTestId('logout').click();
    await lp.getByLabel(KO.username, { exact: true }).fill(USERS.labeler.username);
    await lp.getByLabel(KO.password, { exact: true }).fill(LABELER_OWN);
    await lp.getByRole('button', { name: KO.submit, exact: true }).click();
    await lp.getByTestId('current-user').waitFor();
    assert.equal(await lp.getByTestId('change-password-form').count(), 0);

    // ---- labeler: no task-list tab (it only ever said "no permission"); label and ask in a comment ----
    await openProject(lp, projectName);
    assert.equal(await lp.getByTestId('tab-tasks').count(), 0, 'a labeler has no task-list tab');
    await lp.getByTestId('start-labeling').click();
    await lp.locator('[data-task-id]').waitFor();
    const taskId = await lp.locator('[data-task-id]').getAttribute('data-task-id');
    await lp.keyboard.press('3');
    await lp.getByTestId('comments-fold').locator('summary').click();
    const box = lp.getByTestId('comment-text');
    await box.fill(COMMENT);
    await box.press('Control+Enter');
    await lp.getByTestId('comment').filter({ hasText: COMMENT }).waitFor();
    assert.ok(await lp.locator('[data-task-id]').isVisible(), 'Ctrl+Enter in the comment box sends the comment, not the task');
    await shots(lp, 'labeler-labeling');
    await lp.getByTestId('submit').click();
    await lp.getByTestId('no-more-tasks').waitFor();

    // ---- reviewer: reads the comment beside the work, answers, approves ----
    const rp = await signedIn(pages, 'reviewer', USERS.reviewer.username);
    await openProject(rp, projectName);
    await rp.getByTestId('start-reviewing').click();
    await rp.locator(`[data-task-id="${taskId}"]`).waitFor();
    await rp.getByTestId('comments-fold').locator('summary').click();
    await rp.getByTestId('comment').filter({ hasText: COMMENT }).waitFor();
    await rp.getByTestId('comment-text').fill('네, 피해 기사는 사회입니다.');
    await rp.getByTestId('comment-send').click();
    await rp.getByTestId('comment').filter({ hasText: '피해 기사는 사회' }).waitFor();
    await shots(rp, 'reviewer-review');
    await rp.getByTestId('approve').click();
    await rp.getByTestId('no-more-reviews').waitFor();

    // ---- manager: both comments are in the task's history ----
    await mp.goto(`${env.base}/#/tasks/${taskId}`);
    const comments = mp.getByTestId('history-event').and(mp.locator('[data-type="COMMENT"]'));
    await comments.first().waitFor();
    assert.equal(await comments.count(), 2);
    assert.match(await comments.first().innerText(), /사회로 분류해도/);

    // ---- citizen: a first-come seat is given up only after being told where it goes ----
    const course = await call(mp, 'POST', '/api/v1/courses', { name: '텍스트 라벨링 기초', hours: 6 });
    assert.equal(course.status, 201, JSON.stringify(course.body));
    const now = Date.now();
    const iso = (ms) => new Date(now + ms).toISOString();
    const DAY = 86_400_000;
    const cohort = await call(mp, 'POST', '/api/v1/cohorts', {
      courseId: course.body.id, name: '워크데이 1기', capacity: 1, registrationOpensAt: iso(-60_000), registrationClosesAt: iso(7 * DAY),
      sessions: [{ startsAt: iso(8 * DAY), endsAt: iso(8 * DAY + 6 * 3600_000), place: '서울' }],
    });
    assert.equal(cohort.status, 201, JSON.stringify(cohort.body));
    const cp = (await person('ko-KR')).page;
    pages.citizen = cp;
    await cp.goto(`${env.base}/#/login`);
    const signup = await call(cp, 'POST', '/api/v1/signup', { username: 'wd-citizen', password: 'a-citizen-passphrase', displayName: '최시민', privacyConsent: true });
    assert.equal(signup.status, 201, JSON.stringify(signup.body));
    await cp.getByLabel(KO.username, { exact: true }).fill('wd-citizen');
    await cp.getByLabel(KO.password, { exact: true }).fill('a-citizen-passphrase');
    await cp.getByRole('button', { name: KO.submit, exact: true }).click();
    await cp.waitForURL(/#\/academy\/me$/);
    assert.equal(await cp.getByRole('link', { name: '내 토큰' }).count(), 0, 'no tokens in a citizen’s menu');
    await shots(cp, 'citizen-my-academy');
    await cp.goto(`${env.base}/#/academy`);
    const card = cp.locator('[data-testid="register-box"]').filter({ has: cp.getByTestId('register-button') }).first();
    await card.getByTestId('register-button').click();
    const cancel = cp.getByTestId('cancel-registration');
    await cancel.waitFor();
    await cancel.click();
    const confirm = cp.getByTestId('cancel-confirm');
    await confirm.waitFor();
    assert.match(await confirm.innerText(), /자리를 잃고/);
    await shots(cp, 'citizen-academy-cancel');
    await cp.getByTestId('cancel-confirm-no').click();
    assert.equal(await confirm.count(), 0);
    assert.equal(await cp.getByTestId('registration-status').first().getAttribute('data-status'), 'REGISTERED', 'keeping it keeps the seat');

    // ---- labeler: a one-word entity from task open to submit in 3 keys (issue 13, ux2) ----
    // The spans text has the focus when the task opens; Ctrl+Shift+→ stops before the particle (서울|에서); the
    // label's hotkey marks it; Enter submits.
    const nerName = `개체명 ${Date.now().toString(36)}`;
    const ner = { fields: [{ name: 'entities', type: 'spans', labels: [{ value: 'LOC', hotkey: 'l' }, 'ORG'], required: true }] };
    const nerMade = await call(mp, 'POST', '/api/v1/projects', { name: nerName, schema: ner });
    assert.equal(nerMade.status, 201, JSON.stringify(nerMade.body));
    await mp.reload();
    await openProject(mp, nerName);
    await addMembers(mp, [[USERS.labeler, '작업자']]);
    await importJsonl(mp, 'workday-ner.jsonl', [{ text: '서울에서 회의가 열렸다.' }]);
    await openProject(lp, nerName);
    await lp.getByTestId('start-labeling').click();
    const spansText = lp.getByTestId('spans-text-entities');
    await spansText.waitFor();
    await lp.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'spans-text-entities');
    const nerTask = await lp.locator('[data-task-id]').getAttribute('data-task-id');
    const keys = ['Control+Shift+ArrowRight', 'l', 'Enter'];
    for (const k of keys) await lp.keyboard.press(k);
    await lp.getByTestId('no-more-tasks').waitFor();
    assert.ok(keys.length <= 3, `a one-word entity took ${keys.length} keys`);
    const stored = await call(mp, 'GET', `/api/v1/tasks/${nerTask}`);
    const answer = stored.body.annotations.at(-1).result;
    assert.deepEqual(answer.entities.map((e) => [e.start, e.end, e.label]), [[0, 2, 'LOC']], '서울 (not 서울에서) as LOC');

    // ---- manager: a gold answer authored with the labeler's tools, not typed offsets (issue 13, workday3) ----
    await importJsonl(mp, 'workday-ner2.jsonl', [{ text: '부산에서 축제가 열렸다.' }, { text: '대구에서 회의가 열렸다.' }]);
    const nerId = nerMade.body.id;
    const listed = await call(mp, 'GET', `/api/v1/projects/${nerId}/tasks?limit=50`);
    const idOf = (text) => listed.body.items.find((x) => x.data.text === text).id;
    const goldId = idOf('부산에서 축제가 열렸다.');
    const assignId = idOf('대구에서 회의가 열렸다.');
    await mp.goto(`${env.base}/#/tasks/${goldId}`);
    const goldPanel = mp.getByTestId('gold-panel');
    const goldText = goldPanel.getByTestId('spans-text-entities');
    await goldText.waitFor();
    await goldText.focus();
    await mp.keyboard.press('Control+Shift+ArrowRight'); // 부산|에서
    await mp.keyboard.press('l');
    await goldPanel.getByTestId('gold-save').click();
    await goldPanel.locator('span.notice[role="status"]').waitFor();
    const goldStored = await call(mp, 'GET', `/api/v1/tasks/${goldId}/gold`);
    assert.deepEqual(goldStored.body.reference.entities.map((e) => [e.start, e.end, e.label]), [[0, 2, 'LOC']], 'the span the keys marked');
    const rated = await call(mp, 'PATCH', `/api/v1/projects/${nerId}`, { goldRate: 1 });
    assert.equal(rated.status, 200, JSON.stringify(rated.body));

    // ---- manager: "Assign to…" a chosen task; the labeler gets it as their next task (issue 13, workday3) ----
    await mp.goto(`${env.base}/#/projects/${nerId}?tab=tasks`);
    await mp.getByTestId(`task-assign-${assignId}`).click();
    await mp.getByTestId('assign-who').selectOption({ label: USERS.labeler.displayName });
    await mp.getByTestId('assign-confirm').click();
    await mp.getByTestId('task-assigned').waitFor();
    await openProject(lp, nerName);
    await lp.getByTestId('start-labeling').click();
    await lp.locator(`[data-task-id="${assignId}"]`).waitFor();
    await lp.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'spans-text-entities');
    for (const k of keys) await lp.keyboard.press(k);
    // Then the gold item (rate 1), which looks like any task; answered right, the manager sees it scored.
    await lp.locator(`[data-task-id="${goldId}"]`).waitFor();
    await lp.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'spans-text-entities');
    for (const k of keys) await lp.keyboard.press(k);
    await lp.getByTestId('no-more-tasks').waitFor();
    await mp.goto(`${env.base}/#/tasks/${goldId}`);
    const scored = mp.getByTestId('gold-answers');
    await scored.waitFor();
    assert.match(await scored.innerText(), /1건.*100%/);

    // ---- admin: the main screen (accounts) in Korean, beside the other roles' screenshots ----
    const ap = pages.admin;
    await ap.getByTestId('lang-switch').selectOption('ko');
    await ap.goto(`${env.base}/#/accounts`);
    await ap.getByTestId('create-account-form').waitFor();
    await ap.getByText(USERS.labeler.username).first().waitFor();
    await shots(ap, 'admin-accounts');
  });
});
