/**
 * The Tencent FaceID client, driven through the real tencentcloud-sdk-nodejs against the local stand-in: what it
 * sends, what it returns, how every failure maps, and that no error ever quotes the person, token or key.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import TencentCloudSDKHttpException from 'tencentcloud-sdk-nodejs/tencentcloud/common/exception/tencent_cloud_sdk_exception';
import { startMockTencentFaceId, type MockTencentFaceIdServer } from '../../src/face-verify/server/tencent/mock';
import {
  createTencentFaceIdApi,
  isTencentApiError,
  isTencentTransportError,
  judgeDetectInfo,
  TencentApiError,
  TencentTransportError,
  type TencentFaceIdClientLike,
} from '../../src/face-verify/server/tencent';
import { PERSON, PERSON_ID_NORMALISED, REDIRECT_URL, sdkClient } from './tencent-helpers';

let mock: MockTencentFaceIdServer;
beforeAll(async () => {
  mock = await startMockTencentFaceId();
});
afterAll(() => mock.close());

const apiFor = (client: TencentFaceIdClientLike, ruleId = mock.ruleId) =>
  createTencentFaceIdApi({ client, ruleId, redirectUrl: REDIRECT_URL });
const samePerson = {
  nameMatches: (name: string) => name === PERSON.name,
  idCardMatches: (idCard: string) => idCard === PERSON_ID_NORMALISED,
};

/** Everything a message must never contain. */
const secretsOf = (extra: string[] = []) => [PERSON.name, PERSON.idCardNumber, PERSON_ID_NORMALISED, mock.secretKey, ...extra];
function expectNoPersonalData(error: unknown, extra: string[] = []) {
  const text = `${String((error as Error).message)} ${JSON.stringify(error)} ${JSON.stringify((error as TencentApiError).httpAnswer?.())}`;
  for (const secret of secretsOf(extra)) expect(text).not.toContain(secret);
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('with the real SDK against the stand-in', () => {
  it('starts a verification and reads its passed result', async () => {
    const tencent = apiFor(sdkClient(mock));
    const ticket = await tencent.detectAuth({ ...PERSON, extra: 'order-42' });
    expect(ticket.url).toBe(`${mock.origin}/verify?token=${ticket.bizToken}`);
    expect(typeof ticket.requestId).toBe('string');
    expect(mock.complete(ticket.bizToken, 'pass')).toBe(true);

    const info = await tencent.getDetectInfo(ticket.bizToken);
    expect(info).toMatchObject({
      errCode: 0,
      sim: 95.31,
      name: PERSON.name,
      idCard: PERSON_ID_NORMALISED,
      extra: 'order-42',
      liveStatus: 0,
    });
    expect(judgeDetectInfo(info, samePerson)).toEqual({ passed: true });
  });

  it.each([
    ['mismatch', 2006, undefined, { passed: false, problems: ['detect_ret'], ret: 2006 }],
    ['low-similarity', 2016, 45.12, { passed: false, problems: ['detect_ret'], ret: 2016 }],
    ['low-sim-zero', 0, 40, { passed: false, problems: ['detect_ret'], ret: 2016 }],
    ['liveness', 1001, undefined, { passed: false, problems: ['detect_ret'], ret: 1001 }],
    ['expired', 15, undefined, { passed: false, problems: ['detect_ret'], ret: 15 }],
    ['leave', 17, undefined, { passed: false, problems: ['detect_ret'], ret: 17 }],
    ['other-person', 0, 90, { passed: false, problems: ['name_mismatch', 'id_card_mismatch'] }],
  ] as const)('reads the %s outcome and refuses it', async (scenario, errCode, sim, judgement) => {
    const tencent = apiFor(sdkClient(mock));
    const { bizToken } = await tencent.detectAuth(PERSON);
    mock.complete(bizToken, scenario);
    const info = await tencent.getDetectInfo(bizToken);
    expect(info.errCode).toBe(errCode);
    expect(info.sim).toBe(sim);
    expect(judgeDetectInfo(info, samePerson)).toEqual(judgement);
  });

  it('reports an unfinished verification as 17 and one past 7,200 s as 15', async () => {
    let now = Date.now();
    const clocked = await startMockTencentFaceId({ now: () => now });
    try {
      const tencent = apiFor(sdkClient(clocked), clocked.ruleId);
      const { bizToken } = await tencent.detectAuth(PERSON);
      expect((await tencent.getDetectInfo(bizToken)).errCode).toBe(17);
      now += 7200 * 1000;
      expect((await tencent.getDetectInfo(bizToken)).errCode).toBe(15);
      expect(clocked.complete(bizToken, 'pass')).toBe(false);
    } finally {
      await clocked.close();
    }
  });

  it.each([
    ['a wrong SecretKey', { secretKey: 'not-the-key' }, 'AuthFailure.SignatureFailure', /SecretId \/ SecretKey/],
    ['an unknown SecretId', { secretId: 'AKIDsomeoneelse' }, 'AuthFailure.SecretIdNotFound', /SecretId \/ SecretKey/],
  ])('maps %s to TencentApiError with the AuthFailure code', async (_case, credential, code, advice) => {
    const error = await caught(apiFor(sdkClient(mock, credential)).detectAuth(PERSON));
    expect(error).toBeInstanceOf(TencentApiError);
    expect(isTencentApiError(error)).toBe(true);
    const apiError = error as TencentApiError;
    expect(apiError).toMatchObject({ action: 'DetectAuth', failure: 'error_code', code });
    expect(apiError.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(apiError.message).toMatch(advice);
    expect(apiError.httpAnswer()).toEqual({
      status: 502,
      code: 'tencent_error',
      message: expect.any(String),
      fields: { tencentCode: code },
    });
    expectNoPersonalData(error, ['not-the-key']);
  });

  it('maps an unknown RuleId and an unknown BizToken to their documented codes, with what to do', async () => {
    const wrongRule = await caught(apiFor(sdkClient(mock), 'no-such-rule').detectAuth(PERSON));
    expect(wrongRule).toMatchObject({ code: 'InvalidParameterValue.RuleIdNotExist' });
    expect((wrongRule as Error).message).toMatch(/check ruleId/);

    const unknownToken = 'C0FFEE00-0000-4000-8000-000000000000';
    const unknown = await caught(apiFor(sdkClient(mock)).getDetectInfo(unknownToken));
    expect(unknown).toMatchObject({ action: 'GetDetectInfoEnhanced', code: 'InvalidParameterValue.BizTokenIllegal' });
    expectNoPersonalData(unknown, [unknownToken]);
  });

  it('maps a closed port to a transport error the caller may give the ticket back for', async () => {
    const gone = await startMockTencentFaceId();
    await gone.close();
    const error = await caught(apiFor(sdkClient(gone)).detectAuth(PERSON));
    expect(isTencentTransportError(error)).toBe(true);
    expect(error).toMatchObject({ action: 'DetectAuth', failure: 'network', mayHaveReachedTencent: false });
    expect((error as TencentTransportError).httpAnswer()).toEqual({
      status: 502,
      code: 'tencent_unreachable',
      message: expect.any(String),
      fields: { failure: 'network' },
    });
    expect((error as Error).message).not.toContain(gone.endpoint);
    expectNoPersonalData(error);
  });

  describe('against a server that is not FaceID', () => {
    let status = 200;
    let body = '';
    const server = createServer((_req, res) => res.writeHead(status, { 'content-type': 'application/json' }).end(body));
    let endpoint = '';
    beforeAll(async () => {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      endpoint = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const call = () => caught(apiFor(sdkClient({ endpoint, secretId: 'AKID', secretKey: 'k' })).detectAuth(PERSON));

    it('maps an HTTP status other than 200 to http-status (the call may have been served)', async () => {
      status = 502;
      body = 'Bad Gateway';
      expect(await call()).toMatchObject({
        name: 'TencentTransportError',
        failure: 'http-status',
        status: 502,
        mayHaveReachedTencent: true,
      });
    });

    it.each([
      ['not JSON', 'not json'],
      ['JSON without Response', '{"ok":true}'],
      ['an answer without BizToken', '{"Response":{"Url":"https://a.example/v","RequestId":"r"}}'],
    ])('maps %s to bad_answer', async (_case, text) => {
      status = 200;
      body = text;
      const error = await call();
      expect(error).toMatchObject({ name: 'TencentApiError', failure: 'bad_answer' });
      expect((error as TencentApiError).httpAnswer()).toEqual({ status: 502, code: 'tencent_bad_answer', message: expect.any(String) });
    });
  });
});

describe('what it sends and what it accepts back (a client double)', () => {
  function fakeClient(answers: { detect?: unknown; info?: unknown; throws?: unknown } = {}) {
    const calls: { action: string; req: unknown }[] = [];
    const client: TencentFaceIdClientLike = {
      async DetectAuth(req) {
        calls.push({ action: 'DetectAuth', req });
        if (answers.throws !== undefined) throw answers.throws;
        return (
          'detect' in answers ? answers.detect : { BizToken: 'T1', Url: 'https://faceid.qq.com/x?token=T1', RequestId: 'r1' }
        ) as never;
      },
      async GetDetectInfoEnhanced(req) {
        calls.push({ action: 'GetDetectInfoEnhanced', req });
        if (answers.throws !== undefined) throw answers.throws;
        return answers.info as never;
      },
    };
    return { client, calls };
  }

  it('sends the RuleId, the trimmed name, the ID number with an upper-case X and the redirect URL; asks for text only', async () => {
    const { client, calls } = fakeClient({ info: { Text: { ErrCode: 17 }, RequestId: 'r2' } });
    const tencent = createTencentFaceIdApi({ client, ruleId: '7', redirectUrl: 'https://app.example/#/pages/face-verify/index' });
    await tencent.detectAuth({ name: ` ${PERSON.name} `, idCardNumber: ` ${PERSON.idCardNumber} ` });
    await tencent.getDetectInfo('T1');
    expect(calls).toEqual([
      {
        action: 'DetectAuth',
        req: { RuleId: '7', IdCard: PERSON_ID_NORMALISED, Name: PERSON.name, RedirectUrl: 'https://app.example/#/pages/face-verify/index' },
      },
      { action: 'GetDetectInfoEnhanced', req: { BizToken: 'T1', RuleId: '7', InfoType: '1' } },
    ]);
  });

  it.each([
    ['no BizToken', { Url: 'https://faceid.qq.com/x' }],
    ['an empty BizToken', { BizToken: '', Url: 'https://faceid.qq.com/x' }],
    ['no Url', { BizToken: 'T1' }],
    ['a plain-http Url off loopback', { BizToken: 'T1', Url: 'http://evil.example/x' }],
    ['a javascript: Url', { BizToken: 'T1', Url: 'javascript:alert(1)' }],
    ['a relative Url', { BizToken: 'T1', Url: '/verify' }],
    ['null', null],
  ])('refuses a DetectAuth answer with %s as bad_answer', async (_case, detect) => {
    const error = await caught(apiFor(fakeClient({ detect }).client).detectAuth(PERSON));
    expect(error).toMatchObject({ name: 'TencentApiError', action: 'DetectAuth', failure: 'bad_answer' });
  });

  it.each([
    ['no Text', { RequestId: 'r' }],
    ['a null Text', { Text: null }],
    ['an ErrCode as a string', { Text: { ErrCode: '0', Sim: '95' } }],
    ['a fractional ErrCode', { Text: { ErrCode: 0.5 } }],
    ['a Sim that is not a number', { Text: { ErrCode: 0, Sim: 'high' } }],
    ['a Sim above 100', { Text: { ErrCode: 0, Sim: '150' } }],
    ['a Name that is not a string', { Text: { ErrCode: 0, Sim: '95', Name: 42 } }],
    ['nothing', undefined],
  ])('refuses a GetDetectInfoEnhanced answer with %s as bad_answer', async (_case, info) => {
    const error = await caught(apiFor(fakeClient({ info }).client).getDetectInfo('T1'));
    expect(error).toMatchObject({ name: 'TencentApiError', action: 'GetDetectInfoEnhanced', failure: 'bad_answer' });
  });

  it('parses Sim from its string form and reads null fields as absent', async () => {
    const info = { Text: { ErrCode: 0, Sim: '70.00', IdCard: null, Name: '', LivenessMode: 3, Comparestatus: 0 }, RequestId: 'r' };
    expect(await apiFor(fakeClient({ info }).client).getDetectInfo('T1')).toMatchObject({
      errCode: 0,
      sim: 70,
      idCard: undefined,
      name: undefined,
      livenessMode: 3,
      compareStatus: 0,
      requestId: 'r',
    });
  });

  it.each([
    ['an SDK timeout', new TencentCloudSDKHttpException('network timeout at: http://faceid.tencentcloudapi.com/', '', 't'), 'timeout'],
    [
      'an SDK connection reset',
      new TencentCloudSDKHttpException('request to http://x/ failed, reason: socket hang up', '', 't'),
      'interrupted',
    ],
    [
      'a DNS failure',
      new TencentCloudSDKHttpException('request to https://x/ failed, reason: getaddrinfo ENOTFOUND x', '', 't'),
      'network',
    ],
  ])('maps %s to a transport error', async (_case, thrown, failure) => {
    const error = await caught(apiFor(fakeClient({ throws: thrown }).client).detectAuth(PERSON));
    expect(error).toMatchObject({ name: 'TencentTransportError', failure });
    expect((error as Error).message).not.toContain('http');
  });

  it('maps an error the client double throws (not the SDK) to bad_answer, without quoting it', async () => {
    const thrown = new Error(`could not verify ${PERSON.name} ${PERSON.idCardNumber}`);
    const error = await caught(apiFor(fakeClient({ throws: thrown }).client).detectAuth(PERSON));
    expect(error).toMatchObject({ name: 'TencentApiError', failure: 'bad_answer' });
    expectNoPersonalData(error);
  });

  it('never quotes Tencent’s own Message (it can repeat the request)', async () => {
    const thrown = Object.assign(new TencentCloudSDKHttpException(`IdCard ${PERSON_ID_NORMALISED} is invalid`, 'req-9', 't'), {
      code: 'InvalidParameterValue',
    });
    const error = await caught(apiFor(fakeClient({ throws: thrown }).client).detectAuth(PERSON));
    expect(error).toMatchObject({ code: 'InvalidParameterValue', requestId: 'req-9' });
    expect((error as Error).message).toMatch(/ID number/);
    expectNoPersonalData(error);
  });
});

describe('options and parameters', () => {
  const client: TencentFaceIdClientLike = { DetectAuth: async () => ({}), GetDetectInfoEnhanced: async () => ({}) };

  it.each([
    ['no client', { ruleId: '1', redirectUrl: 'https://a.example/' }, /needs \{ client \}/],
    ['an empty ruleId', { client, ruleId: ' ', redirectUrl: 'https://a.example/' }, /needs \{ ruleId \}/],
    ['no redirectUrl', { client, ruleId: '1' }, /redirectUrl must be the absolute URL/],
    ['a relative redirectUrl', { client, ruleId: '1', redirectUrl: '/#/pages/x' }, /absolute URL/],
    [
      'plain http off loopback',
      { client, ruleId: '1', redirectUrl: 'http://app.example/' },
      /plain http: the BizToken would travel in clear/,
    ],
    ['another scheme', { client, ruleId: '1', redirectUrl: 'ftp://app.example/' }, /must be an https URL/],
    ['a redirectUrl over 1024 characters', { client, ruleId: '1', redirectUrl: `https://a.example/${'a'.repeat(1010)}` }, /at most 1024/],
  ])('refuses %s at creation, saying why', (_case, options, message) => {
    expect(() => createTencentFaceIdApi(options as never)).toThrow(message);
  });

  it.each([
    ['https', { redirectUrl: 'https://app.example/#/pages/face-verify/index' }],
    ['http on 127.0.0.1', { redirectUrl: 'http://127.0.0.1:10086/#/x' }],
    ['http on localhost', { redirectUrl: 'http://localhost:10086/' }],
    ['http elsewhere with allowInsecureRedirect', { redirectUrl: 'http://192.168.1.5:10086/', allowInsecureRedirect: true }],
  ])('accepts %s', (_case, options) => {
    expect(() => createTencentFaceIdApi({ client, ruleId: '1', ...options })).not.toThrow();
  });

  it.each([
    ['an empty name', { name: ' ', idCardNumber: PERSON.idCardNumber }, /non-empty name/],
    ['a name over 32 characters', { name: '张'.repeat(33), idCardNumber: PERSON.idCardNumber }, /at most 32/],
    ['extra over 1024 characters', { ...PERSON, extra: 'e'.repeat(1025) }, /at most 1024/],
    ['a plain-http redirect of its own', { ...PERSON, redirectUrl: 'http://app.example/' }, /plain http/],
  ])('refuses %s before calling Tencent', async (_case, params, message) => {
    const detectAuth = jest.fn(client.DetectAuth);
    const tencent = createTencentFaceIdApi({
      client: { ...client, DetectAuth: detectAuth },
      ruleId: '1',
      redirectUrl: 'https://a.example/',
    });
    await expect(tencent.detectAuth(params)).rejects.toThrow(message);
    expect(detectAuth).not.toHaveBeenCalled();
  });
});

describe("the SDK stays the app's", () => {
  it("is never imported by the kit's source (the app passes its client in)", () => {
    const root = join(__dirname, '../../src/face-verify');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((file) => /\.tsx?$/.test(file));
    expect(files.length).toBeGreaterThan(40);
    const importing = files.filter((file) =>
      /^\s*(import|export)\b[^\n]*['"]tencentcloud-sdk-nodejs|require\(\s*['"]tencentcloud-sdk-nodejs/m.test(
        readFileSync(join(root, file), 'utf8'),
      ),
    );
    expect(importing).toEqual([]);
  });
});

describe('the type guards', () => {
  it('recognise the errors by shape, so a second copy of the kit (ESM next to CJS) maps them the same', () => {
    const copy = { name: 'TencentApiError', httpAnswer: () => ({ status: 502, code: 'tencent_error', message: 'm' }) };
    expect(isTencentApiError(copy)).toBe(true);
    expect(isTencentTransportError(copy)).toBe(false);
    expect(isTencentTransportError(new TencentTransportError('DetectAuth', 'timeout'))).toBe(true);
    expect(isTencentApiError(new Error('TencentApiError'))).toBe(false);
    expect(isTencentApiError({ name: 'TencentApiError' })).toBe(false);
  });
});
