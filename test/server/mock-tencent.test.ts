/**
 * The FaceID stand-in: its TC3-HMAC-SHA256 check (against the SDK's own signer and raw requests a proxy or an
 * attacker could send), its actions' answers, and its verification page (accessible, redirecting where a
 * hash-routed Taro H5 page reads the token).
 */
import axe from 'axe-core';
import { JSDOM } from 'jsdom';
import Sign from 'tencentcloud-sdk-nodejs/tencentcloud/common/sign';
import {
  MOCK_TENCENT_RULE_ID,
  MOCK_TENCENT_SCENARIOS,
  redirectWithToken,
  startMockTencentFaceId,
  tc3Authorization,
  type MockTencentFaceIdServer,
} from '../../src/face-verify/server/tencent/mock';
import { createTencentFaceIdApi } from '../../src/face-verify/server/tencent';
import { errorCodeOf, PERSON, PERSON_ID_NORMALISED, rawCall, REDIRECT_URL, sdkClient } from './tencent-helpers';

let mock: MockTencentFaceIdServer;
beforeAll(async () => {
  mock = await startMockTencentFaceId();
});
afterAll(() => mock.close());

const now = () => Math.floor(Date.now() / 1000);
const detectBody = (redirectUrl = REDIRECT_URL) => ({
  RuleId: MOCK_TENCENT_RULE_ID,
  IdCard: PERSON_ID_NORMALISED,
  Name: PERSON.name,
  RedirectUrl: redirectUrl,
});

async function issue(redirectUrl?: string): Promise<string> {
  const answer = await rawCall(mock, { body: detectBody(redirectUrl) });
  expect(errorCodeOf(answer)).toBeUndefined();
  return answer.BizToken as string;
}

describe('TC3-HMAC-SHA256', () => {
  it('signs exactly as the SDK does (the SDK signer is the external reference)', () => {
    const payload = { RuleId: '1', Name: '张三', IdCard: PERSON_ID_NORMALISED };
    const timestamp = 1_767_225_600;
    const fromSdk = Sign.sign3({
      method: 'POST',
      url: 'https://faceid.tencentcloudapi.com/',
      payload,
      timestamp,
      service: 'faceid',
      secretId: 'AKIDexample',
      secretKey: 'example-key',
      multipart: false,
      boundary: '',
      headers: { 'Content-Type': 'application/json' },
    });
    const ours = tc3Authorization(
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', host: 'faceid.tencentcloudapi.com' },
        payload: JSON.stringify(payload),
        timestamp,
        service: 'faceid',
      },
      'AKIDexample',
      'example-key',
    );
    expect(ours).toBe(fromSdk);
  });

  it('serves a raw request signed as Tencent documents it (service faceid, the Host header with its port)', async () => {
    const answer = await rawCall(mock);
    expect(answer).toMatchObject({
      BizToken: expect.any(String),
      Url: expect.stringMatching(/\/verify\?token=/),
      RequestId: expect.any(String),
    });
  });

  it.each([
    ['a body changed after signing', { sentBody: JSON.stringify({ ...detectBody(), Name: '李四' }) }, 'AuthFailure.SignatureFailure'],
    ['a wrong SecretKey', { secretKey: 'wrong' }, 'AuthFailure.SignatureFailure'],
    ['another service in the scope', { service: 'cvm' }, 'AuthFailure.SignatureFailure'],
    ['an unknown SecretId', { secretId: 'AKIDunknown' }, 'AuthFailure.SecretIdNotFound'],
    ['a timestamp 310 s old', { timestampOffset: -310 }, 'AuthFailure.SignatureExpire'],
    ['a timestamp 310 s ahead', { timestampOffset: 310 }, 'AuthFailure.SignatureExpire'],
    ['no Authorization header', { without: ['authorization'] }, 'AuthFailure.InvalidAuthorization'],
  ])('refuses %s', async (_case, call, code) => {
    const refusedBefore = mock.calls.refused ?? 0;
    const issuedBefore = mock.calls.DetectAuth ?? 0;
    const answer = await rawCall(mock, call);
    expect(errorCodeOf(answer)).toBe(code);
    expect(answer.RequestId).toEqual(expect.any(String));
    expect(answer.BizToken).toBeUndefined();
    expect(mock.calls.refused).toBe(refusedBefore + 1);
    expect(mock.calls.DetectAuth ?? 0).toBe(issuedBefore);
  });

  it('accepts a timestamp 290 s old (inside the 300 s window)', async () => {
    expect(errorCodeOf(await rawCall(mock, { timestampOffset: -290 }))).toBeUndefined();
  });

  it('refuses a scope dated another day than X-TC-Timestamp', async () => {
    const timestamp = now();
    const payload = JSON.stringify(detectBody());
    const authorization = tc3Authorization(
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', host: mock.endpoint },
        payload,
        timestamp: timestamp - 86_400,
        service: 'faceid',
      },
      mock.secretId,
      mock.secretKey,
    );
    const response = await fetch(`${mock.origin}/`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-tc-action': 'DetectAuth',
        'x-tc-version': '2018-03-01',
        'x-tc-timestamp': String(timestamp),
        authorization,
      },
      body: payload,
    });
    expect(errorCodeOf(((await response.json()) as { Response: Record<string, unknown> }).Response)).toBe('AuthFailure.SignatureFailure');
  });

  it.each([
    ['an unknown action', { action: 'DeleteEverything' }, 'InvalidAction'],
    ['another API version', { version: '2017-01-01' }, 'NoSuchVersion'],
    ['DetectAuth without RuleId', { body: { IdCard: PERSON_ID_NORMALISED, Name: PERSON.name } }, 'MissingParameter'],
    ['DetectAuth with an unknown RuleId', { body: { ...detectBody(), RuleId: '999' } }, 'InvalidParameterValue.RuleIdNotExist'],
    ['DetectAuth with a lower-case x', { body: { ...detectBody(), IdCard: PERSON.idCardNumber } }, 'InvalidParameterValue'],
  ])('answers %s (correctly signed) with its Tencent error code', async (_case, call, code) => {
    expect(errorCodeOf(await rawCall(mock, call))).toBe(code);
  });
});

describe('GetDetectInfoEnhanced', () => {
  const info = (bizToken: string, ruleId = mock.ruleId) =>
    rawCall(mock, { action: 'GetDetectInfoEnhanced', body: { BizToken: bizToken, RuleId: ruleId, InfoType: '1' } });

  it('answers 17 for an unfinished page, then the outcome of the page', async () => {
    const bizToken = await issue();
    expect(((await info(bizToken)).Text as { ErrCode: number }).ErrCode).toBe(17);
    expect(mock.complete(bizToken, 'pass')).toBe(true);
    expect((await info(bizToken)).Text).toMatchObject({ ErrCode: 0, Sim: '95.31', Name: PERSON.name, IdCard: PERSON_ID_NORMALISED });
    expect(mock.complete(bizToken, 'mismatch')).toBe(false);
  });

  it('refuses a token it did not issue, or asked for under another RuleId', async () => {
    expect(errorCodeOf(await info('NOT-A-TOKEN'))).toBe('InvalidParameterValue.BizTokenIllegal');
    expect(errorCodeOf(await info(await issue(), '2'))).toBe('InvalidParameterValue.BizTokenIllegal');
  });

  it('answers BizTokenExpired once the 3-day result window is over', async () => {
    let clock = Date.now();
    const clocked = await startMockTencentFaceId({ now: () => clock });
    try {
      const tencent = createTencentFaceIdApi({ client: sdkClient(clocked), ruleId: clocked.ruleId, redirectUrl: REDIRECT_URL });
      const { bizToken } = await tencent.detectAuth(PERSON);
      clocked.complete(bizToken, 'pass');
      clock += 3 * 24 * 3600 * 1000 - 1000;
      expect((await tencent.getDetectInfo(bizToken)).errCode).toBe(0);
      clock += 1000;
      await expect(tencent.getDetectInfo(bizToken)).rejects.toMatchObject({ code: 'InvalidParameterValue.BizTokenExpired' });
    } finally {
      await clocked.close();
    }
  });
});

describe('the verification page', () => {
  async function page(bizToken: string): Promise<Response> {
    return fetch(mock.verifyUrl(bizToken));
  }
  const press = (bizToken: string, scenario: string) =>
    fetch(`${mock.origin}/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: bizToken, scenario }).toString(),
      redirect: 'manual',
    });

  it('is a zh-CN form with a title and one submit button per scenario', async () => {
    const bizToken = await issue();
    const response = await page(bizToken);
    expect(response.status).toBe(200);
    const { document } = new JSDOM(await response.text()).window;
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(document.title).toMatch(/stand-in/);
    const form = document.querySelector('form');
    expect(form?.getAttribute('method')).toBe('post');
    expect((form?.querySelector('input[name="token"]') as HTMLInputElement | null)?.value).toBe(bizToken);
    const buttons = [...(form?.querySelectorAll('button[type="submit"][name="scenario"]') ?? [])];
    expect(buttons.map((button) => button.getAttribute('value'))).toEqual([...MOCK_TENCENT_SCENARIOS]);
    expect(buttons.every((button) => (button.textContent ?? '').trim() !== '')).toBe(true);
  });

  // Colour contrast needs layout, which jsdom has not: it is left to a real browser (the page was checked with
  // axe in Chromium when written: no violations).
  it('passes axe (WCAG 2.1 A and AA rules that need no layout)', async () => {
    const dom = new JSDOM(await (await page(await issue())).text(), { runScripts: 'outside-only' });
    dom.window.eval(axe.source);
    const results = await (dom.window as unknown as { axe: typeof axe }).axe.run(dom.window.document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      rules: { 'color-contrast': { enabled: false } },
    });
    expect(results.violations.map((violation) => violation.id)).toEqual([]);
    expect(results.passes.length).toBeGreaterThan(5);
  });

  it('records the button and sends the user back with the token inside the hash route (303)', async () => {
    const bizToken = await issue();
    const response = await press(bizToken, 'low-similarity');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`http://127.0.0.1:10086/#/pages/face-verify/index?from=test&token=${bizToken}`);
    const text = (await rawCall(mock, { action: 'GetDetectInfoEnhanced', body: { BizToken: bizToken, RuleId: mock.ruleId } })).Text;
    expect(text).toMatchObject({ ErrCode: 2016, Sim: '45.12' });
  });

  it('goes back without finishing for leave (17), and the page stays usable', async () => {
    const bizToken = await issue('https://app.example/face?x=1');
    const response = await press(bizToken, 'leave');
    expect(response.headers.get('location')).toBe(`https://app.example/face?x=1&token=${bizToken}`);
    expect((await page(bizToken)).status).toBe(200);
  });

  it('completes at once with GET …&scenario=pass', async () => {
    const bizToken = await issue();
    const response = await fetch(`${mock.verifyUrl(bizToken)}&scenario=pass`, { redirect: 'manual' });
    expect(response.status).toBe(303);
    const text = (await rawCall(mock, { action: 'GetDetectInfoEnhanced', body: { BizToken: bizToken, RuleId: mock.ruleId } })).Text;
    expect(text).toMatchObject({ ErrCode: 0, Name: PERSON.name });
  });

  it('refuses an unknown token (404), a finished one (409) and an unknown outcome (400)', async () => {
    expect((await page('NOT-A-TOKEN')).status).toBe(404);
    const bizToken = await issue();
    expect((await press(bizToken, 'no-such-button')).status).toBe(400);
    expect((await press(bizToken, 'pass')).status).toBe(303);
    expect((await press(bizToken, 'mismatch')).status).toBe(409);
    expect((await page(bizToken)).status).toBe(409);
  });

  it('refuses an expired token (410)', async () => {
    let clock = Date.now();
    const clocked = await startMockTencentFaceId({ now: () => clock });
    try {
      const tencent = createTencentFaceIdApi({ client: sdkClient(clocked), ruleId: clocked.ruleId, redirectUrl: REDIRECT_URL });
      const { url } = await tencent.detectAuth(PERSON);
      clock += 7200 * 1000;
      expect((await fetch(url)).status).toBe(410);
    } finally {
      await clocked.close();
    }
  });
});

describe('redirectWithToken', () => {
  it.each([
    ['https://a.example/done', 'https://a.example/done?token=T'],
    ['https://a.example/done?x=1', 'https://a.example/done?x=1&token=T'],
    ['https://a.example/done?x=1&token=OLD', 'https://a.example/done?x=1&token=T'],
    ['https://a.example/done#section', 'https://a.example/done?token=T#section'],
    ['https://a.example/#/pages/face-verify/index', 'https://a.example/#/pages/face-verify/index?token=T'],
    [
      'https://a.example/app/?v=2#/pages/face-verify/index?x=%E5%BC%A0',
      'https://a.example/app/?v=2#/pages/face-verify/index?x=%E5%BC%A0&token=T',
    ],
  ])('%s → %s', (redirectUrl, expected) => {
    expect(redirectWithToken(redirectUrl, 'T')).toBe(expected);
  });

  it('encodes the token', () => {
    expect(redirectWithToken('https://a.example/', 'a&b=c')).toBe('https://a.example/?token=a%26b%3Dc');
  });
});
