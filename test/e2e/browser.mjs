/**
 * The end-to-end suite's browser: Debian's Chromium driven by playwright-core, one persistent context in a
 * fresh profile per test file, the preview served by scripts/e2e.mjs at E2E_BASE_URL. Any page error or
 * console error (other than the missing favicon) fails the test that caused it.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';

export const BASE_URL = process.env.E2E_BASE_URL ?? '';
export const SCREENSHOTS = resolve(fileURLToPath(new URL('./screenshots', import.meta.url)));
export const VALID_ID = '11010519491231002X';
const FLAGS = CHROMIUM_FLAGS;
const FAKE_CAMERA = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];

/** Opens Chromium; `camera: true` gives it Chromium's fake camera (a moving test pattern). */
export async function openBrowser({ camera = false } = {}) {
  assert.ok(BASE_URL, 'E2E_BASE_URL is not set: run the suite with `node scripts/e2e.mjs`.');
  mkdirSync(SCREENSHOTS, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'fv-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: camera ? [...FLAGS, ...FAKE_CAMERA] : FLAGS,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
  });
  // Every data-status change, in order: so a test can wait for the outcome of its own action, even when the
  // page passes through that status (failed → capturing → failed) faster than a poll would see.
  await context.addInitScript(() => {
    window.__fvStatuses = [];
    new MutationObserver((records) => {
      for (const record of records) window.__fvStatuses.push(record.target.getAttribute('data-status'));
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-status'] });
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(10_000);
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) problems.push(`console error: ${message.text()}`);
  });
  return {
    page,
    /** Fails when the page reported an error since the last call. */
    assertNoPageErrors() {
      const found = problems.splice(0);
      assert.deepEqual(found, [], found.join('\n'));
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Opens the verification page (hash route, so each query is a fresh page load). */
export async function openVerification(page, query = '') {
  await page.goto('about:blank');
  await page.goto(`${BASE_URL}/#/pages/face-verify/index?speed=fast${query ? `&${query}` : ''}`);
  await page.waitForSelector('[data-status]:not([data-status="idle"]):not([data-status="probing"])');
}

export const statusOf = (page) => page.getAttribute('[data-status]', 'data-status');

/** Waits until the page root carries one of the statuses, and returns it. */
export async function waitForStatus(page, ...statuses) {
  const selector = statuses.map((status) => `[data-status="${status}"]`).join(', ');
  await page.waitForSelector(selector);
  return statusOf(page);
}

const FINAL = ['success', 'failed', 'cancelled', 'unsupported'];

/** Runs `action` and returns the first of `statuses` the page reaches after it. */
export async function outcomeOf(page, action, statuses = FINAL) {
  const before = await page.evaluate(() => window.__fvStatuses.length);
  await action();
  const handle = await page.waitForFunction(
    ([from, wanted]) => window.__fvStatuses.slice(from).find((status) => wanted.includes(status)),
    [before, statuses],
  );
  return handle.jsonValue();
}

/** Presses Tab until `selector` has focus (at most 30 times); fails otherwise. */
export async function tabTo(page, selector) {
  for (let i = 0; i < 30; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached ${selector}`);
}

export async function fillForm(page, name = '张三', idCardNumber = VALID_ID) {
  await page.fill('#fv-name input', name);
  await page.fill('#fv-id-card input', idCardNumber);
}

/** Fills the form, presses start, and returns where the flow ends. */
export async function fillAndStart(page, name, idCardNumber) {
  await fillForm(page, name, idCardNumber);
  return outcomeOf(page, () => page.click('#fv-start'));
}

/** Fills the form and presses start without waiting for the outcome (to look at the capture under way). */
export async function fillAndStartCapture(page) {
  await fillForm(page);
  await page.click('#fv-start');
}

/** The visible text of an element, or '' when absent. */
export async function textOf(page, selector) {
  const element = await page.$(selector);
  return element ? (await element.innerText()).trim() : '';
}

/**
 * Saves test/e2e/screenshots/<name>.png: the whole page (Taro H5 scrolls inside its own page element, so
 * the viewport is stretched to the page for the shot), or the viewport for the full-screen capture view.
 */
export async function screenshot(page, name) {
  const path = join(SCREENSHOTS, `${name}.png`);
  if (await page.$('#fv-capture')) return page.screenshot({ path });
  const viewport = page.viewportSize();
  const height = await page.$eval('[data-status]', (root) => Math.ceil(root.getBoundingClientRect().height));
  await page.setViewportSize({ width: viewport.width, height: Math.max(height, viewport.height) });
  try {
    await page.screenshot({ path });
  } finally {
    await page.setViewportSize(viewport);
  }
}
