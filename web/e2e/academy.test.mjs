// The academy in a real browser against the real jar:
// admin creates a course and a cohort (2 seats, registration open now, two sessions), a project with a choice schema
// and tasks, and an exam of three gold items; three citizens sign up (privacy consent) and register — two get seats,
// the third is WAITLISTED at position 1; the admin takes attendance; both seat holders take the exam in the labeling
// screen; the admin runs placement (1 reviewer, 1 labeler) and reads why; the new labeler accepts the agreement and
// "Start labeling" in the target project shows the first task.
//
// Run: npm run e2e   (needs the jar: ../target/labelcrew.jar or LABELCREW_JAR, built with
// ./mvnw -q -Dskip.e2e=true -DskipTests package; and Chromium at /usr/bin/chromium or CHROMIUM_PATH).
// A missing browser or jar is a failure, never a skip. Own port and a fresh data directory: it can run beside loop.test.mjs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ADMIN_PASSWORD, EN, env, login, onFailureDump, PASSWORD, person, shot, start, stop } from './harness.mjs';

before(() => start('labelcrew-e2e-academy-'));
after(() => stop());

const OPTIONS = ['정치', '경제', '사회'];
const SCHEMA = { fields: [{ name: 'topic', type: 'choice', options: OPTIONS, required: true }] };
// The project's work: what the labeler meets after placement.
const TASKS = ['여야가 선거제 개편안을 두고 협상을 이어갔다.', '원·달러 환율이 하루 만에 10원 넘게 내렸다.', '폭염 특보가 내려진 지역에 무더위 쉼터가 문을 열었다.'];
// The exam's gold items: data and the reference answer, with the hotkey of that answer.
const EXAM = [
  { text: '대통령이 국무회의에서 새 법안을 의결했다.', topic: '정치', key: '1' },
  { text: '한국은행이 기준금리를 동결했다.', topic: '경제', key: '2' },
  { text: '지하철 파업으로 출근길 시민들이 불편을 겪었다.', topic: '사회', key: '3' },
];
const CITIZENS = {
  kim: { username: 'e2e-citizen-kim', displayName: '김시민', locale: 'ko-KR', slips: {} },
  lee: { username: 'e2e-citizen-lee', displayName: 'Lee Citizen', locale: 'en-US', slips: { 2: '1' } }, // third item wrong: 2 of 3
  park: { username: 'e2e-citizen-park', displayName: 'Park Citizen', locale: 'en-US', slips: {} },
};
const SIGNUP = {
  ko: { link: '회원 가입', username: '아이디', displayName: '이름', password: '비밀번호', submit: '가입하기', consent: /개인정보 수집·이용에 동의합니다/, needConsent: '가입하려면 개인정보 수집·이용에 동의해 주세요.' },
  en: { link: 'Sign up', username: 'Username', displayName: 'Display name', password: 'Password', submit: 'Sign up', consent: /I agree to the collection and use/, needConsent: 'Please agree to the use of your personal data to sign up.' },
};
const LABELS = {
  ko: { register: '수강 신청', registered: '신청 완료', start: '시험 시작', submit: '제출하고 채점', passed: '합격' },
  en: { register: 'Register', registered: 'Registered', start: 'Start the exam', submit: 'Submit and score', passed: 'Passed' },
};

/** A call to the API from inside a signed-in page: its session cookie and CSRF token. */
async function api(page, method, url, body) {
  return page.evaluate(
    async ([method, url, body]) => {
      const token = () => decodeURIComponent((document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN=')) ?? '').slice('XSRF-TOKEN='.length));
      const send = () =>
        fetch(`/api/v1${url}`, {
          method,
          headers: { 'Content-Type': 'application/json', 'X-XSRF-TOKEN': token() },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      let res = await send();
      if (res.status === 403) res = await send(); // the first call may have been the one that set the cookie
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
    [method, url, body],
  );
}

async function importJsonl(page, projectId, lines) {
  const job = await page.evaluate(
    async ([projectId, content]) => {
      const token = decodeURIComponent((document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN=')) ?? '').slice('XSRF-TOKEN='.length));
      const form = new FormData();
      form.append('format', 'jsonl');
      form.append('file', new Blob([content], { type: 'application/x-ndjson' }), 'tasks.jsonl');
      const res = await fetch(`/api/v1/projects/${projectId}/imports`, { method: 'POST', headers: { 'X-XSRF-TOKEN': token }, body: form });
      return { status: res.status, body: await res.json() };
    },
    [projectId, lines.map((l) => JSON.stringify(l)).join('\n') + '\n'],
  );
  assert.equal(job.status, 202, `import accepted: ${JSON.stringify(job.body)}`);
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { body } = await api(page, 'GET', `/imports/${job.body.id}`);
    if (body.status === 'DONE') return body;
    assert.notEqual(body.status, 'FAILED', `import failed: ${JSON.stringify(body.errors)}`);
    assert.ok(Date.now() < deadline, `import still ${body.status} after 60 s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Sign-up from the login page's link: first without consent (refused in the page), then with it. */
async function signup(page, who) {
  const l = SIGNUP[who.locale.slice(0, 2)];
  await page.goto(`${env.base}/#/login`);
  await page.getByTestId('signup-link').getByRole('link', { name: l.link, exact: true }).click();
  const form = page.getByTestId('signup-form');
  await form.getByLabel(l.username, { exact: true }).fill(who.username);
  await form.getByLabel(l.displayName, { exact: true }).fill(who.displayName);
  await form.getByLabel(l.password, { exact: true }).fill(PASSWORD);
  await form.getByTestId('privacy-notice').waitFor();
  await form.getByRole('button', { name: l.submit, exact: true }).click();
  await form.getByRole('alert').filter({ hasText: l.needConsent }).waitFor();
  await shot(page, `academy-signup-${who.locale}`);
  await form.getByRole('checkbox', { name: l.consent }).check();
  await form.getByRole('button', { name: l.submit, exact: true }).click();
  await page.getByTestId('current-user').filter({ hasText: who.displayName }).waitFor();
  await page.waitForURL(/#\/academy$/);
}

/** Takes the exam in the labeling screen with hotkeys; Enter moves on; returns the score shown. */
async function takeExam(page, who, examId) {
  const l = LABELS[who.locale.slice(0, 2)];
  await page.goto(`${env.base}/#/academy/me`);
  await page.getByTestId(`take-exam-${examId}`).click();
  await page.getByRole('button', { name: l.start, exact: true }).click();
  await page.getByTestId('exam-runner').waitFor();
  await page.getByTestId('exam-countdown').waitFor();
  let previous = null;
  for (let i = 0; i < EXAM.length; i++) {
    await page.waitForFunction((prev) => {
      const el = document.querySelector('[data-testid="exam-item"]');
      return el && el.getAttribute('data-item-id') !== prev;
    }, previous);
    previous = await page.getByTestId('exam-item').getAttribute('data-item-id');
    const text = await page.getByTestId('task-text').innerText();
    const item = EXAM.find((x) => text.includes(x.text));
    assert.ok(item, `unexpected exam item: ${text}`);
    const key = who.slips[EXAM.indexOf(item)] ?? item.key;
    await page.keyboard.press(key);
    assert.ok(await page.getByRole('radio', { name: OPTIONS[Number(key) - 1] }).isChecked(), `hotkey ${key} answers item ${i + 1}`);
    if (i === 0) {
      await page.getByTestId('answer-save-state').filter({ hasText: who.locale.startsWith('ko') ? '답 저장됨' : 'Answer saved' }).waitFor();
      await shot(page, `academy-exam-${who.locale}`);
    }
    if (i < EXAM.length - 1) await page.keyboard.press('Enter');
  }
  await page.getByRole('button', { name: l.submit }).click();
  const result = page.getByTestId('exam-result');
  await result.waitFor();
  assert.equal(await result.getByTestId('result-item').count(), EXAM.length, 'feedback for every item');
  await shot(page, `academy-result-${who.locale}`);
  return { score: await result.getByTestId('exam-score').innerText(), passed: await result.getAttribute('data-passed') };
}

test('the academy: cohort, sign-up, registration and wait list, attendance, exam, placement, agreement, first task', { timeout: 600_000 }, async () => {
  const pages = {};
  const suffix = Date.now().toString(36);
  const courseName = `텍스트 라벨링 기초 ${suffix}`;
  const cohortName = `2025 1기 ${suffix}`;
  const projectName = `뉴스 분류 실전 ${suffix}`;
  const examName = `분류 시험 ${suffix}`;

  await onFailureDump(pages, async () => {
    // ---- administrator (English): course, cohort with two sessions ----
    const admin = await person('en-US');
    pages.admin = admin.page;
    const ap = admin.page;
    await login(ap, 'admin', ADMIN_PASSWORD, EN);
    await ap.getByRole('link', { name: 'Run the academy', exact: true }).click();
    const courseForm = ap.getByTestId('course-form');
    await courseForm.getByLabel('Course name', { exact: true }).fill(courseName);
    await courseForm.getByLabel('Hours', { exact: true }).fill('6');
    await courseForm.getByRole('button', { name: 'Create course' }).click();
    await courseForm.getByRole('status').filter({ hasText: `Course ${courseName} created` }).waitFor();

    const cohortForm = ap.getByTestId('cohort-form');
    await cohortForm.getByLabel('Course', { exact: true }).selectOption({ label: courseName });
    await cohortForm.getByLabel('Cohort name', { exact: true }).fill(cohortName);
    await cohortForm.getByLabel('Capacity', { exact: true }).fill('2');
    // registration opens: the form starts at this minute; closes in a week (defaults)
    // Sessions already held: attendance is taken once a session has started (the server refuses it earlier).
    await cohortForm.getByLabel('Session 1 starts').fill('2025-03-04T10:00');
    await cohortForm.getByLabel('Session 1 ends').fill('2025-03-04T13:00');
    await cohortForm.getByLabel('Session 1 place').fill('서울 디지털배움터 301호');
    await cohortForm.getByRole('button', { name: '+ Add session' }).click();
    assert.equal(await cohortForm.getByLabel('Session 2 starts').inputValue(), '2025-03-05T10:00', 'a new session row starts a day after the one before');
    await cohortForm.getByLabel('Session 2 place').fill('서울 디지털배움터 302호');
    await shot(ap, 'academy-new-cohort');
    await cohortForm.getByRole('button', { name: 'Create cohort' }).click();
    await ap.getByTestId('cohort-title').filter({ hasText: cohortName }).waitFor();
    const cohortId = Number(/#\/academy\/cohorts\/(\d+)/.exec(ap.url())?.[1]);
    assert.ok(cohortId > 0, `the cohort page: ${ap.url()}`);
    assert.equal(await ap.getByTestId('session').count(), 2);

    // ---- the project the placed people will work in (its UI is covered by loop.test.mjs) ----
    const created = await api(ap, 'POST', '/projects', { name: projectName, schema: SCHEMA, overlap: 1, review: { mode: 'FULL', sampleRate: 1 } });
    assert.equal(created.status, 201, `project created: ${JSON.stringify(created.body)}`);
    const projectId = created.body.id;
    const imported = await importJsonl(ap, projectId, TASKS.map((text) => ({ text })));
    assert.equal(imported.imported, TASKS.length);

    // ---- the exam: three gold items from the project's schema ----
    await ap.getByRole('tab', { name: 'Exams' }).click();
    const examForm = ap.getByTestId('exam-form');
    await examForm.getByLabel('Exam name', { exact: true }).fill(examName);
    await examForm.getByLabel('Project', { exact: true }).selectOption({ label: projectName });
    // Pasted as JSON in the experts' box (issue 13 made the annotator the way to author items; workday.test.mjs uses it).
    await examForm.getByTestId('exam-items-json').locator('summary').click();
    await examForm
      .getByLabel('Items (JSONL or a JSON array)')
      .fill(EXAM.map((x) => JSON.stringify({ data: { text: x.text }, reference: { topic: x.topic } })).join('\n'));
    await examForm.getByLabel('Time limit (minutes)').fill('30');
    await examForm.getByLabel('Pass score (0–100)').fill('60');
    await shot(ap, 'academy-new-exam');
    await examForm.getByRole('button', { name: 'Create exam' }).click();
    await ap.getByRole('status').filter({ hasText: `Exam ${examName} created (3 items)` }).waitFor();
    const examId = Number((await ap.locator('[data-testid^="exam-"]').filter({ hasText: examName }).first().getAttribute('data-testid')).slice('exam-'.length));
    assert.ok(examId > 0, 'the exam is listed');

    // ---- three citizens: the cohort list is public; sign up, register ----
    const anon = await person('en-US');
    await anon.page.goto(`${env.base}/#/academy`);
    const anonCard = anon.page.getByTestId(`cohort-${cohortId}`);
    await anonCard.getByTestId('seats-line').filter({ hasText: '2 of 2 seats left' }).waitFor();
    await anonCard.getByRole('link', { name: 'Sign in to register' }).waitFor();
    await shot(anon.page, 'academy-public-list');
    await anon.context.close();

    const people = {};
    for (const [key, who] of Object.entries(CITIZENS)) {
      const p = await person(who.locale);
      pages[key] = p.page;
      people[key] = p.page;
      await signup(p.page, who);
      const l = LABELS[who.locale.slice(0, 2)];
      const card = p.page.getByTestId(`cohort-${cohortId}`);
      const status = card.getByTestId('registration-status');
      if (key === 'park') {
        await card.getByTestId('seats-line').filter({ hasText: 'All 2 seats taken' }).waitFor();
        await card.getByRole('button', { name: 'Join the wait list' }).click();
        await status.filter({ hasText: 'Waitlisted · position 1' }).waitFor();
        assert.equal(await status.getAttribute('data-status'), 'WAITLISTED');
        await shot(p.page, 'academy-waitlisted');
      } else {
        await card.getByRole('button', { name: l.register, exact: true }).click();
        await status.filter({ hasText: l.registered }).waitFor();
        assert.equal(await status.getAttribute('data-status'), 'REGISTERED');
      }
    }

    // ---- admin: the roster, then attendance for both seat holders at both sessions ----
    await ap.getByRole('button', { name: 'Refresh' }).click();
    await ap.getByRole('tab', { name: 'Registrations' }).click();
    await ap.getByTestId(`roster-${CITIZENS.park.username}`).filter({ hasText: 'Waitlisted · position 1' }).waitFor();
    await ap.getByRole('tab', { name: 'Attendance' }).click();
    for (const who of [CITIZENS.kim, CITIZENS.lee]) {
      for (const n of [1, 2]) await ap.getByRole('checkbox', { name: `${who.displayName} present at session ${n}` }).check();
    }
    await shot(ap, 'academy-attendance');
    await ap.getByRole('tab', { name: 'Registrations' }).click();
    for (const who of [CITIZENS.kim, CITIZENS.lee]) {
      await ap.getByTestId(`roster-${who.username}`).filter({ hasText: '6/6 h (100%)' }).filter({ hasText: 'Completed' }).waitFor();
    }

    // ---- the seat holders take the exam in the labeling screen ----
    const kim = await takeExam(people.kim, CITIZENS.kim, examId);
    assert.match(kim.score, /^100점/, `kim answers all three: ${kim.score}`);
    assert.equal(kim.passed, 'true');
    const lee = await takeExam(people.lee, CITIZENS.lee, examId);
    assert.match(lee.score, /^Score 66\.7 /, `lee answers two of three: ${lee.score}`);
    assert.equal(lee.passed, 'true');
    // the wrong item shows the reference beside the answer
    const wrong = people.lee.locator('[data-testid="result-item"][data-score="0"]');
    await wrong.getByText(EXAM[2].text).waitFor();
    await wrong.getByRole('cell', { name: EXAM[2].topic, exact: true }).waitFor();

    // ---- admin: placement (1 reviewer at 80+, 1 labeler at 50+) into the project, with the reasons ----
    await ap.getByRole('tab', { name: 'Placement' }).click();
    const placementForm = ap.getByTestId('placement-form');
    await placementForm.getByLabel('Reviewer seats').fill('1');
    await placementForm.getByLabel('Reviewer minimum score').fill('80');
    await placementForm.getByLabel('Labeler seats').fill('1');
    await placementForm.getByLabel('Labeler minimum score').fill('50');
    await placementForm.getByRole('checkbox', { name: projectName }).check();
    await placementForm.getByRole('button', { name: 'Run placement' }).click();
    const kimRow = ap.getByTestId(`placement-${CITIZENS.kim.username}`);
    const leeRow = ap.getByTestId(`placement-${CITIZENS.lee.username}`);
    await kimRow.waitFor();
    assert.equal(await kimRow.getAttribute('data-role'), 'REVIEWER');
    assert.equal(await leeRow.getAttribute('data-role'), 'LABELER');
    const why = await leeRow.getByTestId('placement-why').innerText();
    assert.match(why, /rank 2/i, `why names the rank: ${why}`);
    assert.match(why, /reviewer/i, `why says the reviewer seat was taken: ${why}`);
    await shot(ap, 'academy-placement');

    // the funnel: registered 2 → … → placed 2
    await ap.getByRole('tab', { name: 'Funnel' }).click();
    await ap.getByTestId('funnel-chart').waitFor();
    for (const [step, n] of [['registered', 2], ['attended', 2], ['completed', 2], ['examPassed', 2], ['placed', 2]]) {
      await ap.getByTestId(`funnel-${step}`).getByRole('cell').first().filter({ hasText: String(n) }).waitFor();
    }
    const [download] = await Promise.all([ap.waitForEvent('download'), ap.getByTestId('funnel-csv').click()]);
    const csvFile = path.join(env.dataDir, 'funnel.csv');
    await download.saveAs(csvFile);
    const csv = readFileSync(csvFile, 'utf8');
    assert.match(csv, /^step,count,share_of_registered/m);
    assert.match(csv, /^placed,2,/m);
    await shot(ap, 'academy-funnel');

    // ---- the new labeler: notification, agreement, then the first task of the project ----
    const lp = people.lee;
    await lp.goto(`${env.base}/#/academy/me`);
    await lp.locator('[data-testid="notification"][data-kind="PLACED"]').waitFor();
    const placement = lp.locator('[data-testid="my-placement"][data-role="LABELER"]');
    await placement.getByRole('button', { name: 'Read and accept the agreement' }).click();
    await placement.getByTestId('agreement-body').waitFor();
    const accept = placement.getByRole('button', { name: 'Accept', exact: true });
    assert.ok(await accept.isDisabled(), 'accepting needs the agreement read');
    await placement.getByRole('checkbox', { name: /I have read agreement version \d+ and agree to it/ }).check();
    await shot(lp, 'academy-agreement');
    await accept.click();
    await placement.getByTestId('placement-accepted').waitFor();
    await placement.getByTestId('placement-project').click();
    await lp.getByTestId('project-title').filter({ hasText: projectName }).waitFor();
    await lp.getByRole('link', { name: 'Start labeling' }).click();
    const card = lp.locator('[data-task-id]');
    await card.waitFor();
    const text = await lp.getByTestId('task-text').innerText();
    assert.ok(TASKS.some((t) => text.includes(t)), `the first task of the project: ${text}`);
    await shot(lp, 'academy-first-task');
  });
});
