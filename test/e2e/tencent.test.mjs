/**
 * The preview on Tencent Cloud FaceID's H5 route (`?platform=tencent`) in real Chromium: start leaves the page
 * for the verification page, the new load resumes by itself, and every scenario ends on a clear screen with a way
 * on. Mock mode: the simulated verification page is this page again, with the token. Demo-server mode
 * (E2E_SERVER=1): the ticket comes from the demo backend's `DetectAuth` on the FaceID stand-in, the browser goes to
 * the stand-in's page, a scenario button there sends it back with `token=`, and the verdict is the real server's.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import { fillForm, openBrowser, openVerification, screenshot, statusOf, tabTo, textOf, VALID_ID, waitForStatus } from './browser.mjs';

const API = process.env.E2E_API ?? '';
const skip = API ? 'mock mode: the demo-server round trip is tested below' : false;
const serverSkip = API ? false : 'demo-server mode only (E2E_SERVER=1)';
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** scenario → [final status, text the user must see] */
const EXPECTED = {
  success: ['success', '核验成功'],
  mismatch: ['failed', '姓名和身份证号不一致'],
  'low-similarity': ['failed', '人脸与身份证照片不一致'],
  'liveness-failed': ['failed', '没有通过活体检测'],
  'user-left': ['cancelled', '人脸核身没有完成'],
  'token-expired': ['failed', '本次核身已超时失效'],
};

let browser;
before(async () => {
  browser = await openBrowser();
});
after(async () => {
  await browser?.close();
});

/** Fills the form, starts, and waits for the page that loads after the simulated verification page. */
async function startAndComeBack(page) {
  await fillForm(page);
  const navigated = page.waitForEvent('load');
  await page.click('#fv-start');
  await navigated;
  return waitForStatus(page, 'success', 'failed', 'cancelled');
}

async function assertNoAxeViolations(page, label) {
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const found = violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  assert.deepEqual(found, [], `axe on ${label}:\n  ${found.join('\n  ')}`);
}

test('?platform=tencent: the preview bar offers exactly the Tencent scenarios and names Tencent Cloud', { skip }, async () => {
  const { page } = browser;
  await openVerification(page, 'platform=tencent');
  assert.equal(await page.inputValue('#fv-preview-platform'), 'tencent');
  const options = await page.$$eval('#fv-preview-scenario option', (nodes) => nodes.map((node) => node.value));
  assert.deepEqual(options.sort(), Object.keys(EXPECTED).sort());
  assert.match(await textOf(page, '[data-status]'), /人脸核身服务由腾讯云提供/);
  browser.assertNoPageErrors();
});

test('success: the page leaves and comes back, resumes by itself, and a reload does not submit again', { skip }, async () => {
  const { page } = browser;
  await openVerification(page, 'platform=tencent');
  assert.equal(await startAndComeBack(page), 'success');
  assert.match(await textOf(page, '[data-status]'), /核验成功/);
  assert.doesNotMatch(page.url(), /token=/, 'the token is gone from the address bar');
  const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-fv-heading'));
  assert.ok(focused, 'focus is on the result screen heading');
  await assertNoAxeViolations(page, 'tencent success');
  await screenshot(page, 'tencent-success');

  await page.reload();
  await page.waitForSelector('[data-status]:not([data-status="idle"]):not([data-status="probing"])');
  assert.equal(await statusOf(page), 'ready', 'a reload shows the form again: nothing was resubmitted');
  browser.assertNoPageErrors();
});

test('the platform switch: WeChat → Tencent Cloud, and the round trip comes back to the Tencent preview', { skip }, async () => {
  const { page } = browser;
  await openVerification(page);
  await page.selectOption('#fv-preview-platform', 'tencent');
  await page.waitForSelector('[data-status="ready"]');
  await page.selectOption('#fv-preview-scenario', 'low-similarity');
  await page.waitForSelector('[data-status="ready"]');
  assert.equal(await startAndComeBack(page), 'failed');
  assert.equal(await page.inputValue('#fv-preview-platform'), 'tencent');
  assert.match(await textOf(page, '[data-status]'), /人脸与身份证照片不一致/);
  browser.assertNoPageErrors();
});

test('English and elder mode survive the round trip: user-left ends on one clear action, axe clean', { skip }, async () => {
  const { page } = browser;
  await openVerification(page, 'platform=tencent&scenario=user-left&locale=en&elderly=1');
  assert.equal(await startAndComeBack(page), 'cancelled');
  assert.equal(await page.getAttribute('[data-status]', 'data-locale'), 'en');
  assert.equal(await page.getAttribute('[data-status]', 'data-elderly'), 'true');
  assert.match(await textOf(page, '#fv-message'), /Face verification was not finished/);
  assert.ok(await page.$('#fv-restart'), 'start over is offered');
  await assertNoAxeViolations(page, 'tencent user-left, English, elder mode');
  browser.assertNoPageErrors();
});

test(
  'the keyboard alone: Tab, typing and Enter leave for the verification page; back, focus is on the result and Enter starts over',
  { skip },
  async () => {
    const { page } = browser;
    await openVerification(page, 'platform=tencent&scenario=liveness-failed');
    await tabTo(page, '#fv-name input');
    await page.keyboard.type('张三');
    await tabTo(page, '#fv-id-card input');
    await page.keyboard.type(VALID_ID);
    await tabTo(page, '#fv-start');
    const navigated = page.waitForEvent('load');
    await page.keyboard.press('Enter');
    await navigated;
    assert.equal(await waitForStatus(page, 'success', 'failed', 'cancelled'), 'failed');
    await page.waitForFunction(() => document.activeElement?.hasAttribute('data-fv-heading'));
    await tabTo(page, '#fv-restart');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-status="ready"]');
    browser.assertNoPageErrors();
  },
);

for (const [scenario, [finalStatus, message]] of Object.entries(EXPECTED)) {
  if (scenario === 'success') continue;
  test(`tencent ${scenario}: ends ${finalStatus}, says so, and offers to start over`, { skip }, async () => {
    const { page } = browser;
    await openVerification(page, `platform=tencent&scenario=${scenario}`);
    assert.equal(await startAndComeBack(page), finalStatus);
    const shown = await textOf(page, '[data-status]');
    assert.ok(shown.includes(message), `expected "${message}" on the page, saw:\n${shown}`);
    await assertNoAxeViolations(page, `tencent ${scenario}`);
    await screenshot(page, `tencent-${scenario}`);
    await page.click('#fv-restart');
    await page.waitForSelector('[data-status="ready"]');
    browser.assertNoPageErrors();
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Demo-server mode: the FaceID stand-in's page in between, the server's verdict.

/** The preview's scenario → the stand-in page's button, and what the user must see. */
const THROUGH_STAND_IN = {
  pass: ['success', '核验成功'],
  mismatch: ['failed', '姓名和身份证号不一致'],
  'low-similarity': ['failed', '人脸与身份证照片不一致'],
  'low-sim-zero': ['failed', '人脸与身份证照片不一致'],
  liveness: ['failed', '没有通过活体检测'],
  expired: ['failed', '本次核身已超时失效'],
  leave: ['failed', '人脸核身没有完成'],
};

/** Fills the form, starts, picks `button` on the stand-in's page, and waits for the preview's verdict. */
async function throughStandIn(page, button) {
  await fillForm(page);
  const leaving = page.waitForURL(/\/verify\?token=/);
  await page.click('#fv-start');
  await leaving;
  const back = page.waitForURL(/\/#\/pages\/face-verify\/index/);
  await page.click(`button[name="scenario"][value="${button}"]`);
  await back;
  return waitForStatus(page, 'success', 'failed', 'cancelled');
}

for (const [button, [finalStatus, message]] of Object.entries(THROUGH_STAND_IN)) {
  test(`demo server: the stand-in page's "${button}" ends ${finalStatus} with the server's verdict`, { skip: serverSkip }, async () => {
    const { page } = browser;
    await openVerification(page, 'platform=tencent');
    assert.equal(await throughStandIn(page, button), finalStatus);
    const shown = await textOf(page, '[data-status]');
    assert.ok(shown.includes(message), `expected "${message}" on the page, saw:\n${shown}`);
    assert.doesNotMatch(page.url(), /token=/, 'the token is gone from the address bar');
    await assertNoAxeViolations(page, `tencent through the stand-in: ${button}`);
    browser.assertNoPageErrors();
  });
}

test('demo server: a reload after success does not submit the token again', { skip: serverSkip }, async () => {
  const { page } = browser;
  await openVerification(page, 'platform=tencent');
  assert.equal(await throughStandIn(page, 'pass'), 'success');
  await page.reload();
  await page.waitForSelector('[data-status]:not([data-status="idle"]):not([data-status="probing"])');
  assert.equal(await statusOf(page), 'ready');
  browser.assertNoPageErrors();
});
