// The accessibility gate (a11y-kit.mjs: axe-core serious/critical, reflow at 320 px, in Korean and English) on the
// image and speech screens, against the real jar: the image labeling screen with a box selected and its attributes
// open, the speech labeling screen with a segment, and the review of each. Besides axe, every control must have an
// accessible name (as Chromium computes it), the canvas and the waveform must have a text alternative, and the
// keyboard must reach the canvas, the object list, the attributes and the waveform.
//
// Run: cd web && node --test e2e/a11y-media.test.mjs (needs ../target/labelcrew.jar or LABELCREW_JAR, and Chromium).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { adminCreates, assertControlsNamed, currentTaskId, onFailureDump, openQueue, signedIn, start, stop, waitForTaskChange } from './harness.mjs';
import { checked, gate, problems, tabTo } from './a11y-kit.mjs';
import { api, importZip, png, stageOf, wav, zip } from './media-kit.mjs';

before(() => start('labelcrew-e2e-a11y-media-'));
after(() => stop());

const USERS = {
  manager: { username: 'am-manager', displayName: '접근미디어매니저', role: 'Manager' },
  labeler: { username: 'am-labeler', displayName: '접근미디어작업', role: 'Labeler' },
  reviewer: { username: 'am-reviewer', displayName: '접근미디어검수', role: 'Reviewer' },
};

/** The gate, plus the accessible names of every control (kept with the other findings). */
async function mediaGate(page, name) {
  await gate(page, name);
  try {
    await assertControlsNamed(page, name);
  } catch (e) {
    if (!(e instanceof assert.AssertionError)) throw e;
    problems.push(e.message);
    console.error(e.message);
  }
}

/** The element has a non-empty accessible name and a role that exposes it (a text alternative for a canvas). */
async function assertTextAlternative(page, locator, what) {
  const info = await locator.evaluate((el) => ({ role: el.getAttribute('role'), label: el.getAttribute('aria-label') ?? '', described: el.getAttribute('aria-describedby') }));
  if (!info.label.trim() || !info.role) problems.push(`${what}: no text alternative (role ${info.role}, aria-label "${info.label}")`);
  for (const id of (info.described ?? '').split(/\s+/).filter(Boolean)) {
    const text = await page.locator(`[id="${id}"]`).innerText().catch(() => '');
    if (!text.trim()) problems.push(`${what}: aria-describedby names "${id}", which holds no text`);
  }
  if (!info.described) problems.push(`${what}: no description (aria-describedby)`);
}

test('accessibility gate on the image and speech screens: labeling and review, in Korean and English', { timeout: 600_000 }, async () => {
  const pages = {};
  await onFailureDump(pages, async () => {
    await adminCreates(pages, Object.values(USERS));
    const mp = await signedIn(pages, 'manager', USERS.manager.username);
    const accounts = (await api(mp, 'GET', '/accounts?limit=100')).items;
    const idOf = (u) => accounts.find((a) => a.username === u.username).id;
    const imageSchema = {
      fields: [
        { name: 'objects', type: 'boxes', labels: ['car', 'person'], attributes: [{ name: 'occluded', type: 'boolean' }, { name: 'light', type: 'choice', values: ['red', 'green'] }], required: true },
        { name: 'areas', type: 'polygons', labels: ['road'] },
      ],
    };
    const speechSchema = { fields: [{ name: 'speech', type: 'segments', labels: ['A', 'B'], transcript: true, conventions: 'kspon', required: true }] };
    const images = await api(mp, 'POST', '/projects', { name: '이미지 접근성', schema: imageSchema });
    const speech = await api(mp, 'POST', '/projects', { name: '음성 접근성', schema: speechSchema });
    for (const p of [images, speech]) {
      await api(mp, 'PUT', `/projects/${p.id}/members/${idOf(USERS.labeler)}`, { role: 'LABELER' });
      await api(mp, 'PUT', `/projects/${p.id}/members/${idOf(USERS.reviewer)}`, { role: 'REVIEWER' });
    }
    await importZip(mp, images.id, 'images-zip', 'street.zip', zip([['street.png', png(800, 600)]]));
    await importZip(mp, speech.id, 'audio-zip', 'voice.zip', zip([['voice.wav', wav(3)]]));

    // ---- image labeling: a box drawn and selected, its attributes open ----
    const lp = await openQueue(pages, 'labeler', USERS.labeler.username, images.name, '라벨링 시작');
    const taskId = await currentTaskId(lp, 'no-more-tasks');
    const at = await stageOf(lp, 'objects');
    await lp.mouse.move(...at(100, 100));
    await lp.mouse.down();
    await lp.mouse.move(...at(300, 250), { steps: 6 });
    await lp.mouse.up();
    await lp.getByTestId('attributes-objects').waitFor();
    await lp.getByTestId('attr-objects-occluded').check();
    await assertTextAlternative(lp, lp.getByTestId('image-objects'), 'the image canvas');
    // the keyboard reaches the canvas, the object list and the attributes
    await lp.getByTestId('submit').focus();
    await tabTo(lp, '[data-testid="image-objects"]', 60, 'Shift+Tab');
    await tabTo(lp, '[data-testid="objects-objects"] button', 20);
    await tabTo(lp, '[data-testid="attr-objects-occluded"]', 20);
    await mediaGate(lp, 'image-labeling');
    await lp.getByTestId('submit').click();
    await waitForTaskChange(lp, taskId, 'no-more-tasks');

    // ---- speech labeling: a segment with a transcript ----
    await lp.goto(pages.labeler.url().replace(/\/projects\/\d+/, `/projects/${speech.id}`));
    const sTask = await currentTaskId(lp, 'no-more-tasks');
    await lp.waitForFunction(() => [...document.querySelectorAll('[data-testid="segments-speech"] .waveform > div')].some((d) => d.shadowRoot?.querySelector('canvas')));
    await lp.getByTestId('segments-speech').scrollIntoViewIfNeeded();
    const wave = await lp.getByTestId('segments-speech').locator('.waveform').boundingBox();
    await lp.mouse.move(wave.x + wave.width * 0.2, wave.y + wave.height / 2);
    await lp.mouse.down();
    await lp.mouse.move(wave.x + wave.width * 0.5, wave.y + wave.height / 2, { steps: 8 });
    await lp.mouse.up();
    await lp.getByTestId('transcript-speech-0').fill('네 알겠습니다');
    await assertTextAlternative(lp, lp.getByTestId('segments-speech'), 'the waveform');
    await lp.getByTestId('submit').focus();
    await tabTo(lp, '[data-testid="transcript-speech-0"]', 40, 'Shift+Tab');
    await tabTo(lp, '[data-testid="segments-speech"]', 60, 'Shift+Tab');
    await mediaGate(lp, 'speech-labeling');
    await lp.getByTestId('submit').click();
    await waitForTaskChange(lp, sTask, 'no-more-tasks');

    // ---- the review of each ----
    const rp = await openQueue(pages, 'reviewer', USERS.reviewer.username, images.name, '검수 시작');
    await rp.getByTestId('image-objects').locator('canvas').first().waitFor();
    await rp.getByTestId('objects-objects').filter({ hasText: 'occluded' }).waitFor();
    await assertTextAlternative(rp, rp.getByTestId('image-objects'), 'the image canvas (review)');
    await mediaGate(rp, 'image-review');
    await rp.getByTestId('correct').click();
    await rp.getByTestId('objects-objects').getByRole('button').first().click();
    await rp.getByTestId('attributes-objects').waitFor();
    await mediaGate(rp, 'image-review-correct');
    await rp.getByTestId('approve').or(rp.getByTestId('send-correct')).first().click();
    await rp.getByTestId('no-more-reviews').waitFor();

    await rp.goto(pages.reviewer.url().replace(/\/projects\/\d+/, `/projects/${speech.id}`));
    await rp.getByTestId('segment-speech-0').filter({ hasText: '네 알겠습니다' }).waitFor();
    await assertTextAlternative(rp, rp.getByTestId('segments-speech'), 'the waveform (review)');
    await mediaGate(rp, 'speech-review');

    assert.deepEqual(problems, [], `accessibility problems:\n${problems.join('\n\n')}`);
    console.log(`a11y gate passed on ${checked.length} media screens × 2 languages: ${checked.join(', ')}`);
  });
});
