/**
 * The H5 preview: the page on the mock driver it creates itself, the scenario from props or the query,
 * the preview bar, and the simulated capture screen with the front camera or its placeholder.
 * `process.env.TARO_ENV` is 'h5' here, as Taro's H5 build defines it.
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { FaceVerifyPage } from 'taro-face-verify';
import { createMockDriver } from 'taro-face-verify/mock';
import FaceVerifyDemoPage from '../../src/pages/face-verify/index';
import { setRouterParams } from '../support/taro';

const VALID_ID = '11010519491231002X';
const INSTANT = { latencyMs: 0, captureMs: 0 };
const originalEnv = process.env.TARO_ENV;

beforeEach(() => {
  process.env.TARO_ENV = 'h5';
  setRouterParams({});
});
afterEach(() => {
  cleanup();
  process.env.TARO_ENV = originalEnv;
  Object.defineProperty(navigator, 'mediaDevices', { value: undefined, configurable: true });
});

const root = () => document.querySelector('[data-status]') as HTMLElement;
const status = () => root().getAttribute('data-status');

async function fillAndStart() {
  await waitFor(() => expect(status()).toBe('ready'));
  fireEvent.change(screen.getByLabelText('姓名'), { target: { value: '张三' } });
  fireEvent.change(screen.getByLabelText('身份证号'), { target: { value: VALID_ID } });
  fireEvent.click(screen.getByRole('button', { name: '开始人脸核身' }));
}

describe('the preview driver and bar', () => {
  it('runs the mock named in the query, marks the page as a preview and says so', async () => {
    setRouterParams({ scenario: 'no-front-camera' });
    render(<FaceVerifyPage previewTiming={INSTANT} />);
    await waitFor(() => expect(status()).toBe('unsupported'));
    expect(root().getAttribute('data-preview')).toBe('true');
    expect(screen.getByText('预览模式 · 模拟数据')).toBeTruthy();
    expect((screen.getByLabelText('模拟场景') as HTMLSelectElement).value).toBe('no-front-camera');
  });

  it('prefers the scenario prop to the query, and ignores an unknown query scenario', async () => {
    setRouterParams({ scenario: 'no-front-camera' });
    render(<FaceVerifyPage previewTiming={INSTANT} scenario="success" />);
    await waitFor(() => expect(status()).toBe('ready'));
    cleanup();
    setRouterParams({ scenario: 'no-such-thing' });
    render(<FaceVerifyPage previewTiming={INSTANT} />);
    await waitFor(() => expect(status()).toBe('ready'));
  });

  it('switches the scenario and the language from the bar, restarting the flow', async () => {
    render(<FaceVerifyPage previewTiming={INSTANT} />);
    await waitFor(() => expect(status()).toBe('ready'));
    fireEvent.change(screen.getByLabelText('模拟场景'), { target: { value: 'disabled-by-wechat' } });
    await waitFor(() => expect(status()).toBe('unsupported'));
    expect(document.querySelector('[data-problem="disabled-by-wechat"]')).not.toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Switch to English' }));
    await waitFor(() => expect(screen.getByText('Face verification cannot run on this device')).toBeTruthy());
    expect(screen.getByText('Preview — simulated')).toBeTruthy();
    expect(root().getAttribute('data-locale')).toBe('en');
    expect((screen.getByLabelText('Scenario') as HTMLSelectElement).value).toBe('disabled-by-wechat');
  });

  it('takes the language from the query', async () => {
    setRouterParams({ locale: 'en' });
    render(<FaceVerifyPage previewTiming={INSTANT} />);
    await waitFor(() => expect(status()).toBe('ready'));
    expect(screen.getByLabelText('ID card number')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Start face verification' })).toBeTruthy();
  });

  it("has no scenario switch with the app's own driver, and no bar when turned off", async () => {
    const { unmount } = render(<FaceVerifyPage driver={createMockDriver(INSTANT)} />);
    await waitFor(() => expect(status()).toBe('ready'));
    expect(screen.getByText('预览模式 · 模拟数据')).toBeTruthy();
    expect(screen.queryByLabelText('模拟场景')).toBeNull();
    unmount();
    render(<FaceVerifyPage previewTiming={INSTANT} previewBar={false} />);
    await waitFor(() => expect(status()).toBe('ready'));
    expect(screen.queryByText('预览模式 · 模拟数据')).toBeNull();
  });

  it("outside H5 the page shows no preview bar and leaves the capture to WeChat's screen", async () => {
    process.env.TARO_ENV = 'weapp';
    render(
      <FaceVerifyPage
        driver={createMockDriver({ latencyMs: 0, captureMs: 60_000, scenario: 'no-screen-flash' })}
        endpoint={async () => ({ ok: true as const })}
      />,
    );
    await fillAndStart();
    await waitFor(() => expect(status()).toBe('capturing'));
    expect(screen.queryByText('预览模式 · 模拟数据')).toBeNull();
    expect(document.getElementById('fv-capture')).toBeNull();
    expect(screen.getByText('请按照微信的提示完成人脸识别')).toBeTruthy();
  });
});

describe('the simulated capture', () => {
  it('read-number: shows the digits with a countdown and a placeholder where there is no camera; cancel cancels', async () => {
    render(<FaceVerifyPage scenario="no-screen-flash" previewTiming={{ latencyMs: 0, captureMs: 60_000 }} />);
    await fillAndStart();
    const capture = await screen.findByText('请用普通话读出以下数字');
    expect(capture).toBeTruthy();
    const view = document.getElementById('fv-capture') as HTMLElement;
    expect(view.getAttribute('data-mode')).toBe('read-number');
    expect(document.getElementById('fv-digits')?.textContent).toMatch(/^\d{4}$/);
    expect(document.getElementById('fv-countdown')?.textContent).toBe('剩余 60 秒');
    expect(view.querySelector('[data-camera]')?.getAttribute('data-camera')).toBe('unavailable');
    expect(screen.getByText('未使用摄像头，以示意图代替')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: '取消' }));
    await waitFor(() => expect(status()).toBe('cancelled'));
    expect(document.getElementById('fv-capture')).toBeNull();
  });

  it("screen-flash: flashes the session's colours instead of showing digits", async () => {
    render(<FaceVerifyPage scenario="success" previewTiming={{ latencyMs: 0, captureMs: 60_000 }} />);
    await fillAndStart();
    await waitFor(() => expect(document.getElementById('fv-capture')).not.toBeNull());
    const view = document.getElementById('fv-capture') as HTMLElement;
    expect(view.getAttribute('data-mode')).toBe('screen-flash');
    expect(view.getAttribute('data-flash-color')).toMatch(/^#[0-9a-f]{6}$/);
    expect(document.getElementById('fv-digits')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '取消' }));
    await waitFor(() => expect(status()).toBe('cancelled'));
  });

  it('shows the front camera where the browser gives one, and stops it when the capture ends', async () => {
    const track = { stop: jest.fn() };
    const stream = { getTracks: () => [track] };
    const getUserMedia = jest.fn(async () => stream);
    Object.defineProperty(navigator, 'mediaDevices', { value: { getUserMedia }, configurable: true });
    render(<FaceVerifyPage scenario="no-screen-flash" previewTiming={{ latencyMs: 0, captureMs: 60_000 }} />);
    await fillAndStart();
    await waitFor(() => expect(document.querySelector('[data-camera="live"]')).not.toBeNull());
    expect(getUserMedia).toHaveBeenCalledWith({ video: { facingMode: 'user' }, audio: false });
    expect(document.querySelector('#fv-capture video')).not.toBeNull();
    expect(track.stop).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: '取消' }));
    await waitFor(() => expect(status()).toBe('cancelled'));
    expect(track.stop).toHaveBeenCalledTimes(1);
  });

  it('a refused camera is a placeholder, never an error', async () => {
    const denied = Object.assign(new Error('Permission denied'), { name: 'NotAllowedError' });
    Object.defineProperty(navigator, 'mediaDevices', {
      value: { getUserMedia: jest.fn(async () => Promise.reject(denied)) },
      configurable: true,
    });
    render(<FaceVerifyPage scenario="no-screen-flash" previewTiming={{ latencyMs: 0, captureMs: 60_000 }} />);
    await fillAndStart();
    await waitFor(() => expect(document.querySelector('[data-camera-reason="NotAllowedError"]')).not.toBeNull());
    expect(status()).toBe('capturing');
    fireEvent.click(screen.getByRole('button', { name: '取消' }));
    await waitFor(() => expect(status()).toBe('cancelled'));
  });
});

describe("the demo app's page", () => {
  it('runs the preview from the query, with short timings for speed=fast, on the in-browser mock backend', async () => {
    setRouterParams({ scenario: 'capture-error', speed: 'fast' });
    render(<FaceVerifyDemoPage />);
    await fillAndStart();
    await waitFor(() => expect(status()).toBe('failed'), { timeout: 3000 });
    await act(async () => {
      fireEvent.click(document.getElementById('fv-retry') as HTMLElement);
    });
    await waitFor(() => expect(status()).toBe('success'), { timeout: 3000 });
    expect(root().getAttribute('data-preview')).toBe('true');
  });
});

describe("the demo app's home page", () => {
  it('opens the verification page, and in H5 each preview scenario', async () => {
    const { default: HomePage } = await import('../../src/pages/index/index');
    const { navigateTo } = await import('../support/taro');
    navigateTo.mockClear();
    render(<HomePage />);
    fireEvent.click(screen.getByRole('button', { name: '开始人脸核身' }));
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/pages/face-verify/index' });
    fireEvent.click(screen.getByRole('button', { name: '摄像头权限被拒绝' }));
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/pages/face-verify/index?scenario=camera-denied' });
  });

  it('lists every platform’s scenarios, and switches to English', async () => {
    const { default: HomePage } = await import('../../src/pages/index/index');
    const { navigateTo } = await import('../support/taro');
    navigateTo.mockClear();
    render(<HomePage />);
    fireEvent.click(screen.getByRole('button', { name: '支付宝: 验证未通过' }));
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/pages/face-verify/index?platform=alipay&scenario=not-passed' });
    fireEvent.click(screen.getByRole('button', { name: 'Switch to English' }));
    fireEvent.click(screen.getByRole('button', { name: 'Start face verification' }));
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/pages/face-verify/index?locale=en' });
    fireEvent.click(screen.getByRole('button', { name: 'Elder mode (large text)' }));
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/pages/face-verify/index?elderly=1&locale=en' });
  });
});
