// The media tools against the real jar: a manager makes an image project (boxes + polygons with attributes) and a
// speech project (segments with transcripts, KsponSpeech conventions) and imports an images-zip and an audio-zip
// (set up through the API from the manager's signed-in page: the import screen's media formats are not this test's
// subject); the labeler draws a box and a polygon on the canvas, sets an attribute and submits; the reviewer sees the
// answer read-only on the same canvas and approves; then a speech segment is dragged on the waveform and its Korean
// transcript typed through a simulated IME (CDP Input.imeSetComposition), submitted and approved. The stored answers
// are read back through the API and checked.
//
// Run: npm run e2e (needs ../target/labelcrew.jar or LABELCREW_JAR, and Chromium; see harness.mjs and README.md).
// The canvas alone, without the jar (and the 1,000-object frame times): e2e/canvas.test.mjs.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { adminCreates, currentTaskId, onFailureDump, openQueue, signedIn, start, stop, waitForTaskChange } from './harness.mjs';
import { answersOf, api, importZip, png, stageOf, wav, zip } from './media-kit.mjs';

const USERS = {
  manager: { username: 'media-manager', displayName: '영상매니저', role: 'Manager' },
  labeler: { username: 'media-labeler', displayName: '영상작업', role: 'Labeler' },
  reviewer: { username: 'media-reviewer', displayName: '영상검수', role: 'Reviewer' },
};
const W = 800;
const H = 600;

before(() => start('labelcrew-e2e-media-'));
after(() => stop());

test('images and speech: draw, set an attribute, submit, review; a segment with a Korean transcript through the IME', { timeout: 600_000 }, async () => {
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
    const images = await api(mp, 'POST', '/projects', { name: '이미지 e2e', schema: imageSchema });
    const speech = await api(mp, 'POST', '/projects', { name: '음성 e2e', schema: speechSchema });
    for (const p of [images, speech]) {
      await api(mp, 'PUT', `/projects/${p.id}/members/${idOf(USERS.labeler)}`, { role: 'LABELER' });
      await api(mp, 'PUT', `/projects/${p.id}/members/${idOf(USERS.reviewer)}`, { role: 'REVIEWER' });
    }
    await importZip(mp, images.id, 'images-zip', 'street.zip', zip([['street.png', png(W, H)]]));
    await importZip(mp, speech.id, 'audio-zip', 'voice.zip', zip([['voice.wav', wav(3)]]));

    // ---- the labeler: a box (then an attribute) and a polygon on the image ----
    const lp = await openQueue(pages, 'labeler', USERS.labeler.username, images.name, '라벨링 시작');
    const taskId = await currentTaskId(lp, 'no-more-tasks');
    const boxAt = await stageOf(lp, 'objects');
    await lp.mouse.move(...boxAt(100, 100));
    await lp.mouse.down();
    await lp.mouse.move(...boxAt(300, 250), { steps: 6 });
    await lp.mouse.up();
    await lp.getByTestId('attr-objects-occluded').check();
    await lp.getByTestId('attr-objects-light').selectOption('red');
    const polyAt = await stageOf(lp, 'areas');
    for (const [x, y] of [[400, 300], [700, 300], [700, 550], [400, 550]]) await lp.mouse.click(...polyAt(x, y));
    await lp.keyboard.press('f'); // focus is in the polygon canvas: F closes it
    await lp.getByTestId('objects-areas').getByRole('listitem').waitFor();
    await lp.getByRole('button', { name: /^제출/ }).click();
    await waitForTaskChange(lp, taskId, 'no-more-tasks');

    // ---- the reviewer sees it on the same canvas, read-only, and approves ----
    const rp = await openQueue(pages, 'reviewer', USERS.reviewer.username, images.name, '검수 시작');
    await rp.getByTestId('image-objects').locator('canvas').first().waitFor();
    await rp.getByTestId('objects-objects').filter({ hasText: 'occluded' }).waitFor();
    assert.equal(await rp.getByTestId('attr-objects-occluded').count(), 0, 'read-only: no attribute controls');
    await rp.getByRole('button', { name: /승인/ }).click();
    await rp.getByTestId('no-more-reviews').waitFor();

    const [imageTask] = await answersOf(mp, images.id);
    const answer = imageTask.annotations.at(-1).result;
    const [b] = answer.objects;
    assert.equal(b.label, 'car');
    assert.deepEqual(b.attributes, { occluded: true, light: 'red' });
    assert.ok(Math.abs(b.x - 100) < 10 && Math.abs(b.y - 100) < 10 && Math.abs(b.w - 200) < 10 && Math.abs(b.h - 150) < 10, JSON.stringify(b));
    assert.equal(answer.areas[0].points.length, 4);
    assert.equal(answer.areas[0].label, 'road');

    // ---- speech: a segment on the waveform, a speaker key, a Korean transcript through the IME ----
    await lp.goto(pages.labeler.url().replace(/\/projects\/\d+/, `/projects/${speech.id}`));
    const sTask = await currentTaskId(lp, 'no-more-tasks');
    await lp.waitForFunction(() => [...document.querySelectorAll('[data-testid="segments-speech"] .waveform > div')].some((d) => d.shadowRoot?.querySelector('canvas')));
    await lp.keyboard.press('2');
    await lp.getByTestId('segments-speech').scrollIntoViewIfNeeded();
    const wave = await lp.getByTestId('segments-speech').locator('.waveform').boundingBox();
    await lp.mouse.move(wave.x + wave.width * 0.2, wave.y + wave.height / 2);
    await lp.mouse.down();
    await lp.mouse.move(wave.x + wave.width * 0.5, wave.y + wave.height / 2, { steps: 8 });
    await lp.mouse.up();
    const box = lp.getByTestId('transcript-speech-0');
    await box.click();
    const cdp = await lp.context().newCDPSession(lp);
    const compose = (text) => cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
    await compose('ㅇ');
    await compose('아');
    await compose('안');
    await cdp.send('Input.insertText', { text: '안' });
    await compose('ㄴ');
    await compose('녀');
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 229 });
    await compose('녕');
    await cdp.send('Input.insertText', { text: '녕' });
    await cdp.detach();
    assert.equal(await currentTaskId(lp, 'no-more-tasks'), sTask, 'an IME Enter does not submit');
    await lp.getByRole('button', { name: /^제출/ }).click();
    await waitForTaskChange(lp, sTask, 'no-more-tasks');

    await rp.goto(pages.reviewer.url().replace(/\/projects\/\d+/, `/projects/${speech.id}`));
    await rp.getByTestId('segment-speech-0').filter({ hasText: '안녕' }).waitFor();
    await rp.getByRole('button', { name: /승인/ }).click();
    await rp.getByTestId('no-more-reviews').waitFor();

    const [speechTask] = await answersOf(mp, speech.id);
    const [seg] = speechTask.annotations.at(-1).result.speech;
    assert.equal(seg.label, 'B');
    assert.equal(seg.transcript, '안녕');
    assert.ok(Math.abs(seg.start - 0.6) < 0.2 && Math.abs(seg.end - 1.5) < 0.2, JSON.stringify(seg));
  });
});
