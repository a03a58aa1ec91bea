// Drawing from the keyboard only (issue 10, keydraw): a labeler focuses each image canvas, presses N and places a box
// (arrows, Ctrl+arrows one source pixel, Ctrl+Shift+arrows resize) and a polygon (arrows move the cross-hair, Space
// adds a point, Enter closes), submits with Enter, and the stored answer (read through the API) has both in source
// pixels: the new box and the polygon's first point start at the image's centre whatever the canvas's zoom.
//
// Run: node --test e2e/keydraw.test.mjs (needs ../target/labelcrew.jar or LABELCREW_JAR, and Chromium; harness.mjs).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { adminCreates, currentTaskId, onFailureDump, openQueue, signedIn, start, stop, waitForTaskChange } from './harness.mjs';
import { answersOf, api, importZip, png, zip } from './media-kit.mjs';

const USERS = {
  manager: { username: 'keydraw-manager', displayName: '키보드매니저', role: 'Manager' },
  labeler: { username: 'keydraw-labeler', displayName: '키보드작업', role: 'Labeler' },
};
const W = 800;
const H = 600;

before(() => start('labelcrew-e2e-keydraw-'));
after(() => stop());

test('a labeler draws a box and a polygon with the keys only, submits, and the answer is in source pixels', { timeout: 300_000 }, async () => {
  const pages = {};
  await onFailureDump(pages, async () => {
    await adminCreates(pages, Object.values(USERS));
    const mp = await signedIn(pages, 'manager', USERS.manager.username);
    const accounts = (await api(mp, 'GET', '/accounts?limit=100')).items;
    const labelerId = accounts.find((a) => a.username === USERS.labeler.username).id;
    const schema = {
      fields: [
        { name: 'objects', type: 'boxes', labels: ['car', 'person'], required: true },
        { name: 'areas', type: 'polygons', labels: ['road'] },
      ],
    };
    const project = await api(mp, 'POST', '/projects', { name: '키보드 그리기 e2e', schema });
    await api(mp, 'PUT', `/projects/${project.id}/members/${labelerId}`, { role: 'LABELER' });
    await importZip(mp, project.id, 'images-zip', 'street.zip', zip([['street.png', png(W, H)]]));

    const lp = await openQueue(pages, 'labeler', USERS.labeler.username, project.name, '라벨링 시작');
    const taskId = await currentTaskId(lp, 'no-more-tasks');
    const status = (name) => lp.getByTestId(`field-${name}`).locator('.media-status');

    // ---- a box: N, label 2, five source pixels right, three taller, Enter ----
    const boxes = lp.getByTestId('image-objects');
    await boxes.locator('canvas').first().waitFor();
    await boxes.focus();
    await lp.keyboard.press('2');
    await lp.keyboard.press('n');
    assert.equal(await boxes.getAttribute('data-keydraw'), 'boxes');
    const started = /상자 (\d+)×(\d+), 위치 (\d+),(\d+)/.exec(await status('objects').textContent());
    assert.ok(started, await status('objects').textContent());
    const [w0, h0, x0, y0] = started.slice(1).map(Number);
    for (let i = 0; i < 5; i++) await lp.keyboard.press('Control+ArrowRight');
    for (let i = 0; i < 3; i++) await lp.keyboard.press('Control+Shift+ArrowDown');
    await lp.keyboard.press('Enter');
    await status('objects').filter({ hasText: `상자 1, person, ${w0}×${h0 + 3}, 위치 ${x0 + 5},${y0}` }).waitFor();
    assert.equal(await currentTaskId(lp, 'no-more-tasks'), taskId, 'the Enter that finishes the box does not submit');

    // ---- a polygon: N, a point at the centre, five steps right, five steps down, Enter closes ----
    const areas = lp.getByTestId('image-areas');
    await areas.locator('canvas').first().waitFor();
    await areas.focus();
    await lp.keyboard.press('n');
    await lp.keyboard.press('Space');
    for (let i = 0; i < 5; i++) await lp.keyboard.press('ArrowRight');
    await lp.keyboard.press('Space');
    for (let i = 0; i < 5; i++) await lp.keyboard.press('ArrowDown');
    await lp.keyboard.press('Space');
    await lp.keyboard.press('Enter');
    await status('areas').filter({ hasText: '폴리곤 1, road, 꼭짓점 3개' }).waitFor();

    // ---- Enter, now the page's again, submits ----
    await lp.keyboard.press('Enter');
    await waitForTaskChange(lp, taskId, 'no-more-tasks');

    const [task] = await answersOf(mp, project.id);
    const answer = task.annotations.at(-1).result;
    assert.deepEqual(answer.objects, [{ x: x0 + 5, y: y0, w: w0, h: h0 + 3, label: 'person' }]);
    // The box was centred on the image's centre (400, 300) in source pixels, whatever the canvas's scale.
    assert.ok(Math.abs(x0 + w0 / 2 - W / 2) <= 1 && Math.abs(y0 + h0 / 2 - H / 2) <= 1, JSON.stringify(started));
    const [p1, p2, p3] = answer.areas[0].points;
    assert.equal(answer.areas[0].points.length, 3);
    assert.equal(answer.areas[0].label, 'road');
    assert.ok(Math.abs(p1[0] - W / 2) <= 1 && Math.abs(p1[1] - H / 2) <= 1, JSON.stringify(p1));
    const step = p2[0] - p1[0];
    assert.ok(step >= 5 && step % 5 === 0, `five arrow steps of ten screen pixels each: ${step}`);
    assert.deepEqual([p2[1], p3[0], p3[1]], [p1[1], p2[0], p2[1] + step], JSON.stringify(answer.areas[0].points));
  });
});
