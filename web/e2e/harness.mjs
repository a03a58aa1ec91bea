// The e2e harness shared by every e2e/*.test.mjs: the real jar on a free port with a fresh data directory, Debian's
// Chromium through playwright-core, one browser context per person, and the helpers the screens need.
// Not a test file itself (node --test picks up *.test.mjs only).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const JAR = path.resolve(here, '..', process.env.LABELCREW_JAR ?? '../target/labelcrew.jar');
export const ADMIN_PASSWORD = 'e2e-Admin-Passw0rd!';
export const PASSWORD = 'e2e-Crew-Passw0rd!';
const HEALTH_TIMEOUT_MS = Number(process.env.E2E_HEALTH_TIMEOUT_MS ?? 120_000);
export const STEP_TIMEOUT_MS = 20_000;
export const KO = { username: '아이디', password: '비밀번호', submit: '로그인' };
export const EN = { username: 'Username', password: 'Password', submit: 'Sign in' };

/** Everything one test file's run holds: the server, its data directory, the browser, the base URL. */
export const env = { server: null, serverLog: null, dataDir: null, browser: null, base: null };

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export function logTail(n = 60) {
  try {
    return readFileSync(env.serverLog, 'utf8').split('\n').slice(-n).join('\n');
  } catch {
    return '(no server log)';
  }
}

async function waitForHealth(url, proc) {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`the server exited with ${proc.exitCode} before it was healthy:\n${logTail()}`);
    try {
      const res = await fetch(url);
      const body = await res.json().catch(() => ({}));
      if (body.status === 'UP') return;
      last = `${res.status} ${JSON.stringify(body)}`;
    } catch (e) {
      last = String(e?.cause?.code ?? e);
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`the server was not healthy after ${HEALTH_TIMEOUT_MS / 1000} s (last: ${last}):\n${logTail()}`);
}

/** Starts the jar and Chromium (call from `before`). A missing jar or browser fails: this never skips. */
export async function start(prefix = 'labelcrew-e2e-') {
  assert.ok(existsSync(CHROMIUM), `Chromium is missing at ${CHROMIUM}. Install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH. This test does not skip.`);
  assert.ok(existsSync(JAR), `The application jar is missing at ${JAR}. Build it first: ./mvnw -Dskip.e2e=true -DskipTests package (or set LABELCREW_JAR).`);
  env.dataDir = mkdtempSync(path.join(tmpdir(), prefix));
  env.serverLog = path.join(env.dataDir, 'server.log');
  const port = await freePort();
  env.base = `http://127.0.0.1:${port}`;
  const out = openSync(env.serverLog, 'a');
  env.server = spawn('java', ['-jar', JAR], {
    env: { ...process.env, SERVER_PORT: String(port), LABELCREW_DATA_DIR: path.join(env.dataDir, 'data'), LABELCREW_ADMIN_PASSWORD: ADMIN_PASSWORD },
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  process.on('exit', () => {
    if (env.server && env.server.exitCode === null) env.server.kill('SIGKILL');
  });
  await waitForHealth(`${env.base}/actuator/health`, env.server);
  env.browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Closes the browser, stops the server (SIGTERM, so the embedded PostgreSQL stops cleanly) and cleans up. */
export async function stop() {
  await env.browser?.close().catch(() => {});
  const server = env.server;
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    const timer = setTimeout(() => server.exitCode === null && server.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
  }
  if (env.dataDir && !process.env.E2E_KEEP) rmSync(env.dataDir, { recursive: true, force: true });
  else if (env.dataDir) console.log(`kept ${env.dataDir}`);
}

/** One person in their own browser context (own cookies), in the given browser language. */
export async function person(locale) {
  const context = await env.browser.newContext({ locale, acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`[${locale} page error]`, e));
  return { context, page };
}

/** Passwords people chose for themselves at their first sign-in (username → password). */
const ownPasswords = new Map();

export async function login(page, username, password, labels) {
  const current = ownPasswords.get(username) ?? password;
  await page.goto(`${env.base}/#/login`);
  await page.getByLabel(labels.username, { exact: true }).fill(username);
  await page.getByLabel(labels.password, { exact: true }).fill(current);
  await page.getByRole('button', { name: labels.submit, exact: true }).click();
  await page.getByTestId('current-user').waitFor();
  // An account an administrator made asks its owner for their own password first (issue 13); the form shows with
  // the signed-in header, in the same render.
  const form = page.getByTestId('change-password-form');
  if (await form.isVisible()) {
    const own = `${current}-own`;
    const fields = form.locator('input[type="password"]');
    await fields.nth(0).fill(current);
    await fields.nth(1).fill(own);
    await fields.nth(2).fill(own);
    await form.getByTestId('change-password-submit').click();
    await form.waitFor({ state: 'detached' });
    ownPasswords.set(username, own);
  }
}

/** The administrator (English UI) creates each user with one role: users = [{username, displayName, role}]. */
export async function createAccounts(adminPage, users) {
  await adminPage.getByRole('link', { name: 'Accounts', exact: true }).click();
  for (const u of users) {
    const form = adminPage.getByTestId('create-account-form');
    await form.getByLabel('Username', { exact: true }).fill(u.username);
    await form.getByLabel('Display name', { exact: true }).fill(u.displayName);
    await form.getByLabel('Password', { exact: true }).fill(PASSWORD);
    for (const role of ['Labeler', 'Reviewer', 'Manager']) {
      await form.getByRole('checkbox', { name: role, exact: true }).setChecked(role === u.role);
    }
    await form.getByRole('button', { name: 'Create', exact: true }).click();
    await form.getByRole('status').filter({ hasText: `Account ${u.username} created` }).waitFor();
    await adminPage.getByTestId(`account-row-${u.username}`).waitFor();
  }
}

export async function openProject(page, name) {
  await page.goto(`${env.base}/#/projects`);
  await page.getByRole('link', { name, exact: true }).click();
  await page.getByTestId('project-title').filter({ hasText: name }).waitFor();
}

/** The task id on the work screen, or null when the screen says there is nothing left. */
export async function currentTaskId(page, emptyTestId) {
  const card = page.locator('[data-task-id]');
  const empty = page.getByTestId(emptyTestId);
  await card.or(empty).first().waitFor();
  if (await empty.isVisible()) return null;
  return card.getAttribute('data-task-id');
}

export async function waitForTaskChange(page, previousId, emptyTestId) {
  await page.waitForFunction(
    ([prev, emptyId]) => {
      if (document.querySelector(`[data-testid="${emptyId}"]`)) return true;
      const card = document.querySelector('[data-task-id]');
      return !!card && card.getAttribute('data-task-id') !== prev && !document.querySelector('[role="status"].loading');
    },
    [previousId, emptyTestId],
    { timeout: STEP_TIMEOUT_MS },
  );
}

/** Waits for a background job shown in `panel` to finish; an error box or a FAILED job fails with its words. */
export async function waitForJobDone(panel, jobTestId, timeout = 60_000) {
  const done = panel.locator(`[data-testid="${jobTestId}"][data-status="DONE"]`);
  const failed = panel.locator(`[data-testid="${jobTestId}"][data-status="FAILED"]`);
  const alert = panel.getByRole('alert');
  await done.or(failed).or(alert).first().waitFor({ timeout });
  if (await done.isVisible()) return;
  const words = (await alert.or(failed).first().innerText().catch(() => '')).replace(/\s+/g, ' ');
  assert.fail(`${jobTestId} did not finish: ${words}`);
}

const CONTROL_ROLES = new Set(['button', 'link', 'textbox', 'combobox', 'checkbox', 'radio', 'spinbutton', 'tab', 'progressbar', 'slider', 'listbox', 'searchbox']);

/** Every control on the screen has an accessible name, as Chromium computes it for screen readers. */
export async function assertControlsNamed(page, where) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const unnamed = nodes.filter((n) => !n.ignored && CONTROL_ROLES.has(n.role?.value) && !String(n.name?.value ?? '').trim()).map((n) => n.role.value);
    assert.deepEqual(unnamed, [], `${where}: controls without an accessible name`);
  } finally {
    await cdp.detach();
  }
}

/** Checks the accessible names; E2E_SCREENSHOTS=<dir> also keeps a picture of the screen. */
export async function shot(page, name) {
  await assertControlsNamed(page, name);
  const dir = process.env.E2E_SCREENSHOTS;
  if (dir) await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/** Runs `fn`; on failure saves a screenshot per person into the data directory and prints the server log's tail. */
export async function onFailureDump(pages, fn) {
  try {
    await fn();
  } catch (e) {
    for (const [who, page] of Object.entries(pages)) {
      if (!page) continue;
      const file = path.join(env.dataDir, `failure-${who}.png`);
      await page.screenshot({ path: file, fullPage: true }).catch(() => {});
      console.error(`[${who}] at ${page.url()}; screenshot ${file}`);
    }
    console.error(`--- server log (tail) ---\n${logTail(40)}`);
    throw e;
  }
}

/** The administrator signs in (English UI) and creates the people of a test; `pages` keeps each page for the failure dump. */
export async function adminCreates(pages, users) {
  const admin = await person('en-US');
  pages.admin = admin.page;
  await login(admin.page, 'admin', ADMIN_PASSWORD, EN);
  await createAccounts(admin.page, users);
  return admin.page;
}

/** One person signs in from a Korean browser (so the UI is Korean); the page is kept as `pages[key]`. */
export async function signedIn(pages, key, username) {
  const p = await person('ko-KR');
  pages[key] = p.page;
  await login(p.page, username, PASSWORD, KO);
  return p.page;
}

/** Signs in, opens the project and follows the link to a work queue ('라벨링 시작', '검수 시작'). */
export async function openQueue(pages, key, username, projectName, linkName) {
  const page = await signedIn(pages, key, username);
  await openProject(page, projectName);
  await page.getByRole('link', { name: linkName }).click();
  return page;
}

/** On the project page (Korean UI): adds each `[user, '작업자' | '검수자']` as a member and checks the role shown. */
export async function addMembers(page, members) {
  await page.getByRole('tab', { name: '참여자' }).click();
  for (const [u, role] of members) {
    await page.getByLabel('계정', { exact: true }).selectOption({ label: `${u.username} (${u.displayName})` });
    await page.getByLabel('역할', { exact: true }).selectOption({ label: role });
    await page.getByRole('button', { name: '추가', exact: true }).click();
    await page.getByTestId(`member-${u.username}`).waitFor();
    assert.equal(await page.getByLabel(`${u.username}의 역할`).inputValue(), role === '작업자' ? 'LABELER' : 'REVIEWER');
  }
}

/** Writes `rows` as a JSONL file in the data directory and imports it on the project page; waits for the job's end. */
export async function importJsonl(page, fileName, rows) {
  const file = path.join(env.dataDir, fileName);
  writeFileSync(file, rows.map((o) => JSON.stringify(o)).join('\n') + '\n');
  await page.getByRole('tab', { name: '가져오기·내보내기' }).click();
  await page.getByLabel('파일', { exact: true }).setInputFiles(file);
  assert.equal(await page.getByLabel('형식', { exact: true }).inputValue(), 'jsonl', 'the format follows the file name');
  await page.getByRole('button', { name: '업로드', exact: true }).click();
  await waitForJobDone(page.getByTestId('import-panel'), 'import-job');
}

/** Saves a download in the data directory and returns its non-empty lines. */
export async function downloadLines(page, trigger, fileName) {
  const [download] = await Promise.all([page.waitForEvent('download'), trigger.click()]);
  const file = path.join(env.dataDir, fileName);
  await download.saveAs(file);
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim());
}
