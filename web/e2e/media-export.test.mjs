// Media work to a dataset, in the browser, against the real jar: on an image project the labeler draws a box (with
// attributes) and a polygon on one image and a box on another; the reviewer approves the first and rejects the second
// with a reason; the labeler sees the reason, relabels the box and resubmits; the reviewer corrects it (an attribute)
// and saves the correction. Then the manager exports COCO and YOLO from the project's export panel, downloads both
// and the test checks the numbers (COCO: counts, the bbox within 1 px of what was drawn, the polygon's points; YOLO:
// data.yaml's names, each label line's class and normalised cx cy w h). On a speech project a segment is rejected with
// a reason, reworked (the labeler sees the reason and changes the transcript) and approved.
//
// Run: cd web && node --test e2e/media-export.test.mjs (needs ../target/labelcrew.jar or LABELCREW_JAR, and Chromium).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { adminCreates, currentTaskId, env, onFailureDump, openQueue, signedIn, start, stop, waitForJobDone, waitForTaskChange } from './harness.mjs';
import { answersOf, api, importZip, png, stageOf, unzip, wav, zip } from './media-kit.mjs';

const USERS = {
  manager: { username: 'mx-manager', displayName: '내보내기매니저', role: 'Manager' },
  labeler: { username: 'mx-labeler', displayName: '내보내기작업', role: 'Labeler' },
  reviewer: { username: 'mx-reviewer', displayName: '내보내기검수', role: 'Reviewer' },
};
// Two images: a.png gets a box and a polygon and is approved; b.png gets a box that is rejected, reworked, corrected.
const IMAGES = { 'a.png': { w: 800, h: 600 }, 'b.png': { w: 640, h: 480 } };
const BOX_A = { x: 100, y: 100, w: 200, h: 150 };
const POLY_A = [[400, 300], [700, 300], [700, 550], [400, 550]];
const BOX_B = { x: 64, y: 48, w: 320, h: 240 };
const REASON_IMAGE = '사람입니다. 레이블을 person으로 바꿔 주세요.';
const REASON_SPEECH = '전사가 틀렸습니다. 다시 들어 보세요.';

before(() => start('labelcrew-e2e-media-export-'));
after(() => stop());

/** Drags a box on the image field `objects` from (x, y) to (x + w, y + h) in image pixels. */
async function drawBox(page, size, b) {
  const at = await stageOf(page, 'objects', size.w, size.h);
  await page.mouse.move(...at(b.x, b.y));
  await page.mouse.down();
  await page.mouse.move(...at(b.x + b.w, b.y + b.h), { steps: 6 });
  await page.mouse.up();
}

async function download(page, fileName) {
  const link = page.getByTestId('export-download');
  const [dl] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const file = path.join(env.dataDir, fileName);
  await dl.saveAs(file);
  return readFileSync(file);
}

async function exportFrom(page, format) {
  const panel = page.getByTestId('export-panel');
  await panel.getByTestId('export-format').selectOption(format);
  await panel.getByTestId('export-start').click();
  // the previous job's box goes when a new one starts: wait for this format's job
  await waitForJobDone(panel, 'export-job');
}

const near = (a, b, tol, what) => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} is not within ${tol} of ${b}`);

test('media: reject with a reason, rework, correct; COCO and YOLO exported from the panel hold what was drawn', { timeout: 600_000 }, async () => {
  const pages = {};
  await onFailureDump(pages, async () => {
    await adminCreates(pages, Object.values(USERS));
    const mp = await signedIn(pages, 'manager', USERS.manager.username);
    const accounts = (await api(mp, 'GET', '/accounts?limit=100')).items;
    const idOf = (u) => accounts.find((a) => a.username === u.username).id;
    const imageSchema = {
      fields: [
        { name: 'objects', type: 'boxes', labels: ['car', 'person'], attributes: [{ name: 'occluded', type: 'boolean' }], required: true },
        { name: 'areas', type: 'polygons', labels: ['road'] },
      ],
    };
    const speechSchema = { fields: [{ name: 'speech', type: 'segments', labels: ['A', 'B'], transcript: true, required: true }] };
    const images = await api(mp, 'POST', '/projects', { name: '이미지 내보내기 e2e', schema: imageSchema });
    const speech = await api(mp, 'POST', '/projects', { name: '음성 반려 e2e', schema: speechSchema });
    for (const p of [images, speech]) {
      await api(mp, 'PUT', `/projects/${p.id}/members/${idOf(USERS.labeler)}`, { role: 'LABELER' });
      await api(mp, 'PUT', `/projects/${p.id}/members/${idOf(USERS.reviewer)}`, { role: 'REVIEWER' });
    }
    await importZip(mp, images.id, 'images-zip', 'street.zip', zip([['a.png', png(800, 600, 120)], ['b.png', png(640, 480, 30)]]));
    await importZip(mp, speech.id, 'audio-zip', 'voice.zip', zip([['voice.wav', wav(3)]]));
    const fileOf = new Map((await api(mp, 'GET', `/projects/${images.id}/tasks`)).items.map((t) => [String(t.id), t.data.file]));

    // ---- the labeler: a box with an attribute and a polygon on a.png, a box on b.png ----
    const lp = await openQueue(pages, 'labeler', USERS.labeler.username, images.name, '라벨링 시작');
    for (let n = 0; n < 2; n++) {
      const taskId = await currentTaskId(lp, 'no-more-tasks');
      const file = fileOf.get(taskId);
      if (file === 'a.png') {
        await drawBox(lp, IMAGES[file], BOX_A);
        await lp.getByTestId('attr-objects-occluded').check();
        const polyAt = await stageOf(lp, 'areas', 800, 600);
        for (const [x, y] of POLY_A) await lp.mouse.click(...polyAt(x, y));
        await lp.keyboard.press('f');
        await lp.getByTestId('objects-areas').getByRole('listitem').waitFor();
      } else {
        await drawBox(lp, IMAGES[file], BOX_B);
        await lp.getByTestId('objects-objects').getByRole('listitem').waitFor();
      }
      await lp.getByTestId('submit').click();
      await waitForTaskChange(lp, taskId, 'no-more-tasks');
    }
    await lp.getByTestId('no-more-tasks').waitFor();

    // ---- the reviewer: approves a.png, rejects b.png with a reason ----
    const rp = await openQueue(pages, 'reviewer', USERS.reviewer.username, images.name, '검수 시작');
    for (let n = 0; n < 2; n++) {
      const taskId = await currentTaskId(rp, 'no-more-reviews');
      await rp.getByTestId('image-objects').locator('canvas').first().waitFor();
      if (fileOf.get(taskId) === 'a.png') {
        await rp.getByTestId('approve').click();
      } else {
        await rp.getByTestId('reject').click();
        await rp.getByLabel('반려 사유 (작업자에게 보입니다)').fill(REASON_IMAGE);
        await rp.getByTestId('send-reject').click();
      }
      await rp.getByTestId('send-now').click(); // no need to wait out the undo bar
      await waitForTaskChange(rp, taskId, 'no-more-reviews');
    }
    await rp.getByTestId('no-more-reviews').waitFor();

    // ---- the labeler: b.png comes back with the reason; the box becomes a person; resubmitted ----
    await lp.getByRole('button', { name: '다시 확인' }).click();
    await lp.getByTestId('rejection-reason').filter({ hasText: REASON_IMAGE }).waitFor();
    const reworkId = await currentTaskId(lp, 'no-more-tasks');
    assert.equal(fileOf.get(reworkId), 'b.png');
    await lp.getByTestId('image-objects').locator('canvas').first().waitFor();
    const chip = lp.getByTestId('objects-objects').getByRole('listitem').first().getByRole('button').first();
    await chip.click(); // select the box from the list (keyboard-reachable, as the canvas is not)
    await lp.getByTestId('attributes-objects').locator('select').first().selectOption('person'); // the label select (named "라벨 car": a label around a select takes its value)
    await lp.getByTestId('objects-objects').filter({ hasText: 'person' }).waitFor();
    await lp.getByTestId('submit').click();
    await lp.getByTestId('no-more-tasks').waitFor();

    // ---- the reviewer corrects it: marks the box occluded and saves the correction ----
    await rp.getByRole('button', { name: '다시 확인' }).click();
    assert.equal(await currentTaskId(rp, 'no-more-reviews'), reworkId);
    const card = rp.locator(`[data-task-id="${reworkId}"]`);
    await card.getByTestId('objects-objects').filter({ hasText: 'person' }).waitFor();
    await rp.getByTestId('correct').click();
    await card.getByTestId('objects-objects').getByRole('listitem').first().getByRole('button').first().click();
    await card.getByTestId('attr-objects-occluded').check();
    await rp.getByTestId('send-correct').click();
    await rp.getByTestId('no-more-reviews').waitFor();

    const byFile = {};
    for (const t of await answersOf(mp, images.id)) byFile[t.data.file] = t;
    assert.equal(byFile['b.png'].state, 'APPROVED', 'a correction approves the task');
    const finalB = byFile['b.png'].annotations.at(-1).result.objects[0];
    assert.equal(finalB.label, 'person');
    assert.deepEqual(finalB.attributes, { occluded: true });
    const storedA = byFile['a.png'].annotations.at(-1).result.objects[0];

    // ---- the manager exports COCO and YOLO from the panel ----
    // (the project list this page loaded before the projects were made through the API is cached: open it by address)
    await mp.goto(`${env.base}/#/projects/${images.id}`);
    await mp.reload();
    await mp.getByTestId('project-title').filter({ hasText: images.name }).waitFor();
    await mp.getByRole('tab', { name: '가져오기·내보내기' }).click();
    await exportFrom(mp, 'coco');
    const coco = JSON.parse((await download(mp, 'export.coco.json')).toString('utf8'));
    assert.equal(coco.images.length, 2);
    assert.equal(coco.categories.length, 3, JSON.stringify(coco.categories));
    assert.equal(coco.annotations.length, 3, 'a box and a polygon on a.png, a box on b.png');
    const cat = Object.fromEntries(coco.categories.map((c) => [c.name, c.id]));
    const imgId = Object.fromEntries(coco.images.map((i) => [i.file_name, i.id]));
    assert.deepEqual([coco.images.find((i) => i.file_name === 'b.png').width, coco.images.find((i) => i.file_name === 'b.png').height], [640, 480]);
    const annsOf = (file) => coco.annotations.filter((a) => a.image_id === imgId[file]);
    const boxA = annsOf('a.png').find((a) => a.category_id === cat.car);
    assert.ok(boxA, JSON.stringify(annsOf('a.png')));
    // within 1 px of what the labeler drew (image pixels under the mouse), and the same numbers the answer holds
    for (const [i, k] of ['x', 'y', 'w', 'h'].entries()) {
      near(boxA.bbox[i], BOX_A[k], 1, `COCO bbox ${k}`);
      near(boxA.bbox[i], storedA[k], 0.01, `COCO bbox ${k} vs the answer`);
    }
    const road = annsOf('a.png').find((a) => a.category_id === cat.road);
    assert.equal(road.segmentation[0].length, POLY_A.length * 2, 'the polygon: 4 points, x and y each');
    for (const [i, [x, y]] of POLY_A.entries()) {
      near(road.segmentation[0][2 * i], x, 1, `polygon point ${i} x`);
      near(road.segmentation[0][2 * i + 1], y, 1, `polygon point ${i} y`);
    }
    const [boxB] = annsOf('b.png');
    assert.equal(boxB.category_id, cat.person, 'the relabelled box');
    for (const [i, k] of ['x', 'y', 'w', 'h'].entries()) near(boxB.bbox[i], BOX_B[k], 1, `COCO bbox of b.png ${k}`);

    await exportFrom(mp, 'yolo');
    const yolo = unzip(await download(mp, 'export.yolo.zip'));
    const yaml = yolo.get('data.yaml')?.toString('utf8') ?? '';
    assert.match(yaml, /nc: 2\n/);
    assert.match(yaml, /names:\n {2}0: 'car'\n {2}1: 'person'\n/);
    const linesOf = (name) => yolo.get(`labels/${name}.txt`).toString('utf8').trim().split('\n');
    const [la] = linesOf('a');
    const [clsA, ...numsA] = la.split(' ');
    assert.equal(clsA, '0', `a.png's box is a car: ${la}`);
    const expectA = [(BOX_A.x + BOX_A.w / 2) / 800, (BOX_A.y + BOX_A.h / 2) / 600, BOX_A.w / 800, BOX_A.h / 600];
    // within 1 image pixel of the drawn box, normalised
    numsA.forEach((v, i) => near(Number(v), expectA[i], 1 / (i % 2 ? 600 : 800), `YOLO a.png value ${i}`));
    const [lb] = linesOf('b');
    const [clsB, ...numsB] = lb.split(' ');
    assert.equal(clsB, '1', `b.png's box is a person: ${lb}`);
    const expectB = [(BOX_B.x + BOX_B.w / 2) / 640, (BOX_B.y + BOX_B.h / 2) / 480, BOX_B.w / 640, BOX_B.h / 480];
    numsB.forEach((v, i) => near(Number(v), expectB[i], 1 / (i % 2 ? 480 : 640), `YOLO b.png value ${i}`));

    // ---- speech: a segment rejected with a reason, reworked (the transcript changed), approved ----
    await lp.goto(pages.labeler.url().replace(/\/projects\/\d+/, `/projects/${speech.id}`));
    const sTask = await currentTaskId(lp, 'no-more-tasks');
    await lp.waitForFunction(() => [...document.querySelectorAll('[data-testid="segments-speech"] .waveform > div')].some((d) => d.shadowRoot?.querySelector('canvas')));
    await lp.getByTestId('segments-speech').scrollIntoViewIfNeeded();
    const wave = await lp.getByTestId('segments-speech').locator('.waveform').boundingBox();
    await lp.mouse.move(wave.x + wave.width * 0.2, wave.y + wave.height / 2);
    await lp.mouse.down();
    await lp.mouse.move(wave.x + wave.width * 0.5, wave.y + wave.height / 2, { steps: 8 });
    await lp.mouse.up();
    await lp.getByTestId('transcript-speech-0').fill('안녕하세여');
    await lp.getByTestId('submit').click();
    await waitForTaskChange(lp, sTask, 'no-more-tasks');

    await rp.goto(pages.reviewer.url().replace(/\/projects\/\d+/, `/projects/${speech.id}`));
    await rp.getByTestId('segment-speech-0').filter({ hasText: '안녕하세여' }).waitFor();
    await rp.getByTestId('reject').click();
    await rp.getByLabel('반려 사유 (작업자에게 보입니다)').fill(REASON_SPEECH);
    await rp.getByTestId('send-reject').click();
    await rp.getByTestId('send-now').click();
    await rp.getByTestId('no-more-reviews').waitFor();

    await lp.getByRole('button', { name: '다시 확인' }).click();
    await lp.getByTestId('rejection-reason').filter({ hasText: REASON_SPEECH }).waitFor();
    assert.equal(await currentTaskId(lp, 'no-more-tasks'), sTask);
    const again = lp.getByTestId('transcript-speech-0');
    assert.equal(await again.inputValue(), '안녕하세여', 'rework starts from the rejected answer');
    await again.fill('안녕하세요');
    await lp.getByTestId('submit').click();
    await lp.getByTestId('no-more-tasks').waitFor();

    await rp.getByRole('button', { name: '다시 확인' }).click();
    await rp.locator(`[data-task-id="${sTask}"]`).getByTestId('segment-speech-0').filter({ hasText: '안녕하세요' }).waitFor();
    await rp.getByTestId('approve').click();
    await rp.getByTestId('send-now').click();
    await rp.getByTestId('no-more-reviews').waitFor();

    const [speechTask] = await answersOf(mp, speech.id);
    assert.equal(speechTask.state, 'APPROVED');
    const versions = speechTask.annotations.map((a) => a.result.speech[0].transcript);
    assert.deepEqual(versions.slice(-2), ['안녕하세여', '안녕하세요'], 'both answers are kept, the reworked one last');
  });
});
