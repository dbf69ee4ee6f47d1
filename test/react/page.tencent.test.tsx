/**
 * FaceVerifyPage on Tencent Cloud FaceID's H5 route (the mock driver over a fake tab): start leaves the page;
 * the page loaded again on the redirect URL resumes by itself and ends on a result screen with a way on.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { createDefaultDriver, createTencentFaceIdDriver, FaceVerifyPage, TENCENT_ERROR_WORDS, zhCN } from 'taro-face-verify';
import { TENCENT_PAGE_WORDS } from '../../src/face-verify/drivers/tencent/words';
import { createMockTencentDriver, type MockTencentScenarioName } from 'taro-face-verify/mock';
import { fakeBrowser, type FakeBrowser } from '../core/tencent-support';
import { setRouterParams } from '../support/taro';

const VALID_ID = '11010519491231002X';
const PAGE = 'http://127.0.0.1:8080/#/pages/face-verify/index?platform=tencent';

function mount(browser: FakeBrowser, scenario: MockTencentScenarioName) {
  const view = render(<FaceVerifyPage driver={createMockTencentDriver({ browser, scenario })} />);
  const status = () => view.container.querySelector('[data-status]')?.getAttribute('data-status');
  return { view, status };
}

/** Fills the form, starts, and follows the mock's redirect: the page that loads next. */
async function leaveAndComeBack(scenario: MockTencentScenarioName) {
  const browser = fakeBrowser(PAGE);
  const first = mount(browser, scenario);
  await screen.findByLabelText('姓名');
  expect(first.view.container.textContent).toMatch(/由腾讯云采集/);
  expect(first.view.container.textContent).toMatch(/人脸核身服务由腾讯云提供/);
  fireEvent.change(screen.getByLabelText('姓名'), { target: { value: '张三' } });
  fireEvent.change(screen.getByLabelText('身份证号'), { target: { value: VALID_ID } });
  fireEvent.click(screen.getByRole('button', { name: '开始人脸核身' }));
  await waitFor(() => expect(browser.visits).toHaveLength(1));
  expect(first.view.container.textContent).toMatch(TENCENT_PAGE_WORDS['zh-CN'].capture);
  first.view.unmount();
  browser.load(browser.visits[0] ?? '');
  return { browser, back: mount(browser, scenario) };
}

const originalEnv = process.env.TARO_ENV;
// The Tencent route runs in H5 builds, where Taro defines TARO_ENV as 'h5'.
beforeEach(() => {
  process.env.TARO_ENV = 'h5';
});
afterEach(() => {
  cleanup();
  // Assigning undefined to process.env would store the string 'undefined'.
  if (originalEnv === undefined) delete process.env.TARO_ENV;
  else process.env.TARO_ENV = originalEnv;
  setRouterParams({});
});

describe('FaceVerifyPage on Tencent Cloud FaceID (H5)', () => {
  it('back from the verification page: resumes by itself and shows success, the token gone from the address', async () => {
    const { browser, back } = await leaveAndComeBack('success');
    await waitFor(() => expect(back.status()).toBe('success'));
    expect(back.view.container.textContent).toMatch(zhCN.page.result.successTitle);
    expect(browser.href()).not.toMatch(/token=/);
  });

  it('back without finishing: a cancelled screen that says so, and "start over" leads to the form', async () => {
    const { back } = await leaveAndComeBack('user-left');
    await waitFor(() => expect(back.status()).toBe('cancelled'));
    expect(back.view.container.textContent).toMatch(TENCENT_ERROR_WORDS.notFinished['zh-CN']);
    fireEvent.click(screen.getByRole('button', { name: zhCN.page.actions.restart }));
    await waitFor(() => expect(back.status()).toBe('ready'));
    await screen.findByLabelText('姓名');
  });

  it('a stale link (a token with nothing pending): a clear failure with "start over"', async () => {
    const browser = fakeBrowser(`${PAGE}&token=mock-biz-from-yesterday`);
    const { view, status } = mount(browser, 'success');
    await waitFor(() => expect(status()).toBe('failed'));
    expect(view.container.textContent).toMatch(TENCENT_ERROR_WORDS.staleLink['zh-CN']);
    expect(screen.getByRole('button', { name: zhCN.page.actions.restart })).toBeTruthy();
    expect(browser.href()).toBe(PAGE);
  });

  it('the real driver outside a browser (a mini-program): unsupported, with the way to go', async () => {
    const view = render(<FaceVerifyPage driver={createTencentFaceIdDriver({ browser: null })} endpoint="/api/face/verify" />);
    await waitFor(() => expect(view.container.querySelector('[data-status]')?.getAttribute('data-status')).toBe('unsupported'));
    expect(view.container.textContent).toMatch(TENCENT_ERROR_WORDS.notBrowser['zh-CN']);
    expect(view.container.querySelector('#fv-start')).toBeNull();
  });

  it('H5 preview: ?platform=tencent (and the default driver for it) is the simulated Tencent Cloud', async () => {
    expect(createDefaultDriver({ platform: 'tencent', browser: null })).toMatchObject({ name: 'mock-tencent', mock: true });
    setRouterParams({ platform: 'tencent', scenario: 'user-left' });
    const view = render(<FaceVerifyPage />);
    await screen.findByLabelText('姓名');
    expect((view.container.querySelector('#fv-preview-platform') as HTMLSelectElement).value).toBe('tencent');
    expect((view.container.querySelector('#fv-preview-scenario') as HTMLSelectElement).value).toBe('user-left');
    expect(view.container.textContent).toMatch(/人脸核身服务由腾讯云提供/);
  });
});
