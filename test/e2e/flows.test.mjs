/**
 * The paths a user takes through the preview in real Chromium: retry after a failure, allowing the camera,
 * correcting the form, the form's own checks, English, the simulated capture (with and without a camera),
 * and 200% text.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  BASE_URL,
  fillAndStart,
  fillAndStartCapture,
  fillForm,
  openBrowser,
  openVerification,
  outcomeOf,
  screenshot,
  textOf,
  VALID_ID,
  waitForStatus,
} from './browser.mjs';

let browser;
before(async () => {
  browser = await openBrowser();
});
after(async () => {
  await browser?.close();
});

/** Opens the page with the preview's default timings (a 3 s capture) instead of speed=fast. */
async function openSlow(page, query) {
  await page.goto('about:blank');
  await page.goto(`${BASE_URL}/#/pages/face-verify/index?${query}`);
  await waitForStatus(page, 'ready', 'unsupported');
}

describe('recovering from a failure', () => {
  test('capture-error → retry → success', async () => {
    const { page } = browser;
    await openVerification(page, 'scenario=capture-error');
    assert.equal(await fillAndStart(page), 'failed');
    assert.match(await textOf(page, '#fv-message'), /系统繁忙/);
    assert.equal(await outcomeOf(page, () => page.click('#fv-retry')), 'success');
    await screenshot(page, 'flow-capture-error-retry-success');
    browser.assertNoPageErrors();
  });

  test('camera-denied → open settings → retry → success', async () => {
    const { page } = browser;
    await openVerification(page, 'scenario=camera-denied');
    assert.match(await textOf(page, '[data-screen="notices"]'), /请在设置中允许使用摄像头/);
    assert.equal(await fillAndStart(page), 'failed');
    assert.match(await textOf(page, '#fv-message'), /允许使用摄像头/);
    await page.click('#fv-open-settings');
    // Back from the settings: the page says what to do next.
    await page.waitForSelector('#fv-settings-hint');
    assert.match(await textOf(page, '#fv-settings-hint'), /请点击“重试”继续/);
    await screenshot(page, 'flow-camera-back-from-settings');
    assert.equal(await outcomeOf(page, () => page.click('#fv-retry')), 'success');
    browser.assertNoPageErrors();
  });

  test('id-name-mismatch → correct the form → success', async () => {
    const { page } = browser;
    await openVerification(page, 'scenario=id-name-mismatch');
    assert.equal(await fillAndStart(page, '张四'), 'failed');
    await page.waitForSelector('#fv-form-error');
    await screenshot(page, 'flow-id-name-mismatch-form');
    await page.fill('#fv-name input', '张三');
    assert.equal(await page.$('#fv-form-error'), null, 'the stale message goes once the user edits');
    assert.equal(await outcomeOf(page, () => page.click('#fv-start')), 'success');
    browser.assertNoPageErrors();
  });

  test('user-cancel → start over → the filled form → success', async () => {
    const { page } = browser;
    await openVerification(page, 'scenario=user-cancel');
    assert.equal(await fillAndStart(page), 'cancelled');
    assert.equal(await outcomeOf(page, () => page.click('#fv-restart'), ['ready']), 'ready');
    assert.equal(await page.inputValue('#fv-name input'), '张三');
    assert.equal(await outcomeOf(page, () => page.click('#fv-start')), 'success');
    browser.assertNoPageErrors();
  });
});

describe('the form', () => {
  test('checks as the user types, and blocks an invalid start', async () => {
    const { page } = browser;
    await openVerification(page);
    await page.fill('#fv-id-card input', '11a');
    assert.equal(await textOf(page, '#fv-id-card-error'), '身份证号码只能包含数字，最后一位可以是 X。');
    await page.fill('#fv-id-card input', '99');
    assert.equal(await textOf(page, '#fv-id-card-error'), '身份证号码前两位（省份代码）不正确，请对照证件检查。');
    await page.fill('#fv-id-card input', '110105194912310021');
    assert.equal(await textOf(page, '#fv-id-card-error'), '身份证号码校验位不正确，可能有一位输错了，请对照证件逐位检查。');
    assert.equal(await page.getAttribute('#fv-id-card input', 'aria-invalid'), 'true');
    await screenshot(page, 'form-validation');
    await page.fill('#fv-id-card input', '');
    await page.click('#fv-start');
    assert.equal(await textOf(page, '#fv-name-error'), '请输入姓名。');
    assert.equal(await textOf(page, '#fv-id-card-error'), '请输入身份证号码。');
    assert.equal(await page.getAttribute('[data-status]', 'data-status'), 'ready');
    browser.assertNoPageErrors();
  });

  test('names every control for assistive technology', async () => {
    const { page } = browser;
    await openVerification(page);
    // waitFor: each exists, is visible (Taro's components show once hydrated) and is the only match.
    await page.getByRole('textbox', { name: '姓名' }).waitFor();
    await page.getByRole('textbox', { name: '身份证号' }).waitFor();
    await page.getByRole('button', { name: '开始人脸核身' }).waitFor();
    await page.getByRole('combobox', { name: '模拟场景' }).waitFor();
    await page.getByRole('button', { name: 'Switch to English' }).waitFor();
  });

  test('works from the keyboard: Tab to the start button, Enter verifies', async () => {
    const { page } = browser;
    await openVerification(page);
    await fillForm(page);
    await page.focus('#fv-start');
    assert.equal(await outcomeOf(page, () => page.keyboard.press('Enter')), 'success');
    browser.assertNoPageErrors();
  });
});

describe('English', () => {
  test('from the query', async () => {
    const { page } = browser;
    await openVerification(page, 'locale=en');
    await page.getByRole('textbox', { name: 'ID card number' }).waitFor();
    assert.equal(await fillAndStart(page), 'success');
    assert.match(await textOf(page, '#fv-message'), /^Verified$/);
    await screenshot(page, 'english-success');
    browser.assertNoPageErrors();
  });

  test('from the preview bar, with a scenario picked there', async () => {
    const { page } = browser;
    await openVerification(page);
    await page.click('#fv-preview-locale');
    await page.waitForSelector('[data-locale="en"]');
    assert.match(await textOf(page, '#fv-preview-bar'), /Preview — simulated/);
    await page.selectOption('#fv-preview-scenario', 'no-front-camera');
    await page.waitForSelector('[data-problem="no-front-camera"]');
    assert.equal(await waitForStatus(page, 'unsupported'), 'unsupported');
    assert.match(await textOf(page, '[data-status]'), /This device has no front camera/);
    await screenshot(page, 'english-no-front-camera');
    browser.assertNoPageErrors();
  });
});

describe('the simulated capture', () => {
  test('read-number: digits, countdown, a placeholder where there is no camera; cancel cancels', async () => {
    const { page } = browser;
    await openSlow(page, 'scenario=no-screen-flash');
    await fillAndStartCapture(page);
    await page.waitForSelector('#fv-capture[data-mode="read-number"]');
    assert.match(await textOf(page, '#fv-digits'), /^\d{4}$/);
    assert.match(await textOf(page, '#fv-countdown'), /^剩余 [1-3] 秒$/);
    // This machine has no camera (NotFoundError): the placeholder stands in, and no error is shown.
    await page.waitForSelector('#fv-capture [data-camera="unavailable"]');
    await screenshot(page, 'capture-read-number');
    assert.equal(await outcomeOf(page, () => page.click('#fv-cancel')), 'cancelled');
    browser.assertNoPageErrors();
  });

  test('screen-flash: the colour changes during the capture, then success', async () => {
    const { page } = browser;
    await openSlow(page, 'scenario=success');
    await fillAndStartCapture(page);
    await page.waitForSelector('#fv-capture[data-mode="screen-flash"]');
    const first = await page.getAttribute('#fv-capture', 'data-flash-color');
    await page.waitForFunction((color) => {
      const now = document.querySelector('#fv-capture')?.getAttribute('data-flash-color');
      return now && now !== color;
    }, first);
    assert.equal(await waitForStatus(page, 'success'), 'success');
    browser.assertNoPageErrors();
  });

  test('with a camera, the circle shows it, and it is released when the capture ends', async () => {
    const camera = await openBrowser({ camera: true });
    try {
      const { page } = camera;
      await openSlow(page, 'scenario=no-screen-flash');
      await fillAndStartCapture(page);
      await page.waitForSelector('#fv-capture [data-camera="live"] video');
      await page.waitForFunction(() => (document.querySelector('#fv-capture video')?.videoWidth ?? 0) > 0);
      await screenshot(page, 'capture-camera');
      const tracks = await page.evaluate(() => {
        const stream = document.querySelector('#fv-capture video').srcObject;
        window.__fvTracks = stream.getTracks();
        return window.__fvTracks.map((track) => track.readyState);
      });
      assert.deepEqual(tracks, ['live']);
      assert.equal(await outcomeOf(page, () => page.click('#fv-cancel')), 'cancelled');
      assert.deepEqual(await page.evaluate(() => window.__fvTracks.map((track) => track.readyState)), ['ended']);
      camera.assertNoPageErrors();
    } finally {
      await camera.close();
    }
  });
});

describe('at 200% text size', () => {
  const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  test('doubling --fv-font-size scales every text and nothing runs off the side', async () => {
    const { page } = browser;
    await openVerification(page);
    const before = await page.$eval('#fv-start', (node) => parseFloat(getComputedStyle(node).fontSize));
    await page.addStyleTag({ content: '[data-status] { --fv-font-size: 32px; }' });
    const after = await page.$eval('#fv-start', (node) => parseFloat(getComputedStyle(node).fontSize));
    assert.equal(after, before * 2, 'the start button text doubles with the root size');
    await fillForm(page);
    assert.ok((await overflow(page)) <= 0, 'the form fits the width');
    assert.equal(await outcomeOf(page, () => page.click('#fv-start')), 'success');
    assert.ok((await overflow(page)) <= 0, 'the result fits the width');
    await screenshot(page, 'text-200-success');
    browser.assertNoPageErrors();
  });

  test('at 200% browser zoom (half the CSS width) the form and the failure still fit', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 195, height: 422 });
    try {
      await openVerification(page, 'scenario=capture-error');
      assert.ok((await overflow(page)) <= 0, 'the form fits the width');
      assert.equal(await fillAndStart(page), 'failed');
      assert.ok((await overflow(page)) <= 0, 'the failure fits the width');
      browser.assertNoPageErrors();
    } finally {
      await page.setViewportSize({ width: 390, height: 844 });
    }
  });
});

describe('the event stream', () => {
  test('the preview bar’s panel opens and shows the flow’s events, ending in face_verify.flow.finished', async () => {
    const { page } = browser;
    await openVerification(page, 'scenario=success');
    await page.click('#fv-preview-events summary');
    assert.equal(await page.$eval('#fv-preview-events', (node) => node.open), true);
    assert.equal(await fillAndStart(page), 'success');
    await page.waitForSelector('#fv-preview-events li[data-event="face_verify.flow.finished"]');
    const events = await page.$$eval('#fv-preview-events li', (nodes) => nodes.map((node) => node.getAttribute('data-event')));
    assert.deepEqual(events.slice(-4), [
      'face_verify.flow.started',
      'face_verify.capture.finished',
      'face_verify.submit.finished',
      'face_verify.flow.finished',
    ]);
    const text = await textOf(page, '#fv-preview-events');
    assert.match(text, /flow\.finished status=success/);
    assert.ok(!text.includes('张三') && !text.includes(VALID_ID), 'nothing personal in the panel');
    await screenshot(page, 'preview-events');
    browser.assertNoPageErrors();
  });
});
