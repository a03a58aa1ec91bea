// The whole loop in a real browser against the real jar:
// accounts → project with a choice schema → members → JSONL import → labeling with hotkeys → review
// (approve 2, reject 1 with a reason) → rework → approval → export download → task history; a gold item imported
// beside the work stays out of its progress and its export, and shows on the quality tab.
//
// Run: npm run e2e   (needs the jar: ../target/labelcrew.jar or LABELCREW_JAR, and Chromium at /usr/bin/chromium
// or CHROMIUM_PATH). A missing browser or jar is a failure, never a skip: CI installs both.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  addMembers,
  adminCreates,
  currentTaskId,
  downloadLines,
  importJsonl,
  onFailureDump,
  openQueue,
  shot,
  signedIn,
  start,
  stop,
  waitForJobDone,
  waitForTaskChange,
} from './harness.mjs';

// The data: three Korean sentences and the topic each one should get. The labeler slips on the third one
// (picks 경제), the reviewer rejects it with a reason, and the rework fixes it.
const SENTENCES = [
  { text: '국회가 내년도 예산안을 본회의에서 통과시켰다.', topic: '정치', key: '1' },
  { text: '코스피가 외국인 매수에 힘입어 2% 넘게 올랐다.', topic: '경제', key: '2' },
  { text: '주말 동안 전국에 미세먼지가 심해 외출을 자제하라는 권고가 내려졌다.', topic: '사회', key: '3', slip: '2' },
];
const REJECT_REASON = '미세먼지 기사는 사회 분야입니다.';
// A gold item (control task) with its reference: imported with the data, never labeled here (gold rate 0).
const GOLD = { text: '한국은행이 기준금리를 동결했다.', topic: '경제' };
const OPTIONS = ['정치', '경제', '사회'];

const USERS = {
  manager: { username: 'e2e-manager', displayName: '김매니저', role: 'Manager' },
  labeler: { username: 'e2e-labeler', displayName: '이작업', role: 'Labeler' },
  reviewer: { username: 'e2e-reviewer', displayName: '박검수', role: 'Reviewer' },
};

before(() => start('labelcrew-e2e-'));
after(() => stop());

function sentenceOf(text) {
  const s = SENTENCES.find((x) => text.includes(x.text));
  assert.ok(s, `unexpected task text: ${text}`);
  return s;
}

test('the whole loop: accounts, project, import, label, review, rework, export, history', { timeout: 600_000 }, async () => {
  const pages = {};
  const projectName = `뉴스 주제 분류 ${Date.now().toString(36)}`;

  await onFailureDump(pages, async () => {
    // ---- administrator (English browser): creates the three accounts ----
    const admin = await adminCreates(pages, Object.values(USERS));
    await shot(admin, '01-accounts');

    // ---- manager (Korean browser → Korean UI): project with a choice schema, live preview ----
    const mp = await signedIn(pages, 'manager', USERS.manager.username);
    assert.equal(await mp.evaluate(() => document.documentElement.lang), 'ko', 'a Korean browser gets the Korean UI');
    await mp.getByRole('link', { name: '새 프로젝트' }).click();
    await mp.getByLabel('프로젝트 이름', { exact: true }).fill(projectName);
    await mp.getByLabel('필드 이름', { exact: true }).fill('topic');
    for (const [i, option] of OPTIONS.entries()) {
      await mp.getByRole('button', { name: '+ 선택지 추가' }).click();
      await mp.getByLabel(`${i + 1}번 선택지 값`, { exact: true }).fill(option);
    }
    // The preview is the real labeling form: the options are there, with hotkeys 1..3 that work inside it.
    const preview = mp.getByTestId('schema-preview');
    // multiple choice draws check boxes; back to single for this project
    await mp.getByRole('checkbox', { name: '여러 개 선택' }).check();
    await preview.getByRole('checkbox', { name: '경제' }).waitFor();
    await mp.getByRole('checkbox', { name: '여러 개 선택' }).uncheck();
    await preview.getByRole('radio', { name: '정치' }).click();
    await mp.keyboard.press('3');
    assert.ok(await preview.getByRole('radio', { name: '사회' }).isChecked(), 'hotkey 3 picks 사회 in the preview');
    await mp.getByTestId('schema-json-status').filter({ hasText: '올바른 스키마입니다' }).waitFor();
    await shot(mp, '02-new-project-schema');
    await mp.getByRole('button', { name: '프로젝트 만들기' }).click();
    await mp.getByTestId('project-title').filter({ hasText: projectName }).waitFor();

    // members: labeler and reviewer
    await addMembers(mp, [
      [USERS.labeler, '작업자'],
      [USERS.reviewer, '검수자'],
    ]);

    // import: a JSONL file of the three sentences
    await importJsonl(mp, '뉴스.jsonl', [...SENTENCES.map((s, i) => ({ text: s.text, source: `news-${i + 1}` })), { data: { text: GOLD.text }, gold: { topic: GOLD.topic } }]);
    const importJob = mp.getByTestId('import-job');
    const bar = mp.getByRole('progressbar', { name: '가져오기 진행률' });
    assert.equal(await bar.getAttribute('aria-valuenow'), await bar.getAttribute('aria-valuemax'), 'the import progress bar is full');
    await importJob.getByText('4건 중 4건 가져옴, 0건 거부').waitFor();
    await shot(mp, '03-import-done');
    await mp.getByRole('tab', { name: '진행 현황' }).click();
    await mp.getByTestId('count-total').filter({ hasText: '3' }).waitFor();
    await mp.getByTestId('count-NEW').filter({ hasText: '3' }).waitFor();
    await mp.getByTestId('count-GOLD').filter({ hasText: '1' }).waitFor(); // beside the progress, not in its total
    await shot(mp, '04-overview');

    // ---- labeler: three tasks with hotkeys + Enter (one slip) ----
    const lp = await openQueue(pages, 'labeler', USERS.labeler.username, projectName, '라벨링 시작');
    const taskIdByText = {};
    for (let n = 0; n < 3; n++) {
      const id = await currentTaskId(lp, 'no-more-tasks');
      assert.ok(id, `task ${n + 1} of 3 is offered`);
      const s = sentenceOf(await lp.getByTestId('task-text').innerText());
      taskIdByText[s.text] = id;
      await lp.getByRole('timer').filter({ hasText: '남은 시간' }).waitFor();
      await lp.keyboard.press(s.slip ?? s.key);
      assert.ok(await lp.getByRole('radio', { name: s.slip ? OPTIONS[Number(s.slip) - 1] : s.topic }).isChecked());
      if (n === 0) {
        await lp.getByTestId('save-state').filter({ hasText: '임시 저장됨' }).waitFor(); // debounced PUT draft
        await shot(lp, '05-labeling');
        // IME: the Enter that ends a Hangul composition reaches the page as keyCode 229 — it must not submit.
        const cdp = await lp.context().newCDPSession(lp);
        for (const type of ['rawKeyDown', 'keyUp']) {
          await cdp.send('Input.dispatchKeyEvent', { type, key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229 });
        }
        await lp.waitForTimeout(300);
        assert.equal(await lp.locator('[data-task-id]').getAttribute('data-task-id'), id, 'an IME Enter (keyCode 229) does not submit');
        await cdp.detach();
      }
      await lp.keyboard.press('Enter');
      await waitForTaskChange(lp, id, 'no-more-tasks');
    }
    await lp.getByTestId('no-more-tasks').waitFor();

    // ---- reviewer: approves two, rejects the slip with a reason ----
    const rp = await openQueue(pages, 'reviewer', USERS.reviewer.username, projectName, '검수 시작');
    for (let n = 0; n < 3; n++) {
      const id = await currentTaskId(rp, 'no-more-reviews');
      assert.ok(id, `review ${n + 1} of 3 is offered`);
      const s = sentenceOf(await rp.getByTestId('task-text').innerText());
      await rp.getByTestId('review-labeler').filter({ hasText: USERS.labeler.username }).waitFor();
      if (s.slip) {
        assert.ok(await rp.getByRole('radio', { name: '경제' }).isChecked(), 'the reviewer sees the labeler’s answer');
        await rp.keyboard.press('r');
        const send = rp.getByRole('button', { name: '반려 보내기' });
        assert.ok(await send.isDisabled(), 'a rejection needs a reason');
        await rp.getByLabel('반려 사유 (작업자에게 보입니다)').fill(REJECT_REASON);
        await shot(rp, '06-review-reject');
        await send.click();
      } else {
        assert.ok(await rp.getByRole('radio', { name: s.topic }).isChecked());
        await rp.keyboard.press('a');
      }
      await waitForTaskChange(rp, id, 'no-more-reviews');
    }
    await rp.getByTestId('no-more-reviews').waitFor();

    // ---- labeler: the rejected task comes back first, with the reason ----
    await lp.getByRole('button', { name: '다시 확인' }).click();
    await lp.getByTestId('rejection-reason').filter({ hasText: REJECT_REASON }).waitFor();
    await lp.getByTestId('task-reason').filter({ hasText: '재작업' }).waitFor();
    const slip = SENTENCES.find((s) => s.slip);
    assert.ok((await lp.getByTestId('task-text').innerText()).includes(slip.text));
    const reworkId = await currentTaskId(lp, 'no-more-tasks');
    await shot(lp, '07-rework');
    assert.equal(reworkId, taskIdByText[slip.text]);
    await lp.getByTestId('previous-answer').waitFor();
    assert.ok(await lp.getByRole('radio', { name: OPTIONS[Number(slip.slip) - 1] }).isChecked(), 'rework starts from the rejected answer');
    await lp.keyboard.press(slip.key);
    assert.ok(await lp.getByRole('radio', { name: slip.topic }).isChecked());
    await lp.keyboard.press('Enter');
    await lp.getByTestId('no-more-tasks').waitFor();

    // ---- reviewer approves the fix ----
    await rp.getByRole('button', { name: '다시 확인' }).click();
    assert.equal(await currentTaskId(rp, 'no-more-reviews'), reworkId);
    // The resubmission shows the earlier answer too; the answer under review is the task's card.
    assert.ok(await rp.locator(`[data-task-id="${reworkId}"]`).getByRole('radio', { name: slip.topic }).isChecked());
    await rp.getByRole('button', { name: /승인/ }).click();
    await rp.getByTestId('no-more-reviews').waitFor();

    // ---- manager: 3 approved, export, download, history ----
    await mp.getByRole('button', { name: '새로 고침' }).click();
    await mp.getByTestId('count-APPROVED').filter({ hasText: '3' }).waitFor();
    await mp.getByRole('tab', { name: '가져오기·내보내기' }).click();
    await mp.getByRole('button', { name: 'JSONL 내보내기' }).click();
    await waitForJobDone(mp.getByTestId('export-panel'), 'export-job');
    const link = mp.getByRole('link', { name: '파일 내려받기' });
    const lines = await downloadLines(mp, link, 'export.jsonl');
    assert.equal(lines.length, 3, 'one line per approved task (the gold item is never exported)');
    const exported = lines.map((l) => JSON.parse(l));
    for (const s of SENTENCES) {
      const row = exported.find((r) => r.data?.text === s.text);
      assert.ok(row, `the export holds "${s.text}"`);
      assert.ok(Array.isArray(row.annotations) && row.annotations.length > 0, 'with its annotations');
      const final = [...row.annotations].sort((a, b) => (a.version ?? 0) - (b.version ?? 0)).at(-1);
      assert.equal(final.result?.topic, s.topic, `the approved label of "${s.text}"`);
    }

    await mp.getByRole('tab', { name: '작업 목록' }).click();
    await mp.getByTestId(`task-link-${reworkId}`).click();
    const history = mp.getByTestId('history');
    await history.waitFor();
    const types = await mp.getByTestId('history-event').evaluateAll((els) => els.map((e) => e.getAttribute('data-type')));
    for (const type of ['ASSIGN', 'SUBMIT', 'REJECT', 'APPROVE']) assert.ok(types.includes(type), `history lists ${type}: ${types.join(', ')}`);
    assert.ok(types.filter((t) => t === 'SUBMIT').length >= 2, `two submissions (first try and rework): ${types.join(', ')}`);
    await history.getByText(REJECT_REASON).waitFor();
    await mp.getByTestId('task-state').filter({ hasText: '승인됨' }).waitFor();
    await shot(mp, '08-task-history');

    // ---- manager: the quality tab reports the gold item (no answers yet at gold rate 0) ----
    await mp.goBack();
    await mp.getByRole('tab', { name: '품질' }).click();
    await mp.getByTestId('gold-summary').filter({ hasText: '정답 문항 1개 · 답변 0건' }).waitFor();
    await shot(mp, '09-quality');
  });
});
