/**
 * Every mock scenario in real Chromium: open the preview, fill the form where there is one, start, and
 * check where the user ends up and what they read there. A screenshot of each final screen is saved.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fillAndStart, fillForm, openBrowser, openVerification, screenshot, statusOf, textOf } from './browser.mjs';

/** scenario → [final status, text the user must see (in #fv-message, the problem list or the form banner)] */
const EXPECTED = {
  success: ['success', '核验成功'],
  'no-front-camera': ['unsupported', '此设备没有前置摄像头'],
  'model-missing': ['unsupported', '人脸识别组件未能下载'],
  'disabled-by-wechat': ['unsupported', '微信不支持在此设备上进行人脸核身'],
  'old-wechat': ['unsupported', '微信版本过低'],
  'no-screen-flash': ['success', '核验成功'],
  'camera-denied': ['failed', '需要使用摄像头进行人脸核身，请在设置中允许使用摄像头。'],
  'user-cancel': ['cancelled', '你已取消人脸核身。准备好后可以重新开始。'],
  'capture-error': ['failed', '系统繁忙'],
  'face-mismatch': ['failed', '人脸与证件照片不一致，请本人正对屏幕重试。'],
  'id-name-mismatch': ['failed', '姓名与身份证号码不一致，请检查后重新填写。'],
  'no-network': ['success', '核验成功'],
  ios: ['success', '核验成功'],
  'not-wechat': ['unsupported', '请在微信中打开本小程序完成人脸核身。'],
};

let browser;
before(async () => {
  browser = await openBrowser();
});
after(async () => {
  await browser?.close();
});

test('the preview bar lists exactly the scenarios this suite covers', async () => {
  const { page } = browser;
  await openVerification(page);
  const options = await page.$$eval('#fv-preview-scenario option', (nodes) => nodes.map((node) => node.value));
  assert.deepEqual(options.sort(), Object.keys(EXPECTED).sort());
  assert.equal(await page.getAttribute('[data-status]', 'data-preview'), 'true');
  assert.match(await textOf(page, '#fv-preview-bar'), /预览模式 · 模拟数据/);
});

for (const [scenario, [finalStatus, message]] of Object.entries(EXPECTED)) {
  test(`scenario ${scenario}: ends ${finalStatus} and tells the user`, async () => {
    const { page } = browser;
    await openVerification(page, `scenario=${scenario}`);
    let outcome = await statusOf(page);
    if (outcome === 'ready') {
      if (scenario === 'no-network') assert.match(await textOf(page, '[data-screen="notices"]'), /当前没有网络连接/);
      if (scenario === 'success') {
        await fillForm(page);
        await screenshot(page, 'form-filled');
      }
      outcome = await fillAndStart(page);
    }
    assert.equal(outcome, finalStatus);
    const shown = await textOf(page, '[data-status]');
    assert.ok(shown.includes(message), `expected "${message}" on the page, saw:\n${shown}`);
    if (finalStatus === 'unsupported') assert.equal(await page.$('#fv-start'), null, 'no start button on an unsupported device');
    if (scenario === 'id-name-mismatch') {
      assert.match(await textOf(page, '#fv-form-error'), /姓名与身份证号码不一致/);
      assert.ok(await page.$('#fv-name input'), 'the form is back for the user to correct');
    }
    if (finalStatus !== 'success') assert.ok(!shown.includes('11010519491231002X'), 'the full ID number is never shown after submitting');
    await screenshot(page, `scenario-${scenario}`);
    browser.assertNoPageErrors();
  });
}
