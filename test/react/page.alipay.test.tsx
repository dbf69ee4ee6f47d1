/** FaceVerifyPage on the Alipay driver (the simulated Alipay client): same statuses, Alipay's words and messages. */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { FaceVerifyPage } from 'taro-face-verify';
import { createMockAlipayDriver, createMockDriver, type MockAlipayScenarioName } from 'taro-face-verify/mock';

const VALID_ID = '11010519491231002X';

function mount(scenario: MockAlipayScenarioName, locale: 'zh-CN' | 'en' = 'zh-CN') {
  const driver = createMockAlipayDriver({ scenario });
  const view = render(<FaceVerifyPage driver={driver} locale={locale} />);
  const status = () => view.container.querySelector('[data-status]')?.getAttribute('data-status');
  return { driver, view, status };
}

async function fillAndStart() {
  await screen.findByLabelText('姓名');
  fireEvent.change(screen.getByLabelText('姓名'), { target: { value: '张三' } });
  fireEvent.change(screen.getByLabelText('身份证号'), { target: { value: VALID_ID } });
  fireEvent.click(screen.getByRole('button', { name: '开始身份验证' }));
}

afterEach(cleanup);

describe('FaceVerifyPage on Alipay', () => {
  it('verifies end to end, and names Alipay (not WeChat) in its consent and privacy notes', async () => {
    const { status, view } = mount('success');
    await waitFor(() => expect(status()).toBe('ready'));
    expect(view.container.textContent).toMatch(/由支付宝采集/);
    expect(view.container.textContent).toMatch(/身份验证服务由支付宝提供/);
    expect(view.container.textContent).not.toMatch(/微信/);
    await fillAndStart();
    await waitFor(() => expect(status()).toBe('success'));
  });

  it('the WeChat driver keeps the WeChat wording', async () => {
    const view = render(<FaceVerifyPage driver={createMockDriver()} />);
    await screen.findByLabelText('姓名');
    expect(view.container.textContent).toMatch(/人脸识别服务由微信提供/);
  });

  it('not passed: the backend’s not_passed, in the page’s language', async () => {
    const { status, view } = mount('not-passed');
    await waitFor(() => expect(status()).toBe('ready'));
    await fillAndStart();
    await waitFor(() => expect(status()).toBe('failed'));
    expect(view.container.textContent).toMatch(/支付宝身份验证未通过/);
  });

  it('an unsupported client: the update-Alipay message and hint, no start button', async () => {
    const { status, view } = mount('unsupported-client', 'en');
    await waitFor(() => expect(status()).toBe('unsupported'));
    expect(view.container.textContent).toMatch(/This version of Alipay cannot verify your identity/);
    expect(view.container.textContent).toMatch(/search for "Alipay"/);
    expect(view.container.querySelector('#fv-start')).toBeNull();
  });
});
