/** What the weapp scenarios share: the identity typed, the backend's addresses, the submit's request shape. */
import { TEST_API } from './build';
import type { NativeCall } from './fake-wx';
import { bootPage, type BootOptions, type SimulatedPage } from './simulator';

export const NAME = '张三';
export const ID_CARD = '11010519491231002X';
export const MASKED = { name: '张*', idCard: '1101**********002X' };
export const VERIFY_URL = `${TEST_API}/api/face/verify`;
export const TICKET_URL = `${TEST_API}/api/face/ticket`;
/** The words on the success screen. */
export const VERIFIED = '核验成功';

/** The headers every backend call carries (the app's own `headers` would be merged in here). */
export const BACKEND_HEADERS: Record<string, unknown> = {
  'Content-Type': 'application/json',
  Accept: 'application/json',
};

/** Asserts one wx.request to the backend: a JSON POST of exactly `body` with the backend headers. */
export function expectBackendPost(call: NativeCall | undefined, url: string, body: Record<string, unknown>) {
  expect(call?.api).toBe('request');
  expect(call?.params).toMatchObject({ url, method: 'POST', header: BACKEND_HEADERS });
  expect(call?.params.header).toEqual(BACKEND_HEADERS);
  expect(JSON.parse(String(call?.params.data))).toEqual(body);
}

/** The native calls a scenario asserts, in order, by API name (the synchronous getters left out). */
export const flowCalls = (page: SimulatedPage) =>
  page.wx.callsTo(
    'checkIsSupportFacialRecognition',
    'authorize',
    'openSetting',
    'startFacialRecognitionVerify',
    'requestFacialVerify',
    'request',
  );

let current: SimulatedPage | null = null;

/** Boots the page on the fake clock; the suite's afterEach unmounts it. */
export async function open(options: BootOptions): Promise<SimulatedPage> {
  jest.useFakeTimers();
  current = await bootPage(options);
  return current;
}

/** Types the identity and taps start, as a user does. */
export async function fillAndStart(page: SimulatedPage, name = NAME, idCard = ID_CARD) {
  await page.waitFor(() => page.has('#fv-start'), 'the form');
  await page.type('#fv-name', name);
  await page.type('#fv-id-card', idCard);
  await page.tap('#fv-start');
}

afterEach(() => {
  current?.unmount();
  current = null;
  jest.useRealTimers();
});
