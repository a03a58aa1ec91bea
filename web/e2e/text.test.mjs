// The text annotation types in a real browser against the real jar:
// a manager builds a spans + relations + extractive + abstractive schema in the schema editor's forms (checking the
// live preview), imports JSONL tasks whose text has emoji and decomposed (NFD) Hangul before the spans; a labeler
// marks entities with the mouse and the keyboard, links them, picks sentences with the keyboard and types a summary
// through a simulated Hangul IME (an IME Enter must not submit; the counter counts code points); a reviewer
// approves; the manager exports JSONL (and CoNLL when the server has it) and the offsets are checked in code points.
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
  openQueue,
  shot,
  signedIn,
  start,
  stop,
  waitForJobDone,
  waitForTaskChange,
} from './harness.mjs';

// The task text as the file has it: an emoji with a skin tone (2 code points, 4 UTF-16 units) and "오늘" in NFD
// (5 jamo, 2 syllables after NFC) before the entities, another emoji between them and the place. Offsets in the
// export must be code points of the NFC text: a UTF-16 slip or a missing NFC would move every span.
const RAW_TEXT = `👍🏽 ${'오늘'.normalize('NFD')} 김철수는 삼성전자에 다닌다 😀 주말에는 서울에서 등산을 한다`;
const TEXT = RAW_TEXT.normalize('NFC');
const SENTENCES = ['김철수는 삼성전자에 다닌다.', '그는 서울에 산다.', '주말에는 등산을 한다.'];
const OTHER = { text: '이영희는 LG전자에서 일한다 🙂', sentences: ['이영희는 LG전자에서 일한다.', '그녀는 부산에 산다.'] };
const SUMMARY_TYPED = '김철수는 삼성전자에 다닌다 👍🏽'; // typed before the IME part
const SUMMARY = `${SUMMARY_TYPED} 정말`; // "정말" comes through the IME

const USERS = {
  manager: { username: 'text-manager', displayName: '정매니저', role: 'Manager' },
  labeler: { username: 'text-labeler', displayName: '최작업', role: 'Labeler' },
  reviewer: { username: 'text-reviewer', displayName: '한검수', role: 'Reviewer' },
};

/** Code point offsets of `needle` in `text` ([...text] counts code points, as the server does). */
function cpSpan(text, needle) {
  const cps = [...text];
  const n = [...needle].length;
  for (let i = 0; i + n <= cps.length; i++) if (cps.slice(i, i + n).join('') === needle) return { start: i, end: i + n };
  throw new Error(`"${needle}" is not in the text`);
}
const EXPECTED = { PER: cpSpan(TEXT, '김철수'), ORG: cpSpan(TEXT, '삼성전자'), LOC: cpSpan(TEXT, '서울') };

/** Drags the mouse over `needle` in the spans text of `field`, as a person selects a word. */
async function dragSelect(page, field, needle) {
  const box = await page.getByTestId(`spans-text-${field}`).evaluate((root, sub) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.data.indexOf(sub);
      if (at < 0) continue;
      const rect = (from, to) => {
        const r = document.createRange();
        r.setStart(node, from);
        r.setEnd(node, to);
        return r.getBoundingClientRect();
      };
      const first = rect(at, at + 1);
      const last = rect(at + sub.length - 1, at + sub.length);
      return { x1: first.left + 1, x2: last.right - 1, y: first.top + first.height / 2 };
    }
    return null;
  }, needle);
  assert.ok(box, `"${needle}" is drawn in ${field}`);
  await page.mouse.move(box.x1, box.y);
  await page.mouse.down();
  await page.mouse.move(box.x2, box.y, { steps: 6 });
  await page.mouse.up();
}

/** Clicks just before `needle` in the spans text (puts the caret there). */
async function clickBefore(page, field, needle) {
  const pt = await page.getByTestId(`spans-text-${field}`).evaluate((root, sub) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.data.indexOf(sub);
      if (at < 0) continue;
      const r = document.createRange();
      r.setStart(node, at);
      r.setEnd(node, at + 1);
      const b = r.getBoundingClientRect();
      return { x: b.left + 1, y: b.top + b.height / 2 };
    }
    return null;
  }, needle);
  assert.ok(pt, `"${needle}" is drawn in ${field}`);
  await page.mouse.click(pt.x, pt.y);
}

before(() => start('labelcrew-e2e-text-'));
after(() => stop());

test('text types: schema editor forms, spans over emoji and NFD, relations, extractive, IME summary, review, export', { timeout: 600_000 }, async () => {
  const pages = {};
  const projectName = `개체·요약 ${Date.now().toString(36)}`;

  await onFailureDump(pages, async () => {
    await adminCreates(pages, Object.values(USERS));

    // ---- manager: the schema in the editor's forms, with the live preview ----
    const mp = await signedIn(pages, 'manager', USERS.manager.username);
    await mp.getByRole('link', { name: '새 프로젝트' }).click();
    await mp.getByLabel('프로젝트 이름', { exact: true }).fill(projectName);
    const fieldCard = (i) => mp.getByTestId(`schema-field-${i}`);
    const setupField = async (i, name, type) => {
      if (i > 0) await mp.getByTestId('schema-add-field').click();
      await fieldCard(i).getByLabel('필드 이름', { exact: true }).fill(name);
      await fieldCard(i).getByTestId(`schema-field-type-${i}`).selectOption(type);
    };
    const addLabels = async (i, labels) => {
      for (const [k, l] of labels.entries()) {
        await fieldCard(i).getByRole('button', { name: '+ 라벨 추가' }).click();
        await fieldCard(i).getByLabel(`${k + 1}번 라벨 값`, { exact: true }).fill(l);
      }
    };
    await setupField(0, 'entities', 'spans');
    await addLabels(0, ['PER', 'ORG', 'LOC']);
    await fieldCard(0).getByLabel('1번 라벨 단축키', { exact: true }).fill('p');
    assert.equal(await fieldCard(0).getByLabel('2번 라벨 단축키', { exact: true }).getAttribute('placeholder'), '1', 'ORG gets the first free default key');
    await setupField(1, 'links', 'relations');
    // `between` lists the spans fields only, and starts at the one there is
    const between = fieldCard(1).getByLabel('연결할 개체 필드 (spans)', { exact: true });
    assert.deepEqual(await between.locator('option').evaluateAll((os) => os.map((o) => o.value)), ['', 'entities']);
    assert.equal(await between.inputValue(), 'entities');
    // The server's live check names the keys that are wrong, and the editor shows each one beside its input.
    await between.selectOption('');
    await fieldCard(1).getByTestId('schema-error-1-between').waitFor();
    await fieldCard(1).getByTestId('schema-error-1-labels').waitFor();
    await mp.getByTestId('schema-json-status').filter({ hasText: '스키마에 오류가 있습니다' }).waitFor();
    await between.selectOption('entities');
    await addLabels(1, ['소속']);
    await fieldCard(1).getByTestId('schema-error-1-between').waitFor({ state: 'detached' });
    await setupField(2, 'key', 'extractive');
    await fieldCard(2).getByLabel('최소 문장 수', { exact: true }).fill('1');
    await fieldCard(2).getByLabel('최대 문장 수', { exact: true }).fill('2');
    await setupField(3, 'summary', 'abstractive');
    await fieldCard(3).getByLabel('최소 글자 수', { exact: true }).fill('5');
    await fieldCard(3).getByLabel('최대 글자 수', { exact: true }).fill('100');
    await mp.getByTestId('schema-json-status').filter({ hasText: '올바른 스키마입니다' }).waitFor();
    const schema = JSON.parse(await mp.getByTestId('schema-json').inputValue());
    assert.deepEqual(schema, {
      fields: [
        { name: 'entities', type: 'spans', labels: [{ value: 'PER', hotkey: 'p' }, 'ORG', 'LOC'], allowOverlap: false, required: true },
        { name: 'links', type: 'relations', labels: ['소속'], between: 'entities', required: true },
        { name: 'key', type: 'extractive', min: 1, max: 2, required: true },
        { name: 'summary', type: 'abstractive', minChars: 5, maxChars: 100, required: true },
      ],
    });
    // The preview: the spans tool over the sample text, the sample's sentences for extractive, the summary box.
    const preview = mp.getByTestId('schema-preview');
    await preview.getByRole('toolbar', { name: '라벨' }).getByRole('button', { name: 'p PER' }).waitFor();
    assert.equal(await preview.getByTestId('field-key').getByRole('checkbox').count(), 3, 'the sample is split into 3 sentences');
    await mp.getByLabel('예시 문장 목록 (data.sentences)', { exact: true }).fill('첫째 문장.\n둘째 문장.');
    await preview.getByTestId('field-key').getByRole('checkbox').nth(1).waitFor();
    assert.equal(await preview.getByTestId('field-key').getByRole('checkbox').count(), 2, 'edited sentences reach the preview');
    await dragSelect(mp, 'entities', '김철수');
    await mp.keyboard.press('p');
    await preview.getByTestId('field-entities').getByRole('button', { name: /PER 김철수 0–3/ }).waitFor();
    await shot(mp, 'text-01-schema');
    await mp.getByRole('button', { name: '프로젝트 만들기' }).click();
    await mp.getByTestId('project-title').filter({ hasText: projectName }).waitFor();

    await addMembers(mp, [
      [USERS.labeler, '작업자'],
      [USERS.reviewer, '검수자'],
    ]);
    await importJsonl(mp, '개체.jsonl', [{ text: RAW_TEXT, sentences: SENTENCES, source: 'e2e-1' }, { ...OTHER, source: 'e2e-2' }]);
    await mp.getByTestId('import-job').getByText('2건 중 2건 가져옴, 0건 거부').waitFor();

    // ---- labeler ----
    const lp = await openQueue(pages, 'labeler', USERS.labeler.username, projectName, '라벨링 시작');
    const taskId = await currentTaskId(lp, 'no-more-tasks');
    assert.ok(taskId, 'a task is offered');
    const spansText = lp.getByTestId('spans-text-entities');
    assert.equal(await spansText.innerText(), TEXT, 'the labeler sees the stored (NFC) text');
    const entities = lp.getByTestId('field-entities');

    // 김철수 → PER (mouse + hotkey p), 삼성전자 → ORG (mouse + default hotkey 1): both after 👍🏽 and NFD 오늘
    await dragSelect(lp, 'entities', '김철수');
    await lp.getByText(`선택: ${EXPECTED.PER.start}–${EXPECTED.PER.end} “김철수”`).waitFor();
    await lp.keyboard.press('p');
    await entities.getByRole('button', { name: `PER 김철수 ${EXPECTED.PER.start}–${EXPECTED.PER.end}` }).waitFor();
    await dragSelect(lp, 'entities', '삼성전자');
    await lp.keyboard.press('1');
    await entities.getByRole('button', { name: `ORG 삼성전자 ${EXPECTED.ORG.start}–${EXPECTED.ORG.end}` }).waitFor();
    // 서울 → LOC with the keyboard: caret before it, Shift+→ twice, default hotkey 2 (after a second emoji)
    await clickBefore(lp, 'entities', '서울');
    await lp.keyboard.press('Shift+ArrowRight');
    await lp.keyboard.press('Shift+ArrowRight');
    await lp.getByText(`선택: ${EXPECTED.LOC.start}–${EXPECTED.LOC.end} “서울”`).waitFor();
    await lp.keyboard.press('2');
    await entities.getByRole('button', { name: `LOC 서울 ${EXPECTED.LOC.start}–${EXPECTED.LOC.end}` }).waitFor();

    // relation 김철수 —소속→ 삼성전자
    const links = lp.getByTestId('field-links');
    await links.getByLabel('출발 개체', { exact: true }).selectOption({ label: 'PER “김철수”' });
    await links.getByLabel('도착 개체', { exact: true }).selectOption({ label: 'ORG “삼성전자”' });
    await links.getByRole('button', { name: /소속/ }).click();
    await links.getByTestId('relation-0').filter({ hasText: 'PER “김철수” —소속→ ORG “삼성전자”' }).waitFor();

    // sentences 1 and 2 with the keyboard: Space, ↓, Space
    const key = lp.getByTestId('field-key');
    await key.getByRole('checkbox').first().focus();
    await lp.keyboard.press('Space');
    await lp.keyboard.press('ArrowDown');
    await lp.keyboard.press('Space');
    await key.getByTestId('counter-key').filter({ hasText: '2문장 선택' }).waitFor();
    assert.deepEqual(await key.getByRole('checkbox').evaluateAll((cs) => cs.map((c) => c.checked)), [true, true, false]);

    // the summary: typed text, then "정말" through a simulated Hangul IME
    const box = lp.getByTestId('field-summary').getByRole('textbox');
    await box.click();
    const cdp = await lp.context().newCDPSession(lp);
    await cdp.send('Input.insertText', { text: `${SUMMARY_TYPED} ` });
    const events = await lp.evaluate(() => {
      const log = [];
      const ta = document.activeElement;
      for (const type of ['compositionstart', 'compositionupdate', 'compositionend']) ta.addEventListener(type, (e) => log.push(`${type}:${e.data}`));
      window.__imeLog = log;
      return ta.tagName;
    });
    assert.equal(events, 'TEXTAREA');
    const compose = (text) => cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
    // ㅈ → 저 → 정 (commit 정) → ㅁ → 마 → 말 — each step is a compositionupdate of the syllable being built
    await compose('ㅈ');
    await compose('저');
    await compose('정');
    await cdp.send('Input.insertText', { text: '정' });
    await compose('ㅁ');
    await compose('마');
    await compose('말');
    // The Enter that would commit the syllable arrives as keyCode 229 while composing: it must not submit.
    for (const type of ['rawKeyDown', 'keyUp']) {
      await cdp.send('Input.dispatchKeyEvent', { type, key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229 });
    }
    // Ctrl+Enter (the submit key inside a text box) during the composition must not submit either.
    for (const type of ['rawKeyDown', 'keyUp']) {
      await cdp.send('Input.dispatchKeyEvent', { type, modifiers: 2, key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229 });
    }
    await lp.waitForTimeout(400);
    assert.equal(await lp.locator('[data-task-id]').getAttribute('data-task-id'), taskId, 'an IME Enter (keyCode 229) does not submit');
    await cdp.send('Input.insertText', { text: '말' });
    await cdp.detach();
    const log = await lp.evaluate(() => window.__imeLog);
    assert.ok(log.includes('compositionstart:') || log.some((e) => e.startsWith('compositionstart')), `composition events reached the box: ${log.join(', ')}`);
    assert.ok(log.some((e) => e === 'compositionupdate:말'), `the syllable was composed: ${log.join(', ')}`);
    assert.equal(await box.inputValue(), SUMMARY, 'nothing cut off or doubled by the composition');
    const cps = [...SUMMARY.normalize('NFC')].length;
    assert.notEqual(cps, SUMMARY.length, 'the summary has characters where UTF-16 and code points differ');
    await lp.getByTestId('counter-summary').filter({ hasText: `${cps}자` }).waitFor();
    assert.match(await lp.getByTestId('counter-summary').innerText(), new RegExp(`^${cps}자 · 최소 5자 · 최대 100자`), 'the counter counts code points');
    await shot(lp, 'text-02-labeling');

    await lp.keyboard.press('Control+Enter');
    await waitForTaskChange(lp, taskId, 'no-more-tasks');
    assert.notEqual(await currentTaskId(lp, 'no-more-tasks'), taskId, 'the submitted task is gone');

    // ---- reviewer approves ----
    const rp = await openQueue(pages, 'reviewer', USERS.reviewer.username, projectName, '검수 시작');
    assert.equal(await currentTaskId(rp, 'no-more-reviews'), taskId);
    await rp.getByTestId('field-entities').getByRole('button', { name: `ORG 삼성전자 ${EXPECTED.ORG.start}–${EXPECTED.ORG.end}` }).waitFor();
    await rp.getByTestId('field-links').getByTestId('relation-0').filter({ hasText: 'PER “김철수” —소속→ ORG “삼성전자”' }).waitFor();
    assert.equal(await rp.getByTestId('field-summary').getByRole('textbox').inputValue(), SUMMARY);
    await shot(rp, 'text-03-review');
    await rp.keyboard.press('a');
    await rp.getByTestId('no-more-reviews').waitFor();

    // ---- manager exports JSONL; offsets checked in code points ----
    await mp.getByRole('tab', { name: '진행 현황' }).click();
    await mp.getByRole('button', { name: '새로 고침' }).click();
    await mp.getByTestId('count-APPROVED').filter({ hasText: '1' }).waitFor();
    await mp.getByRole('tab', { name: '가져오기·내보내기' }).click();
    const exportPanel = mp.getByTestId('export-panel');
    await exportPanel.getByTestId('export-format').selectOption('jsonl');
    await exportPanel.getByTestId('export-start').click();
    await waitForJobDone(exportPanel, 'export-job');
    const lines = await downloadLines(mp, exportPanel.getByTestId('export-download'), 'export.jsonl');
    assert.equal(lines.length, 1, 'one line per approved task');
    const row = JSON.parse(lines[0]);
    assert.equal(row.data.text, TEXT, 'the text is stored NFC');
    assert.notEqual(row.data.text, RAW_TEXT, 'the file had NFD');
    assert.deepEqual(row.data.sentences, SENTENCES);
    const result = [...row.annotations].sort((a, b) => (a.version ?? 0) - (b.version ?? 0)).at(-1).result;
    const spans = result.entities;
    assert.equal(spans.length, 3);
    for (const [label, exp] of Object.entries(EXPECTED)) {
      const s = spans.find((x) => x.label === label);
      assert.ok(s, `a ${label} span`);
      assert.deepEqual({ start: s.start, end: s.end }, exp, `${label} offsets are code points of the NFC text`);
      assert.equal([...TEXT].slice(s.start, s.end).join(''), { PER: '김철수', ORG: '삼성전자', LOC: '서울' }[label]);
    }
    const per = spans.find((x) => x.label === 'PER');
    const org = spans.find((x) => x.label === 'ORG');
    assert.deepEqual(result.links, [{ from: per.id, to: org.id, label: '소속' }]);
    assert.deepEqual(result.key, [0, 1]);
    assert.equal(result.summary, SUMMARY);

    // ---- CoNLL (character level): one code point per line, 김 is B-PER ----
    const jsonlHref = await exportPanel.getByTestId('export-download').getAttribute('href');
    await exportPanel.getByTestId('export-format').selectOption('conll');
    await exportPanel.getByTestId('export-start').click();
    await exportPanel.locator(`[data-testid="export-download"]:not([href="${jsonlHref}"])`).waitFor({ timeout: 60_000 });
    await waitForJobDone(exportPanel, 'export-job');
    const [conllDownload] = await Promise.all([mp.waitForEvent('download'), exportPanel.getByTestId('export-download').click()]);
    assert.match(conllDownload.suggestedFilename(), /\.conll$/);
    const conllFile = path.join(env.dataDir, 'export.conll');
    await conllDownload.saveAs(conllFile);
    const conll = readFileSync(conllFile, 'utf8').split('\n');
    assert.ok(conll.includes(`## ${taskId}`), `the task's comment line:\n${conll.slice(0, 5).join('\n')}`);
    const tokens = conll.filter((l) => l && !l.startsWith('## '));
    assert.ok(tokens.includes('김\tB-PER'), `a B-PER line for 김:\n${conll.slice(0, 16).join('\n')}`);
    for (const line of ['철\tI-PER', '수\tI-PER', '는\tO', '삼\tB-ORG', '자\tI-ORG', '서\tB-LOC', '울\tI-LOC']) assert.ok(tokens.includes(line), `a line ${JSON.stringify(line)}`);
    // one line per code point outside white space (👍🏽 is two), so the tags line up with the code point offsets
    const chars = [...TEXT].filter((c) => !/\s/u.test(c));
    assert.deepEqual(tokens.map((l) => l.split('\t')[0]), chars, 'one token line per code point');
  });
});
