/**
 * The preview's Tencent round trip over a fake tab: the mock backend's fake Tencent Cloud issues a BizToken whose
 * "verification page" is this page with the token; after the (new) load, a new driver and backend resume from
 * what the tab's session storage kept, and the verdict follows the scenario.
 */
import { createFaceVerify, TENCENT_ERROR_WORDS } from 'taro-face-verify';
import { createMockBackend, createMockTencentDriver, type MockTencentScenarioName } from 'taro-face-verify/mock';
import { createMockTencentServer, MOCK_TENCENT_SERVER_KEY } from '../../src/face-verify/drivers/mock/tencent-server';
import { fakeBrowser, type FakeBrowser } from './tencent-support';

const PERSON = { name: '张三', idCardNumber: '11010519491231002X' };
const PAGE = 'http://127.0.0.1:8080/#/pages/face-verify/index';
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** One page load: a new driver and a new in-memory backend over the same tab. */
function load(browser: FakeBrowser, scenario: MockTencentScenarioName) {
  const driver = createMockTencentDriver({ browser, scenario });
  const backend = createMockBackend({ driver });
  return createFaceVerify({ driver, endpoint: backend.endpoint, ticketEndpoint: backend.ticketEndpoint });
}

async function roundTrip(scenario: MockTencentScenarioName) {
  const browser = fakeBrowser(PAGE);
  const first = load(browser, scenario);
  void first.getState().start(PERSON);
  for (let i = 0; i < 50 && browser.visits.length === 0; i++) await settle();
  const [visit] = browser.visits;
  if (!visit) throw new Error('the mock driver did not leave the page');
  browser.load(visit);
  const back = load(browser, scenario);
  await back.getState().probe();
  await back.getState().resume();
  return { browser, back, visit };
}

describe('the mock Tencent driver and backend', () => {
  it('success: leaves for this page with the token (inside the hash), comes back, verifies, cleans the address', async () => {
    const { browser, back, visit } = await roundTrip('success');
    expect(visit).toMatch(/^http:\/\/127\.0\.0\.1:8080\/#\/pages\/face-verify\/index\?platform=tencent&scenario=success&token=mock-biz-/);
    expect(back.getState()).toMatchObject({ status: 'success', result: { ok: true, mock: true }, preview: true });
    expect(browser.href()).toBe(`${PAGE}?platform=tencent&scenario=success`);
    const stored = [...browser.saved.values()].join('\n');
    for (const secret of [PERSON.name, PERSON.idCardNumber]) expect(stored).not.toContain(secret);
  });

  it.each([
    ['mismatch', 2006, 'identityMismatch'],
    ['low-similarity', 2016, 'faceMismatch'],
    ['liveness-failed', 1001, 'liveness'],
    ['token-expired', 15, 'expired'],
  ] as const)('%s: the verify answer carries ErrCode %i and the page says so', async (scenario, code, key) => {
    const { back } = await roundTrip(scenario);
    expect(back.getState()).toMatchObject({
      status: 'failed',
      error: { code, message: TENCENT_ERROR_WORDS[key]['zh-CN'], retryable: false },
    });
  });

  it('user-left: back without a token, cancelled with "not finished"', async () => {
    const { back, visit } = await roundTrip('user-left');
    expect(visit).not.toMatch(/token=/);
    expect(back.getState()).toMatchObject({ status: 'cancelled', error: { message: TENCENT_ERROR_WORDS.notFinished['zh-CN'] } });
  });

  it('the fake Tencent Cloud refuses a replayed BizToken, even from a new page load', async () => {
    const { browser, visit } = await roundTrip('success');
    const token = new URLSearchParams(visit.split('?').pop()).get('token') ?? '';
    const driver = createMockTencentDriver({ browser });
    const backend = createMockBackend({ driver });
    await expect(backend.endpoint({ platform: 'tencent', biz_token: token })).resolves.toMatchObject({ ok: false, code: 'replayed' });
    await expect(backend.endpoint({ platform: 'tencent', biz_token: 'mock-biz-never-issued' })).resolves.toMatchObject({
      ok: false,
      code: 'unknown_ticket',
    });
  });

  it('refuses an unknown scenario name with the known ones', () => {
    expect(() => createMockTencentDriver({ browser: null, scenario: 'nope' as MockTencentScenarioName })).toThrow(/success, mismatch/);
  });
});

describe("the fake Tencent Cloud's storage in the tab", () => {
  /** A fake Tencent Cloud over a tab's storage, on a clock the test moves. */
  function server(saved: Map<string, string>, clock: { now: number }) {
    return createMockTencentServer({
      scenario: { errCode: 0, returnsToken: true },
      scenarioName: 'success',
      storage: () => ({
        getItem: (key) => saved.get(key) ?? null,
        setItem: (key, value) => void saved.set(key, value),
        removeItem: (key) => void saved.delete(key),
      }),
      href: () => PAGE,
      clock: { now: () => clock.now, setTimeout: () => 0, clearTimeout: () => undefined },
    });
  }
  const kept = (saved: Map<string, string>) => Object.keys(JSON.parse(saved.get(MOCK_TENCENT_SERVER_KEY) ?? '{}') as object);

  it('keeps only the newest 20 tokens, however many previews a tab runs', () => {
    const saved = new Map<string, string>();
    const clock = { now: 1_000_000 };
    const fake = server(saved, clock);
    const tokens = Array.from({ length: 25 }, () => {
      clock.now += 1000;
      return fake.issue().bizToken;
    });
    expect(kept(saved)).toHaveLength(20);
    expect(fake.verify(tokens[0]!)).toMatchObject({ ok: false, code: 'unknown_ticket' });
    expect(fake.verify(tokens[24]!)).toEqual({ ok: true, mock: true });
  });

  it("forgets a token after Tencent's two hours: it answers as unknown, and leaves the storage", () => {
    const saved = new Map<string, string>();
    const clock = { now: 1_000_000 };
    const fake = server(saved, clock);
    const old = fake.issue().bizToken;
    clock.now += 7200 * 1000;
    const fresh = fake.issue().bizToken;
    expect(kept(saved)).toEqual([fresh]);
    expect(fake.verify(old)).toMatchObject({ ok: false, code: 'unknown_ticket' });
    expect(fake.verify(fresh)).toEqual({ ok: true, mock: true });
  });
});
