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
import { deflateSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import { adminCreates, currentTaskId, onFailureDump, openQueue, signedIn, start, stop, waitForTaskChange } from './harness.mjs';

const USERS = {
  manager: { username: 'media-manager', displayName: '영상매니저', role: 'Manager' },
  labeler: { username: 'media-labeler', displayName: '영상작업', role: 'Labeler' },
  reviewer: { username: 'media-reviewer', displayName: '영상검수', role: 'Reviewer' },
};
const W = 800;
const H = 600;

// ---- files made here: a PNG, a WAV and a zip (stored entries), without dependencies ----
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function png(width, height) {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0;
    for (let x = 0; x < width; x++) {
      const o = y * (width * 3 + 1) + 1 + x * 3;
      raw[o] = (x * 255) / width;
      raw[o + 1] = (y * 255) / height;
      raw[o + 2] = 120;
    }
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
function wav(seconds, rate = 8000) {
  const n = Math.round(seconds * rate);
  const b = Buffer.alloc(44 + n * 2);
  b.write('RIFF', 0);
  b.writeUInt32LE(36 + n * 2, 4);
  b.write('WAVEfmt ', 8);
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(1, 22);
  b.writeUInt32LE(rate, 24);
  b.writeUInt32LE(rate * 2, 28);
  b.writeUInt16LE(2, 32);
  b.writeUInt16LE(16, 34);
  b.write('data', 36);
  b.writeUInt32LE(n * 2, 40);
  for (let i = 0; i < n; i++) b.writeInt16LE(Math.round(Math.sin((i / rate) * 2 * Math.PI * 220) * 10000 * (i % rate < rate / 2 ? 1 : 0.2)), 44 + i * 2);
  return b;
}
function zip(entries) {
  const parts = [];
  const central = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const nameBuf = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    parts.push(local, nameBuf, data);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x0800, 8);
    c.writeUInt32LE(crc, 16);
    c.writeUInt32LE(data.length, 20);
    c.writeUInt32LE(data.length, 24);
    c.writeUInt16LE(nameBuf.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, nameBuf);
    offset += 30 + nameBuf.length + data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cd, end]);
}

// ---- the API from a signed-in page (its session cookie and CSRF token) ----
async function api(page, method, path, body) {
  const res = await page.evaluate(
    async ([m, p, b]) => {
      const csrf = decodeURIComponent(document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='))?.split('=')[1] ?? '');
      const r = await fetch(`/api/v1${p}`, { method: m, headers: { 'Content-Type': 'application/json', 'X-XSRF-TOKEN': csrf }, body: b === undefined ? undefined : JSON.stringify(b) });
      return { status: r.status, body: await r.text() };
    },
    [method, path, body],
  );
  assert.ok(res.status < 300, `${method} ${path} → ${res.status} ${res.body}`);
  return res.body ? JSON.parse(res.body) : null;
}

async function importZip(page, projectId, format, fileName, bytes) {
  const job = await page.evaluate(
    async ([id, f, name, b64]) => {
      const csrf = decodeURIComponent(document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='))?.split('=')[1] ?? '');
      const form = new FormData();
      form.append('format', f);
      form.append('file', new Blob([Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0))]), name);
      const r = await fetch(`/api/v1/projects/${id}/imports`, { method: 'POST', headers: { 'X-XSRF-TOKEN': csrf }, body: form });
      return { status: r.status, body: await r.text() };
    },
    [projectId, format, fileName, bytes.toString('base64')],
  );
  assert.ok(job.status < 300, `import ${format} → ${job.status} ${job.body}`);
  const { id } = JSON.parse(job.body);
  for (let i = 0; i < 120; i++) {
    const j = await api(page, 'GET', `/imports/${id}`);
    if (j.status === 'DONE') return j;
    assert.notEqual(j.status, 'FAILED', JSON.stringify(j));
    await page.waitForTimeout(500);
  }
  assert.fail(`import ${id} did not finish`);
}

/** The canvas of an image field and the mapping from image pixels to the page (the tool starts fitted). */
async function stageOf(page, name) {
  const wrap = page.getByTestId(`image-${name}`);
  await wrap.locator('canvas').first().waitFor();
  await wrap.scrollIntoViewIfNeeded(); // the mouse only reaches what is on screen
  const box = await wrap.locator('.konvajs-content').boundingBox();
  const scale = Math.min(1, (box.width - 16) / W, (box.height - 16) / H);
  const ox = box.x + (box.width - W * scale) / 2;
  const oy = box.y + (box.height - H * scale) / 2;
  return (x, y) => [ox + x * scale, oy + y * scale];
}

async function answersOf(managerPage, projectId) {
  const tasks = await api(managerPage, 'GET', `/projects/${projectId}/tasks`);
  const out = [];
  for (const t of tasks.items) out.push(await api(managerPage, 'GET', `/tasks/${t.id}`));
  return out;
}

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
