/**
 * The preview on Alipay (`?platform=alipay`) in real Chromium: every Alipay mock scenario to its end, and the
 * preview bar's platform switch. Mock mode runs them against the in-browser fake backend; with the demo server
 * (E2E_SERVER=1) they run only once it serves Alipay (its ticket endpoint answers `{ platform: 'alipay' }` with
 * a certify id), and then the certify id goes through the real server checks and the Alipay stand-in.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fillAndStart, openBrowser, openVerification, outcomeOf, screenshot, statusOf, textOf } from './browser.mjs';

const API = process.env.E2E_API ?? '';

/** True when the demo backend issues Alipay certify ids (the server half of issue 10). */
async function demoServesAlipay() {
  try {
    const response = await fetch(`${API}/api/face/ticket`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ platform: 'alipay' }),
    });
    const body = await response.json();
    return response.ok && typeof body.certifyId === 'string';
  } catch {
    return false;
  }
}
const skip = API && !(await demoServesAlipay()) ? 'the demo server does not serve Alipay yet' : false;

/** scenario → [final status, text the user must see] */
const EXPECTED = {
  success: ['success', '验证成功'],
  'user-cancel': ['cancelled', '你已取消身份验证'],
  'network-error': ['failed', '网络不稳定，身份验证没有完成'],
  'not-passed': ['failed', '支付宝身份验证未通过'],
  'unsupported-client': ['unsupported', '当前支付宝版本不支持身份验证，请升级支付宝后再试。'],
  'camera-denied': ['failed', '需要使用摄像头'],
  ide: ['unsupported', '开发者工具中无法进行身份验证，请在真机上预览。'],
};

let browser;
before(async () => {
  if (!skip) browser = await openBrowser();
});
after(async () => {
  await browser?.close();
});

test('?platform=alipay: the preview bar offers exactly the Alipay scenarios', { skip }, async () => {
  const { page } = browser;
  await openVerification(page, 'platform=alipay');
  assert.equal(await page.inputValue('#fv-preview-platform'), 'alipay');
  const options = await page.$$eval('#fv-preview-scenario option', (nodes) => nodes.map((node) => node.value));
  assert.deepEqual(options.sort(), Object.keys(EXPECTED).sort());
});

test('the platform switch: WeChat → Alipay changes the simulated device and its scenarios', { skip }, async () => {
  const { page } = browser;
  await openVerification(page, 'scenario=not-wechat');
  assert.equal(await statusOf(page), 'unsupported');
  await page.selectOption('#fv-preview-platform', 'alipay');
  await page.waitForSelector('[data-status="ready"]');
  assert.equal(await page.inputValue('#fv-preview-scenario'), 'success');
  await page.selectOption('#fv-preview-scenario', 'ide');
  await page.waitForSelector('[data-status="unsupported"]');
  assert.match(await textOf(page, '[data-status]'), /开发者工具中无法进行身份验证/);
  browser.assertNoPageErrors();
});

for (const [scenario, [finalStatus, message]] of Object.entries(EXPECTED)) {
  test(`alipay ${scenario}: ends ${finalStatus} and tells the user`, { skip }, async () => {
    const { page } = browser;
    await openVerification(page, `platform=alipay&scenario=${scenario}`);
    let outcome = await statusOf(page);
    if (outcome === 'ready') outcome = await fillAndStart(page);
    assert.equal(outcome, finalStatus);
    const shown = await textOf(page, '[data-status]');
    assert.ok(shown.includes(message), `expected "${message}" on the page, saw:\n${shown}`);
    if (finalStatus === 'unsupported') assert.equal(await page.$('#fv-start'), null, 'no start button on an unsupported device');
    await screenshot(page, `alipay-${scenario}`);
    browser.assertNoPageErrors();
  });
}

test('alipay network-error: "try again" captures again with a fresh certify id and succeeds', { skip }, async () => {
  const { page } = browser;
  await openVerification(page, 'platform=alipay&scenario=network-error');
  assert.equal(await fillAndStart(page), 'failed');
  assert.equal(await outcomeOf(page, () => page.click('#fv-retry')), 'success');
  browser.assertNoPageErrors();
});

test('alipay camera-denied: settings grant the camera, then the verification succeeds', { skip }, async () => {
  const { page } = browser;
  await openVerification(page, 'platform=alipay&scenario=camera-denied');
  assert.equal(await fillAndStart(page), 'failed');
  await page.click('#fv-open-settings');
  // Back from the settings: the page says what to do next.
  await page.waitForSelector('#fv-settings-hint');
  assert.equal(await outcomeOf(page, () => page.click('#fv-retry')), 'success');
  browser.assertNoPageErrors();
});
