// The media tools in a real browser, without the server: Vite's dev server serves e2e/canvas/index.html (the tools
// alone in a page, see main.tsx) and Chromium draws on the Konva canvas and the wavesurfer waveform. It also times
// frames (requestAnimationFrame) while one of 1,000 boxes is dragged and prints the figures (README: "Media tools").
// The whole loop with the server (import, label, review, export) is e2e/media.test.mjs.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { createServer } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const W = 1920;
const H = 1080;
let vite;
let browser;
let base;

before(async () => {
  assert.ok(existsSync(CHROMIUM), `Chromium is missing at ${CHROMIUM} (set CHROMIUM_PATH). This test does not skip.`);
  vite = await createServer({ root: path.resolve(here, '..'), configFile: path.resolve(here, '../vite.config.ts'), logLevel: 'warn', server: { port: 0, host: '127.0.0.1' } });
  await vite.listen();
  base = vite.resolvedUrls.local[0];
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--autoplay-policy=no-user-gesture-required'] });
});

after(async () => {
  await browser?.close();
  await vite?.close();
});

async function open(query) {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  page.setDefaultTimeout(60_000);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${base}e2e/canvas/index.html?${query}`);
  return { page, errors };
}

/** The canvas's box on the page and the image-to-screen mapping the tool starts with (fitViewport). */
async function stageOf(page, name = 'objects') {
  const wrap = page.getByTestId(`image-${name}`);
  await wrap.locator('canvas').first().waitFor();
  const box = await wrap.locator('.konvajs-content').boundingBox();
  const scale = Math.min(1, (box.width - 16) / W, (box.height - 16) / H);
  const ox = box.x + (box.width - W * scale) / 2;
  const oy = box.y + (box.height - H * scale) / 2;
  return { box, scale, at: (x, y) => [ox + x * scale, oy + y * scale] };
}

const result = (page) => page.evaluate(() => window.__result);

describe('media tools in Chromium', () => {
  it('draws a box, labels it by key, sets an attribute; undo and redo', async () => {
    const { page, errors } = await open('type=boxes');
    const s = await stageOf(page);
    await page.keyboard.press('d');
    await page.mouse.move(...s.at(100, 100));
    await page.mouse.down();
    await page.mouse.move(...s.at(300, 250), { steps: 5 });
    await page.mouse.up();
    let r = await result(page);
    assert.equal(r.objects.length, 1);
    const b = r.objects[0];
    assert.equal(b.label, 'car');
    // within a few screen pixels of where the mouse went
    assert.ok(Math.abs(b.x - 100) < 10 && Math.abs(b.y - 100) < 10 && Math.abs(b.w - 200) < 10 && Math.abs(b.h - 150) < 10, JSON.stringify(b));
    await page.keyboard.press('2');
    await page.getByTestId('attr-objects-occluded').check();
    r = await result(page);
    assert.equal(r.objects[0].label, 'person');
    assert.deepEqual(r.objects[0].attributes, { occluded: true });
    await page.keyboard.press('Control+z');
    assert.equal((await result(page)).objects[0].attributes, undefined);
    await page.keyboard.press('Control+Shift+z');
    assert.deepEqual((await result(page)).objects[0].attributes, { occluded: true });
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('draws a polygon by clicks and closes it with F; a vertex is added on an edge by double-click', async () => {
    const { page, errors } = await open('type=polygons');
    const s = await stageOf(page);
    await page.keyboard.press('d');
    for (const [x, y] of [[200, 200], [600, 200], [600, 500], [200, 500]]) await page.mouse.click(...s.at(x, y));
    await page.keyboard.press('f');
    let r = await result(page);
    assert.equal(r.objects.length, 1);
    assert.equal(r.objects[0].points.length, 4);
    await page.keyboard.press('v');
    await page.mouse.dblclick(...s.at(400, 200));
    r = await result(page);
    assert.equal(r.objects[0].points.length, 5, JSON.stringify(r.objects[0].points));
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('key points: one click per label, with the skeleton', async () => {
    const { page, errors } = await open('type=keypoints');
    const s = await stageOf(page);
    await page.keyboard.press('d');
    for (const [x, y] of [[500, 100], [500, 300], [500, 600]]) await page.mouse.click(...s.at(x, y));
    const r = await result(page);
    assert.deepEqual(r.objects.map((p) => p.label), ['head', 'neck', 'hip']);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('stays smooth with 1,000 boxes: frame time while one is dragged', async () => {
    const { page, errors } = await open('type=boxes&n=1000');
    const s = await stageOf(page);
    await page.keyboard.press('v');
    // The box #0 is at (10, 10) 40 × 30: select it, then drag it across the image.
    const [sx, sy] = s.at(30, 25);
    await page.mouse.click(sx, sy);
    await page.evaluate(() => {
      const w = window;
      w.__frames = [];
      let last = performance.now();
      const tick = (t) => {
        w.__frames.push(t - last);
        last = t;
        if (!w.__stop) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await page.mouse.move(sx, sy);
    await page.mouse.down();
    const steps = 120;
    for (let i = 1; i <= steps; i++) await page.mouse.move(sx + (i * 600 * s.scale) / steps, sy + (i * 300 * s.scale) / steps);
    await page.mouse.up();
    const frames = await page.evaluate(() => {
      window.__stop = true;
      return window.__frames.slice(1);
    });
    const sorted = [...frames].sort((a, b) => a - b);
    const q = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    const fig = { frames: frames.length, median: q(0.5), p95: q(0.95), max: sorted[sorted.length - 1] };
    console.log(`canvas with 1,000 boxes, dragging one: ${fig.frames} frames, median ${fig.median.toFixed(1)} ms, p95 ${fig.p95.toFixed(1)} ms, max ${fig.max.toFixed(1)} ms`);
    const r = await result(page);
    assert.equal(r.objects.length, 1000);
    assert.ok(r.objects[0].x > 500, `the box moved: ${JSON.stringify(r.objects[0])}`);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('speech: a segment dragged on the waveform, a speaker key, a Korean transcript through the IME', async () => {
    const { page, errors } = await open('type=segments');
    const wave = page.getByTestId('segments-speech').locator('.waveform');
    await wave.waitFor();
    // wavesurfer draws in a shadow root under the container.
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="segments-speech"] .waveform > div')].some((d) => d.shadowRoot?.querySelector('canvas')));
    await page.keyboard.press('2');
    const box = await wave.boundingBox();
    await page.mouse.move(box.x + box.width * 0.2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 8 });
    await page.mouse.up();
    await page.getByTestId('transcript-speech-0').waitFor();
    let r = await result(page);
    assert.equal(r.speech.length, 1);
    assert.equal(r.speech[0].label, 'B');
    assert.ok(Math.abs(r.speech[0].start - 0.6) < 0.15 && Math.abs(r.speech[0].end - 1.5) < 0.15, JSON.stringify(r.speech[0]));

    const box2 = page.getByTestId('transcript-speech-0');
    await box2.click();
    const cdp = await page.context().newCDPSession(page);
    const compose = (text) => cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
    // ㅇ → 아 → 안 (commit) → ㄴ → 녀 → 녕: mid-syllable the answer keeps the last whole text, and Enter (keyCode 229,
    // the IME's) and Space do nothing to the page
    await compose('ㅇ');
    await compose('아');
    await compose('안');
    await cdp.send('Input.insertText', { text: '안' });
    await compose('ㄴ');
    await compose('녀');
    assert.equal((await result(page)).speech[0].transcript, '안', 'nothing reaches the answer mid-syllable');
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 229 });
    await compose('녕');
    await cdp.send('Input.insertText', { text: '녕' });
    await cdp.detach();
    r = await result(page);
    assert.equal(r.speech[0].transcript, '안녕', JSON.stringify(r.speech[0]));
    assert.equal(r.speech.length, 1);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
