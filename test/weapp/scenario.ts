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
/** The verify POST's headers: the backend headers, plus the submit's own. */
export const SUBMIT_HEADERS: Record<string, unknown> = {
  ...BACKEND_HEADERS,
  'Idempotency-Key': expect.stringMatching(/^\S{16,}$/),
};

/** wx.request's options besides the URL, headers and body: the flow's timeout, the body read as text. */
const REQUEST_OPTIONS = { method: 'POST', timeout: 15000, dataType: 'text', responseType: 'text' };

/** Asserts one wx.request to the backend: exactly these options, a JSON body of exactly `body`. */
function expectPost(call: NativeCall | undefined, url: string, header: Record<string, unknown>, body: Record<string, unknown>) {
  expect(call?.api).toBe('request');
  expect(call?.params).toEqual({ url, header, data: expect.any(String), ...REQUEST_OPTIONS });
  expect(JSON.parse(String(call?.params.data))).toEqual(body);
}

/** Asserts the verify POST of a WeChat credential (tagged with its platform). */
export const expectSubmit = (call: NativeCall | undefined, body: Record<string, unknown>) =>
  expectPost(call, VERIFY_URL, SUBMIT_HEADERS, { platform: 'wechat', ...body });

/** Asserts the ticket request. */
export const expectTicketRequest = (call: NativeCall | undefined, body: Record<string, unknown>) =>
  expectPost(call, TICKET_URL, BACKEND_HEADERS, body);

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

// A boot compiles the templates and loads the whole build: on a busy machine that alone can take seconds.
jest.setTimeout(30_000);

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
