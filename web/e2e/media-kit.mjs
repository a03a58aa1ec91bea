// Shared by the media e2e files (media.test.mjs, media-export.test.mjs): small real media files made here without
// dependencies (a PNG, a WAV, a zip and a zip reader), the API from a signed-in page, and the canvas's mapping from
// image pixels to the page. Not a test file itself (node --test picks up *.test.mjs only).
import assert from 'node:assert/strict';
import { deflateSync, inflateRawSync } from 'node:zlib';

// ---- files made here: a PNG, a WAV and a zip (stored entries), without dependencies ----
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
export function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
/** A width × height RGB PNG: a gradient, its blue channel `blue` (so two images of one size differ). */
export function png(width, height, blue = 120) {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0;
    for (let x = 0; x < width; x++) {
      const o = y * (width * 3 + 1) + 1 + x * 3;
      raw[o] = (x * 255) / width;
      raw[o + 1] = (y * 255) / height;
      raw[o + 2] = blue;
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
export function wav(seconds, rate = 8000) {
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
export function zip(entries) {
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


/** The entries of a zip (stored or deflated), as a Map of name → Buffer: enough to read what an export wrote. */
export function unzip(buf) {
  let end = buf.length - 22;
  while (end >= 0 && buf.readUInt32LE(end) !== 0x06054b50) end--;
  assert.ok(end >= 0, 'a zip ends with its central directory');
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const out = new Map();
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(at), 0x02014b50, 'a central directory entry');
    const method = buf.readUInt16LE(at + 10);
    const packed = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLen);
    const dataAt = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(dataAt, dataAt + packed);
    out.set(name, method === 0 ? Buffer.from(data) : inflateRawSync(data));
    at += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

// ---- the API from a signed-in page (its session cookie and CSRF token) ----
export async function api(page, method, path, body) {
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

export async function importZip(page, projectId, format, fileName, bytes) {
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
export async function stageOf(page, name, W = 800, H = 600) {
  const wrap = page.getByTestId(`image-${name}`);
  await wrap.locator('canvas').first().waitFor();
  await wrap.scrollIntoViewIfNeeded(); // the mouse only reaches what is on screen
  const box = await wrap.locator('.konvajs-content').boundingBox();
  const scale = Math.min(1, (box.width - 16) / W, (box.height - 16) / H);
  const ox = box.x + (box.width - W * scale) / 2;
  const oy = box.y + (box.height - H * scale) / 2;
  // whole CSS pixels: the browser reports a pointer event at whole pixels, so a fraction would be cut off there
  return (x, y) => [Math.round(ox + x * scale), Math.round(oy + y * scale)];
}

export async function answersOf(managerPage, projectId) {
  const tasks = await api(managerPage, 'GET', `/projects/${projectId}/tasks`);
  const out = [];
  for (const t of tasks.items) out.push(await api(managerPage, 'GET', `/tasks/${t.id}`));
  return out;
}
