// The accessibility gate's checks, shared by a11y.test.mjs (text screens) and a11y-media.test.mjs (image and speech
// screens): axe-core (WCAG 2.1 A/AA; serious or critical fails), reflow at 320 CSS px, and `gate(page, name)` that runs
// both in the page's language and the other one. Findings collect in `problems`; each file asserts it is empty at its
// end. Not a test file itself (node --test picks up *.test.mjs only).
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { shot } from './harness.mjs';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
export const WIDE = { width: 1280, height: 900 };
export const NARROW = { width: 320, height: 900 }; // 1280 px at 400 % zoom
// E2E_A11Y_SCREENS=a,b checks only those screens (the walk and the keyboard path still run): quick while fixing one.
const ONLY = process.env.E2E_A11Y_SCREENS ? new Set(process.env.E2E_A11Y_SCREENS.split(',').map((x) => x.trim())) : null;
export const checked = [];
export const problems = []; // every screen's findings, reported together at the end

/** axe-core over the page as it stands: any serious or critical violation fails, naming the nodes. */
export async function axe(page, where) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const words = bad.map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.slice(0, 6).map((n) => `    ${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1, 2).join(' ').trim()}`).join('\n')}`);
  assert.deepEqual(words, [], `${where}: axe-core finds serious or critical WCAG 2.1 AA violations`);
}

/** At 320 CSS px the document must not scroll sideways; the message names the widest elements. */
export async function reflow(page, where) {
  await page.setViewportSize(NARROW);
  try {
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const over = await page.evaluate(() => {
      const root = document.documentElement;
      if (root.scrollWidth <= root.clientWidth) return null;
      // Inside a box that scrolls or clips (a wide table) is fine — unless positioned out of it (absolute, fixed).
      const inScrollBox = (el) => {
        if (['absolute', 'fixed'].includes(getComputedStyle(el).position)) return false;
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
          const ox = getComputedStyle(p).overflowX;
          if (ox === 'auto' || ox === 'scroll' || ox === 'hidden') return true;
        }
        return false;
      };
      const wide = [...document.body.querySelectorAll('*')]
        .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1 && !inScrollBox(el))
        .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}${el.dataset.testid ? `[data-testid=${el.dataset.testid}]` : ''} (${Math.round(el.getBoundingClientRect().right)} px)`);
      return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide: wide.slice(-8) };
    });
    assert.equal(over, null, `${where}: the page scrolls sideways at 320 px: ${JSON.stringify(over)}`);
  } finally {
    await page.setViewportSize(WIDE);
  }
}

/** The whole gate on the screen as it stands, in the page's language and then in the other one (and back). */
export async function gate(page, name) {
  if (ONLY && !ONLY.has(name)) return;
  const langOf = () => page.evaluate(() => document.documentElement.lang);
  const first = await langOf();
  const other = first === 'ko' ? 'en' : 'ko';
  // The language switch may take the focus; give it back, so the screen is checked in the state it was in.
  await page.evaluate(() => (window.__gateFocus = document.activeElement));
  const switchTo = async (lang) => {
    await page.getByTestId('lang-switch').selectOption(lang);
    await page.waitForFunction((l) => document.documentElement.lang === l, lang);
    await page.evaluate(() => window.__gateFocus?.focus?.());
  };
  for (const lang of [first, other]) {
    if (lang !== first) await switchTo(lang);
    for (const check of [axe, reflow]) {
      try {
        await check(page, `${name} (${lang})`);
      } catch (e) {
        if (!(e instanceof assert.AssertionError)) throw e;
        problems.push(e.message);
        console.error(e.message);
      }
    }
    if (process.env.E2E_SCREENSHOTS) await shot(page, `a11y-${name}-${lang}`); // axe already checks every control's name
  }
  await switchTo(first);
  checked.push(name);
}

/** Presses Tab until the focused element matches `selector` (keyboard only). */
export async function tabTo(page, selector, max = 80, key = 'Tab') {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press(key);
  }
  assert.fail(`Tab never reached ${selector}`);
}
