/**
 * Layouts that survive large text in real Chromium: elder mode at 390 px and at 200% zoom (half the CSS width),
 * a 32 px root and a 320 px screen. Measured on the elements themselves (Taro's H5 scrolls inside its own page
 * element, so documentElement.scrollWidth says nothing): no input clips its text, nothing lies off the sides,
 * and in elder mode no visible text under 18 px, titles of 30 px, line heights of 1.3, controls of 60 × 60 px.
 * Saves the elder-mode screenshots in both languages.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BASE_URL, fillForm, openBrowser, openVerification, outcomeOf, screenshot, waitForStatus } from './browser.mjs';

let browser;
before(async () => {
  browser = await openBrowser();
});
after(async () => {
  await browser?.close();
});

/**
 * Everything measured in one pass in the page: `zoom` turns CSS px into the px a reader sees (200% zoom shows
 * each CSS px twice as large).
 */
function measure(page, zoom = 1) {
  return page.evaluate((zoom) => {
    const root = document.querySelector('[data-status]');
    const scope = document.getElementById('fv-capture') ?? root;
    const visible = (node) => {
      const rect = node.getBoundingClientRect();
      const style = getComputedStyle(node);
      return rect.width > 0 && rect.height > 0 && style.visibility !== 'hidden' && !node.closest('[aria-hidden="true"]') && rect.width > 1;
    };
    const describe = (node) =>
      `${node.tagName.toLowerCase()}${node.id ? `#${node.id}` : ''} "${(node.textContent ?? '').trim().slice(0, 24)}"`;
    const texts = [];
    const walker = document.createTreeWalker(scope, 4 /* NodeFilter.SHOW_TEXT */);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || !node.textContent.trim() || !visible(parent)) continue;
      // Skip the live regions (1 px, read by screen readers only) and closed <details> content.
      if (parent.closest('[role="status"], [role="alert"]') || parent.closest('details:not([open]) > :not(summary)')) continue;
      const style = getComputedStyle(parent);
      const size = parseFloat(style.fontSize);
      const line = style.lineHeight === 'normal' ? 1.2 * size : parseFloat(style.lineHeight);
      texts.push({ what: describe(parent), px: size * zoom, lineRatio: line / size });
    }
    for (const input of scope.querySelectorAll('input:not([type="checkbox"])')) {
      if (visible(input)) texts.push({ what: describe(input), px: parseFloat(getComputedStyle(input).fontSize) * zoom, lineRatio: 1.5 });
    }
    const controls = [
      ...scope.querySelectorAll('[role="button"], button, select, summary, [data-fv-field]'),
      ...[...scope.querySelectorAll('input[type="checkbox"]')].map((box) => box.closest('label')),
    ]
      .filter((node) => node && visible(node))
      .map((node) => {
        const rect = node.getBoundingClientRect();
        return { what: describe(node), width: rect.width * zoom, height: rect.height * zoom };
      });
    const clipped = [...scope.querySelectorAll('input')].filter((input) => input.scrollWidth > input.clientWidth + 1).map(describe);
    const offscreen = [...scope.querySelectorAll('*')]
      .filter((node) => visible(node) && !node.closest('[role="status"], [role="alert"]'))
      .filter((node) => {
        const rect = node.getBoundingClientRect();
        return rect.left < -1 || rect.right > window.innerWidth + 1;
      })
      .map(describe);
    const title = document.querySelector('[data-fv-heading="1"]');
    return {
      smallestText: texts.reduce((a, b) => (b.px < a.px ? b : a), { px: Infinity }),
      tightestLine: texts.reduce((a, b) => (b.lineRatio < a.lineRatio ? b : a), { lineRatio: Infinity }),
      smallestControl: controls.reduce((a, b) => (Math.min(b.width, b.height) < Math.min(a.width, a.height) ? b : a), {
        width: Infinity,
        height: Infinity,
      }),
      titlePx: title ? parseFloat(getComputedStyle(title).fontSize) * zoom : 0,
      clipped,
      offscreen: offscreen.slice(0, 5),
    };
  }, zoom);
}

function assertFits(measured, label) {
  assert.deepEqual(measured.clipped, [], `${label}: an input clips its text`);
  assert.deepEqual(measured.offscreen, [], `${label}: something lies off the side`);
}

function assertElderNumbers(measured, label) {
  assert.ok(measured.smallestText.px >= 18, `${label}: text under 18 px: ${JSON.stringify(measured.smallestText)}`);
  assert.ok(measured.tightestLine.lineRatio >= 1.3, `${label}: line height under 1.3: ${JSON.stringify(measured.tightestLine)}`);
  const control = measured.smallestControl;
  assert.ok(Math.min(control.width, control.height) >= 60, `${label}: a control under 60 × 60 px: ${JSON.stringify(control)}`);
}

/** The elder-mode figures, logged for the docs. */
const figures = [];

async function walkScreens(page, query, label, { zoom = 1, elderly = false } = {}) {
  await openVerification(page, query);
  await fillForm(page);
  const form = await measure(page, zoom);
  assertFits(form, `${label}, form`);
  if (elderly) {
    assertElderNumbers(form, `${label}, form`);
    assert.ok(form.titlePx >= 30, `${label}: the title is ${form.titlePx} px`);
  }
  figures.push({ label: `${label}, form`, text: form.smallestText.px, control: form.smallestControl, title: form.titlePx });
  assert.equal(await outcomeOf(page, () => page.click('#fv-start')), 'failed');
  const failed = await measure(page, zoom);
  assertFits(failed, `${label}, failure with the masked identity`);
  if (elderly) assertElderNumbers(failed, `${label}, failure`);
}

describe('elder mode', () => {
  for (const locale of ['zh-CN', 'en']) {
    test(`${locale} at 390 px: 18 px text, 30 px title, 60 px controls, nothing clipped; screenshots`, async () => {
      const { page } = browser;
      await walkScreens(page, `scenario=capture-error&elderly=1&locale=${locale}`, `elder ${locale} 390`, { elderly: true });
      assert.equal(await page.getAttribute('[data-status]', 'data-elderly'), 'true');
      await screenshot(page, `elder-${locale}-failed`);
      await openVerification(page, `scenario=success&elderly=1&locale=${locale}`);
      await fillForm(page);
      await screenshot(page, `elder-${locale}-form`);
      assert.equal(await outcomeOf(page, () => page.click('#fv-start')), 'success');
      assertElderNumbers(await measure(page), `elder ${locale} success`);
      browser.assertNoPageErrors();
    });

    test(`${locale} at 200% zoom (195 CSS px): the same numbers as seen, nothing clipped or off screen`, async () => {
      const { page } = browser;
      await page.setViewportSize({ width: 195, height: 422 });
      try {
        await walkScreens(page, `scenario=capture-error&elderly=1&locale=${locale}`, `elder ${locale} 200%`, { zoom: 2, elderly: true });
        browser.assertNoPageErrors();
      } finally {
        await page.setViewportSize({ width: 390, height: 844 });
      }
    });
  }

  test('one action per screen; the switch in the preview bar turns it on and off', async () => {
    const { page } = browser;
    await openVerification(page, 'scenario=camera-denied');
    assert.ok(await page.$('#fv-open-settings'), 'normal mode: the notice offers settings');
    await page.check('#fv-preview-elderly');
    await page.waitForSelector('[data-elderly="true"]');
    assert.equal(await page.$('#fv-open-settings'), null, 'elder mode: the form has one action, start');
    await fillForm(page);
    assert.equal(await outcomeOf(page, () => page.click('#fv-start')), 'failed');
    const actions = await page.$$eval('[data-screen] [role="button"]', (nodes) => nodes.map((node) => node.id));
    assert.deepEqual(actions, ['fv-open-settings']);
    await page.uncheck('#fv-preview-elderly');
    await page.waitForSelector('[data-status]:not([data-elderly])');
  });
});

describe('large text without elder mode', () => {
  test('a 32 px root: the ID number fully visible, the masked ID wraps, nothing off screen', async () => {
    const { page } = browser;
    await openVerification(page, 'scenario=capture-error');
    await page.addStyleTag({ content: '[data-status] { --fv-font-size: 32px; }' });
    await fillForm(page);
    assertFits(await measure(page), '32 px root, form');
    assert.equal(await outcomeOf(page, () => page.click('#fv-start')), 'failed');
    assertFits(await measure(page), '32 px root, failure');
    await screenshot(page, 'text-32px-failed');
  });

  test('320 px wide and at 200% zoom: the form and the failure fit', async () => {
    const { page } = browser;
    for (const width of [320, 195]) {
      await page.setViewportSize({ width, height: 640 });
      try {
        await walkScreens(page, 'scenario=capture-error', `${width} px`);
      } finally {
        await page.setViewportSize({ width: 390, height: 844 });
      }
    }
  });

  test('the simulated capture at 200% zoom and 32 px: a round circle, Cancel reachable', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 195, height: 422 });
    try {
      await page.goto('about:blank');
      await page.goto(`${BASE_URL}/#/pages/face-verify/index?scenario=no-screen-flash&elderly=1`);
      await waitForStatus(page, 'ready');
      await page.addStyleTag({ content: '[data-status] { --fv-font-size: 32px; }' });
      await fillForm(page);
      await page.click('#fv-start');
      await page.waitForSelector('#fv-capture');
      const circle = await page.$eval('#fv-capture [data-camera]', (node) => node.parentElement.getBoundingClientRect().toJSON());
      assert.ok(circle.width > 40 && Math.abs(circle.width - circle.height) < 1, `the circle is ${circle.width} × ${circle.height}`);
      assertFits(await measure(page, 2), 'capture at 200%');
      await page.$eval('#fv-cancel', (node) => node.scrollIntoView({ block: 'nearest' }));
      const cancel = await page.$eval('#fv-cancel', (node) => node.getBoundingClientRect().toJSON());
      assert.ok(cancel.top >= 0 && cancel.bottom <= 422, 'Cancel can be scrolled into view');
      assert.equal(await outcomeOf(page, () => page.click('#fv-cancel')), 'cancelled');
    } finally {
      await page.setViewportSize({ width: 390, height: 844 });
    }
  });
});

after(() => {
  // The measured figures, for the docs and the report.
  console.log(JSON.stringify(figures, null, 1));
});
