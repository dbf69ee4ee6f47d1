/**
 * Accessibility in real Chromium: axe-core (WCAG 2.0 / 2.1, A and AA) on every screen of both simulated
 * platforms, in both languages, in normal and elder mode, with zero violations; the page used with the
 * keyboard alone; focus placed where the user reads next; status changes in live regions that were there first.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import { BASE_URL, fillForm, openBrowser, openVerification, outcomeOf, tabTo, textOf, VALID_ID, waitForStatus } from './browser.mjs';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const API = process.env.E2E_API ?? '';

let browser;
before(async () => {
  browser = await openBrowser();
});
after(async () => {
  await browser?.close();
});

/** Runs axe on the page as it is and fails listing every violation (rule, impact, the nodes' selectors). */
export async function assertNoAxeViolations(page, label) {
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const found = violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help}\n    ${violation.nodes
        .map((node) => `${node.target.join(' ')} ${node.failureSummary?.split('\n')[1] ?? ''}`)
        .join('\n    ')}`,
  );
  assert.deepEqual(found, [], `axe on ${label}:\n  ${found.join('\n  ')}`);
}

/** The screens a user can meet, per platform: how to reach each from a fresh page. */
const WECHAT = [
  ['form', 'scenario=success', null],
  ['form with notices', 'scenario=camera-denied', null],
  ['form errors', 'scenario=success', async (page) => page.click('#fv-start')],
  ['success', 'scenario=success', 'start'],
  ['failed', 'scenario=capture-error', 'start'],
  ['failed, settings', 'scenario=camera-denied', 'start'],
  ['cancelled', 'scenario=user-cancel', 'start'],
  ['unsupported', 'scenario=no-front-camera', null],
  ['unsupported, old WeChat', 'scenario=old-wechat', null],
];
const ALIPAY = [
  ['form', 'platform=alipay&scenario=success', null],
  ['success', 'platform=alipay&scenario=success', 'start'],
  ['failed', 'platform=alipay&scenario=not-passed', 'start'],
  ['cancelled', 'platform=alipay&scenario=user-cancel', 'start'],
  ['unsupported', 'platform=alipay&scenario=unsupported-client', null],
];
// With the demo server, Alipay runs only once it serves Alipay (as in alipay.test.mjs).
const alipayServed = async () => {
  if (!API) return true;
  try {
    const response = await fetch(`${API}/api/face/ticket`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ platform: 'alipay' }),
    });
    return response.ok && typeof (await response.json()).certifyId === 'string';
  } catch {
    return false;
  }
};
const withAlipay = await alipayServed();

async function reach(page, query, how) {
  await openVerification(page, query);
  if (how === 'start') {
    await fillForm(page);
    await outcomeOf(page, () => page.click('#fv-start'));
  } else if (how) await how(page);
}

for (const [platform, screens] of [
  ['WeChat', WECHAT],
  ['Alipay', ALIPAY],
]) {
  describe(`axe, ${platform}: zero WCAG 2.1 A/AA violations`, { skip: platform === 'Alipay' && !withAlipay }, () => {
    for (const locale of ['zh-CN', 'en']) {
      for (const elderly of [false, true]) {
        test(`${locale}${elderly ? ', elder mode' : ''}: every screen`, async () => {
          const { page } = browser;
          for (const [name, query, how] of screens) {
            await reach(page, `${query}&locale=${locale}${elderly ? '&elderly=1' : ''}`, how);
            await assertNoAxeViolations(page, `${platform} ${name} (${locale}${elderly ? ', elder' : ''})`);
          }
          browser.assertNoPageErrors();
        });
      }
    }
  });
}

describe('axe on the simulated capture (a modal dialog)', () => {
  for (const [query, label] of [
    ['scenario=no-screen-flash', 'read-number'],
    ['scenario=no-screen-flash&locale=en&elderly=1', 'read-number, English, elder mode'],
    ['scenario=success', 'screen flash'],
  ]) {
    test(label, async () => {
      const { page } = browser;
      await page.goto('about:blank');
      await page.goto(`${BASE_URL}/#/pages/face-verify/index?${query}`);
      await waitForStatus(page, 'ready');
      await fillForm(page);
      await page.click('#fv-start');
      await page.waitForSelector('#fv-capture');
      await assertNoAxeViolations(page, `capture ${label}`);
      await page.click('#fv-cancel');
      await waitForStatus(page, 'cancelled', 'success');
      browser.assertNoPageErrors();
    });
  }
});

describe('the keyboard alone', () => {
  test('Tab, typing and Enter verify; Space retries after a failure', async () => {
    const { page } = browser;
    await openVerification(page, 'scenario=capture-error');
    await tabTo(page, '#fv-name input');
    await page.keyboard.type('张三');
    await tabTo(page, '#fv-id-card input');
    await page.keyboard.type(VALID_ID);
    await tabTo(page, '#fv-start');
    assert.equal(await outcomeOf(page, () => page.keyboard.press('Enter')), 'failed');
    await tabTo(page, '#fv-retry');
    assert.equal(await outcomeOf(page, () => page.keyboard.press(' ')), 'success');
    browser.assertNoPageErrors();
  });

  test('every control shows a focus ring of 3:1 or more', async () => {
    const { page } = browser;
    await openVerification(page, 'scenario=capture-error');
    await tabTo(page, '#fv-name input');
    const ring = (selector) =>
      page.$eval(selector, (node) => {
        const style = getComputedStyle(node);
        return { outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2, shadow: style.boxShadow };
      });
    assert.notEqual((await ring('[data-fv-field="fv-name"]')).shadow, 'none', 'the focused field shows its ring');
    // A field in error still shows focus (the ring is not the error's red border).
    await page.keyboard.type('1');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await page.getAttribute('#fv-name input', 'aria-invalid'), 'true');
    assert.notEqual((await ring('[data-fv-field="fv-name"]')).shadow, 'none', 'a field in error shows focus too');
    await tabTo(page, '#fv-start');
    assert.ok((await ring('#fv-start')).outline, 'the start button shows an outline');
  });

  test('the capture dialog keeps focus inside; its countdown is in no live region', async () => {
    const { page } = browser;
    await page.goto('about:blank');
    await page.goto(`${BASE_URL}/#/pages/face-verify/index?scenario=no-screen-flash`);
    await waitForStatus(page, 'ready');
    await fillForm(page);
    await page.click('#fv-start');
    await page.waitForSelector('#fv-capture[role="dialog"][aria-modal="true"]');
    assert.ok(await page.getAttribute('#fv-capture', 'aria-label'));
    // Opening the dialog moves focus into it (once Taro's button inside can take it).
    await page.waitForFunction(() => document.getElementById('fv-capture')?.contains(document.activeElement));
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      assert.ok(
        await page.evaluate(() => document.getElementById('fv-capture').contains(document.activeElement)),
        'focus stays in the dialog',
      );
    }
    assert.equal(await page.$eval('#fv-countdown', (node) => node.closest('[aria-live]')), null);
    assert.equal(await outcomeOf(page, () => page.keyboard.press('Enter')), 'cancelled');
  });
});

describe('focus and announcements', () => {
  test('the live regions are there, empty, before a change, and get its words after', async () => {
    const { page } = browser;
    await openVerification(page, 'scenario=success');
    await page.evaluate(() => {
      window.__fvRegions = [document.querySelector('[role="status"]'), document.querySelector('[role="alert"]')];
    });
    assert.deepEqual(await page.evaluate(() => window.__fvRegions.map((node) => node?.textContent)), ['', '']);
    await fillForm(page);
    assert.equal(await outcomeOf(page, () => page.click('#fv-start')), 'success');
    const after = await page.evaluate(() => ({
      same: window.__fvRegions.every((node) => node.isConnected),
      status: window.__fvRegions[0].textContent,
    }));
    assert.equal(after.same, true, 'the same regions, not new ones');
    assert.match(after.status, /核验成功/);
  });

  test('a blocked start: focus on the first field in error, the alert says why', async () => {
    const { page } = browser;
    await openVerification(page);
    await page.fill('#fv-id-card input', VALID_ID);
    await page.click('#fv-start');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'fv-name-input');
    assert.match(await textOf(page, '[role="alert"]'), /姓名: 请输入姓名/);
  });

  test('tabbing past empty fields shows no error', async () => {
    const { page } = browser;
    await openVerification(page);
    await page.focus('#fv-name input');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    assert.equal(await page.$('#fv-name-error'), null);
    assert.equal(await page.$('#fv-id-card-error'), null);
  });

  test('a new screen puts focus on its heading', async () => {
    const { page } = browser;
    await openVerification(page, 'scenario=capture-error');
    await fillForm(page);
    assert.equal(await outcomeOf(page, () => page.click('#fv-start')), 'failed');
    await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'heading');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), '核验未完成');
  });

  test('the label and the whole field box focus the input', async () => {
    const { page } = browser;
    await openVerification(page);
    await page.click('#fv-id-card-label');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'fv-id-card-input');
    const box = await page.$eval('[data-fv-field="fv-name"]', (node) => node.getBoundingClientRect().toJSON());
    await page.mouse.click(box.right - 4, box.bottom - 4);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'fv-name-input');
  });

  test('the document’s language and title follow the locale', async () => {
    const { page } = browser;
    await openVerification(page, 'locale=en');
    await page.waitForFunction(() => document.title === 'Face verification');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    await openVerification(page);
    await page.waitForFunction(() => document.title === '人脸核身');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  });
});
