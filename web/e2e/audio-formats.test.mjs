// FLAC and Ogg Vorbis on the speech screen, against the real jar (issue 10): a manager imports a real FLAC and a real
// Ogg Vorbis file (src/test/resources/media, see the README there) into two speech projects; the labeler opens each
// task, the waveform draws from the server's peaks with the file's duration, and Play really plays the file served as
// audio/flac or audio/ogg (Chromium's media element decodes it: the clock moves). The server-side checks of these
// formats are FlacOggTest's.
//
// Run: node --test e2e/audio-formats.test.mjs (needs ../target/labelcrew.jar or LABELCREW_JAR, and Chromium).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { adminCreates, currentTaskId, onFailureDump, openProject, signedIn, start, stop } from './harness.mjs';
import { api, importZip, zip } from './media-kit.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = (name) => readFileSync(path.join(here, '..', '..', 'src', 'test', 'resources', 'media', name));
const USERS = {
  manager: { username: 'audio-manager', displayName: '음원매니저', role: 'Manager' },
  labeler: { username: 'audio-labeler', displayName: '음원작업', role: 'Labeler' },
};

before(() => start('labelcrew-e2e-audio-'));
after(() => stop());

test('a FLAC and an Ogg Vorbis file draw their waveform and play on the speech screen', { timeout: 600_000 }, async () => {
  const pages = {};
  await onFailureDump(pages, async () => {
    await adminCreates(pages, Object.values(USERS));
    const mp = await signedIn(pages, 'manager', USERS.manager.username);
    const accounts = (await api(mp, 'GET', '/accounts?limit=100')).items;
    const labelerId = accounts.find((a) => a.username === USERS.labeler.username).id;
    const schema = { fields: [{ name: 'speech', type: 'segments', labels: ['A', 'B'], transcript: true }] };
    const cases = [
      { name: '음원 FLAC', file: 'bloop2.flac', type: 'audio/flac', duration: '0:00.41' },
      { name: '음원 Ogg', file: 'sweep.ogg', type: 'audio/ogg', duration: '0:04.73' },
    ];
    for (const c of cases) {
      c.project = await api(mp, 'POST', '/projects', { name: c.name, schema });
      await api(mp, 'PUT', `/projects/${c.project.id}/members/${labelerId}`, { role: 'LABELER' });
      await importZip(mp, c.project.id, 'audio-zip', `${c.file}.zip`, zip([[c.file, fixture(c.file)]]));
    }

    const lp = await signedIn(pages, 'labeler', USERS.labeler.username);
    await openProject(lp, cases[0].name);
    await lp.getByRole('link', { name: '라벨링 시작' }).click();
    for (const c of cases) {
      // the audio itself (not its ?variant=peaks), as the media element asks for it
      const served = lp.waitForResponse((r) => /\/api\/v1\/media\/\d+$/.test(new URL(r.url()).pathname) && !r.url().includes('variant'), { timeout: 30_000 });
      await lp.goto(lp.url().replace(/\/projects\/\d+/, `/projects/${c.project.id}`));
      await currentTaskId(lp, 'no-more-tasks');
      await lp.waitForFunction(() => [...document.querySelectorAll('[data-testid="segments-speech"] .waveform > div')].some((d) => d.shadowRoot?.querySelector('canvas')));
      await lp.waitForFunction((d) => document.querySelector('[data-testid="time-speech"]').textContent.includes(`/ ${d}`), c.duration, { timeout: 15_000 });
      assert.match(await lp.getByTestId('time-speech').textContent(), /^0:00\.00 \//, c.file);
      assert.equal((await served).headers()['content-type'], c.type, c.file);
      await lp.getByTestId('play-speech').click();
      // the clock moves only while the browser decodes and plays the served file
      await lp.waitForFunction(() => !document.querySelector('[data-testid="time-speech"]').textContent.startsWith('0:00.00'), null, { timeout: 15_000 });
      const err = await lp.evaluate(() => [...document.querySelectorAll('audio, video')].map((m) => m.error?.code ?? null));
      assert.ok(err.every((e) => e === null), `${c.file}: media error ${JSON.stringify(err)}`);
    }
  });
});
