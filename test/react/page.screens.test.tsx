/**
 * FaceVerifyPage's screens one by one: the support check with each problem and the action that helps,
 * the form's checks as the user types, theming, the page's texts and its accessible names.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { FaceVerifyPage } from 'taro-face-verify';
import { createMockDriver, type MockScenarioName } from 'taro-face-verify/mock';

function mount(scenario: MockScenarioName, props: Partial<Parameters<typeof FaceVerifyPage>[0]> = {}) {
  const driver = createMockDriver({ scenario, latencyMs: 0, captureMs: 0 });
  const view = render(<FaceVerifyPage driver={driver} {...props} />);
  const status = () => view.container.querySelector('[data-status]')?.getAttribute('data-status');
  return { driver, view, status };
}

const problemCodes = (container: HTMLElement) =>
  [...container.querySelectorAll('[data-problem]')].map((node) => node.getAttribute('data-problem'));

afterEach(cleanup);

describe('the support check', () => {
  it('shows progress while probing, then the form', async () => {
    const { status, view } = mount('success');
    expect(status()).toBe('probing');
    expect(view.container.querySelector('[data-screen="probing"]')?.getAttribute('aria-busy')).toBe('true');
    expect(screen.getByText('第 1 步，共 4 步：检测设备')).toBeTruthy();
    await waitFor(() => expect(status()).toBe('ready'));
    expect(screen.getByText('第 2 步，共 4 步：填写信息')).toBeTruthy();
  });

  it.each<[MockScenarioName, string, string]>([
    ['no-front-camera', 'no-front-camera', '也可以带上身份证，到线下服务网点办理。'],
    ['disabled-by-wechat', 'disabled-by-wechat', '也可以带上身份证，到线下服务网点办理。'],
    ['old-wechat', 'wechat-too-old', '升级方法：打开手机应用商店，搜索“微信”并更新到最新版本，然后重新打开本页面。'],
    ['not-wechat', 'not-wechat', '请在微信中搜索并打开本小程序。'],
  ])('%s: says what is wrong and what helps, with no form', async (scenario, code, hint) => {
    const { status, view } = mount(scenario);
    await waitFor(() => expect(status()).toBe('unsupported'));
    expect(screen.getByText('当前设备无法进行人脸核身')).toBeTruthy();
    expect(problemCodes(view.container)).toContain(code);
    expect(screen.getByText(hint)).toBeTruthy();
    expect(screen.queryByLabelText('姓名')).toBeNull();
    expect(document.getElementById('fv-start')).toBeNull();
  });

  it('model-missing: "check again" probes the device again', async () => {
    const { status, driver } = mount('model-missing');
    await waitFor(() => expect(status()).toBe('unsupported'));
    expect(driver.calls.checkIsSupportFacialRecognition).toBe(1);
    fireEvent.click(screen.getByRole('button', { name: '重新检测' }));
    await waitFor(() => expect(driver.calls.checkIsSupportFacialRecognition).toBe(2));
    await waitFor(() => expect(status()).toBe('unsupported'));
  });

  it("offers the app's other channel as a button when the app gives one", async () => {
    const onOtherChannel = jest.fn();
    const { status } = mount('no-front-camera', { onOtherChannel });
    await waitFor(() => expect(status()).toBe('unsupported'));
    fireEvent.click(screen.getByRole('button', { name: '通过其他方式办理' }));
    expect(onOtherChannel).toHaveBeenCalledTimes(1);
  });

  it('camera-denied: "open settings" calls openSettings and the notice goes away once allowed', async () => {
    const { status, driver, view } = mount('camera-denied');
    await waitFor(() => expect(status()).toBe('ready'));
    expect(problemCodes(view.container)).toEqual(['camera-denied']);
    fireEvent.click(screen.getByRole('button', { name: '去设置开启摄像头' }));
    await waitFor(() => expect(problemCodes(view.container)).toEqual([]));
    expect(driver.calls.openSetting).toBe(1);
  });

  it('no-network: a notice above the form, and "check again" re-probes', async () => {
    const { status, driver, view } = mount('no-network');
    await waitFor(() => expect(status()).toBe('ready'));
    expect(problemCodes(view.container)).toEqual(['no-network']);
    expect(screen.getByText('当前没有网络连接，请连接网络后重试。')).toBeTruthy();
    fireEvent.click(document.getElementById('fv-recheck') as HTMLElement);
    await waitFor(() => expect(driver.calls.getNetworkType).toBe(2));
  });

  it('no-screen-flash: tells the user they will read digits', async () => {
    const { status } = mount('no-screen-flash');
    await waitFor(() => expect(status()).toBe('ready'));
    expect(screen.getByText('识别时需要对着屏幕读出一组数字，请在安静的环境中进行。')).toBeTruthy();
  });
});

describe('the identity form', () => {
  async function ready() {
    const handle = mount('success');
    await waitFor(() => expect(handle.status()).toBe('ready'));
    return handle;
  }
  const idInput = () => screen.getByLabelText('身份证号') as HTMLInputElement;
  const nameInput = () => screen.getByLabelText('姓名') as HTMLInputElement;
  const errorOf = (id: string) => document.getElementById(`${id}-error`)?.textContent ?? null;

  it('checks the ID number while it is typed: a wrong character or province at once, the rest once complete', async () => {
    await ready();
    fireEvent.change(idInput(), { target: { value: '1101' } });
    expect(errorOf('fv-id-card')).toBeNull();
    fireEvent.change(idInput(), { target: { value: '11a' } });
    expect(errorOf('fv-id-card')).toBe('身份证号码只能包含数字，最后一位可以是 X。');
    fireEvent.change(idInput(), { target: { value: '99' } });
    expect(errorOf('fv-id-card')).toBe('身份证号码前两位（省份代码）不正确，请对照证件检查。');
    fireEvent.change(idInput(), { target: { value: '110105194912310021' } });
    expect(errorOf('fv-id-card')).toBe('身份证号码校验位不正确，可能有一位输错了，请对照证件逐位检查。');
    expect(idInput().getAttribute('aria-invalid')).toBe('true');
    expect(idInput().getAttribute('aria-describedby')).toBe('fv-id-card-error');
    fireEvent.change(idInput(), { target: { value: '11010519491231002x' } });
    expect(errorOf('fv-id-card')).toBeNull();
    expect(idInput().getAttribute('aria-invalid')).toBe('false');
  });

  it('reports a short number when the field is left, and a digit in the name as it is typed', async () => {
    await ready();
    fireEvent.change(idInput(), { target: { value: '1101051949' } });
    expect(errorOf('fv-id-card')).toBeNull();
    fireEvent.blur(idInput());
    expect(errorOf('fv-id-card')).toBe('身份证号码应为 18 位，现在是 10 位，请检查是否漏输或多输。');
    fireEvent.change(nameInput(), { target: { value: '张3' } });
    expect(errorOf('fv-name')).toBe('姓名不能包含数字或特殊符号，请输入证件上的姓名。');
  });

  it('does not start with invalid details: shows every problem and makes no capture', async () => {
    const { driver, status } = await ready();
    fireEvent.click(screen.getByRole('button', { name: '开始人脸核身' }));
    expect(errorOf('fv-name')).toBe('请输入姓名。');
    expect(errorOf('fv-id-card')).toBe('请输入身份证号码。');
    expect(status()).toBe('ready');
    expect(driver.calls.startFacialRecognitionVerify).toBeUndefined();
  });

  it('passes the trimmed name and upper-cased number to the capture', async () => {
    const { driver, status } = await ready();
    const capture = jest.spyOn(driver, 'startFacialRecognitionVerify');
    fireEvent.change(nameInput(), { target: { value: ' 张三 ' } });
    fireEvent.change(idInput(), { target: { value: '11010519491231002x' } });
    fireEvent.click(screen.getByRole('button', { name: '开始人脸核身' }));
    await waitFor(() => expect(status()).toBe('success'));
    expect(capture.mock.calls[0]?.[0]).toMatchObject({ name: '张三', idCardNumber: '11010519491231002X' });
  });

  it('names every control: the inputs by their labels, the buttons by their text', async () => {
    await ready();
    expect(nameInput().tagName).toBe('INPUT');
    expect(idInput().tagName).toBe('INPUT');
    expect(document.querySelector('#fv-name input')).toBe(nameInput());
    expect(document.querySelector('#fv-id-card input')).toBe(idInput());
    for (const button of screen.getAllByRole('button')) expect(button.getAttribute('aria-label') || button.textContent).toBeTruthy();
    expect(document.getElementById('fv-start')?.textContent).toBe('开始人脸核身');
  });
});

describe('texts and theming', () => {
  it("speaks English when asked, including the flow's own messages", async () => {
    const { status } = mount('no-front-camera', { locale: 'en' });
    await waitFor(() => expect(status()).toBe('unsupported'));
    expect(screen.getByText('Face verification')).toBeTruthy();
    expect(screen.getByText('Face verification cannot run on this device')).toBeTruthy();
    expect(screen.getByText('This device has no front camera. Use another phone or another service channel.')).toBeTruthy();
  });

  it("uses the app's title and explanation", async () => {
    const { status } = mount('success', { title: '开户身份核验', description: '根据监管要求，开户前需核验本人身份。' });
    await waitFor(() => expect(status()).toBe('ready'));
    expect(screen.getByText('开户身份核验')).toBeTruthy();
    expect(screen.getByText('根据监管要求，开户前需核验本人身份。')).toBeTruthy();
  });

  it('sets the theme as CSS variables on the root, and sizes text relative to --fv-font-size', async () => {
    const { view, status } = mount('success', { theme: { colorPrimary: '#1677ff', radius: '4px', fontSize: '20px' } });
    await waitFor(() => expect(status()).toBe('ready'));
    const root = view.container.querySelector('[data-status]') as HTMLElement;
    expect(root.style.getPropertyValue('--fv-color-primary')).toBe('#1677ff');
    expect(root.style.getPropertyValue('--fv-radius')).toBe('4px');
    expect(root.style.getPropertyValue('--fv-font-size')).toBe('20px');
    expect(root.style.fontSize).toBe('var(--fv-font-size, 16px)');
    // Every other size is relative (em), so it follows the root.
    expect((document.getElementById('fv-start') as HTMLElement).style.fontSize).toMatch(/em$/);
    expect(root.style.getPropertyValue('--fv-color-danger')).toBe('');
  });
});
