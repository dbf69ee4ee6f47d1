import { AlipaySdk } from 'alipay-sdk';
import {
  AlipayApiError,
  AlipaySignatureError,
  AlipayTransportError,
  createAlipayApi,
  MOCK_ALIPAY_CAPTURE_REPORT_PATH,
  startMockAlipay,
  type MockAlipayServer,
} from 'taro-face-verify/server';
import { classifyVerdict } from 'taro-face-verify';
import { generateRsaKeyPair } from '../../src/face-verify/server/alipay/mock/signing';
import { listen, PERSON, sdkFor, tamperingProxy } from './helpers';

let mock: MockAlipayServer;
beforeAll(async () => {
  mock = await startMockAlipay();
});
afterAll(() => mock.close());
beforeEach(() => mock.setScenario('passed'));

/** The error a promise rejects with. */
async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

/** No identity, no certify id, in anything an error shows a logger. */
function expectNoSecrets(error: Error, certifyId?: string) {
  const shown = `${error.message} ${JSON.stringify(error)} ${String(error.stack)} ${String((error as { cause?: unknown }).cause ?? '')}`;
  expect(shown).not.toContain(PERSON.name);
  expect(shown).not.toMatch(/11010519491231002/);
  if (certifyId) expect(shown).not.toContain(certifyId);
}

describe('createAlipayApi over the real alipay-sdk and the Alipay stand-in', () => {
  it('initializes with a fresh outer_order_no, builds the certify URL locally, and reads passed "T"', async () => {
    const alipay = createAlipayApi({ sdk: sdkFor(mock), allowInsecureGateway: true });
    const first = await alipay.initialize(PERSON);
    const second = await alipay.initialize(PERSON);
    expect(first.outerOrderNo).toMatch(/^[A-Za-z0-9]{1,32}$/);
    expect(second.outerOrderNo).not.toBe(first.outerOrderNo);
    expect(first.certifyId).not.toBe(second.certifyId);

    const certifyCalls = mock.calls.certify ?? 0;
    const url = alipay.certifyUrl(first.certifyId);
    expect(mock.calls.certify ?? 0).toBe(certifyCalls); // built offline
    const parsed = new URL(url);
    expect(`${parsed.origin}${parsed.pathname}`).toBe(mock.gateway);
    expect(parsed.searchParams.get('method')).toBe('alipay.user.certify.open.certify');
    expect(JSON.parse(parsed.searchParams.get('biz_content') ?? '{}')).toEqual({ certify_id: first.certifyId });
    expect(mock.certifyPageOpened(first.certifyId)).toBe(false);
    const page = await fetch(url);
    expect(page.status).toBe(200); // the stand-in verified the URL's signature
    expect(mock.certifyPageOpened(first.certifyId)).toBe(true);

    await expect(alipay.query(first.certifyId)).resolves.toEqual({ passed: true });
  });

  it('reads passed "F" (not passed, or never gone through), and the simulated capture’s report for one certify id', async () => {
    const alipay = createAlipayApi({ sdk: sdkFor(mock), allowInsecureGateway: true });
    const { certifyId } = await alipay.initialize(PERSON);
    const other = await alipay.initialize(PERSON);
    await expect(alipay.query(other.certifyId)).resolves.toEqual({ passed: false }); // nobody went through it yet
    expect(mock.reportCapture(other.certifyId, true)).toBe(true);
    const report = await fetch(`${mock.url}/${MOCK_ALIPAY_CAPTURE_REPORT_PATH}`, {
      method: 'POST',
      body: JSON.stringify({ certify_id: certifyId, passed: false }),
    });
    expect(report.status).toBe(200);
    await expect(alipay.query(certifyId)).resolves.toEqual({ passed: false });
    await expect(alipay.query(other.certifyId)).resolves.toEqual({ passed: true });
    mock.setScenario('not-passed');
    await expect(alipay.query(other.certifyId)).resolves.toEqual({ passed: false });
  });

  it('accepts passed as ["T"] / ["F"], and an SDK that keeps snake_case keys', async () => {
    const arrays = await startMockAlipay({ passedShape: 'array' });
    try {
      const alipay = createAlipayApi({ sdk: sdkFor(arrays, { camelcase: false }), allowInsecureGateway: true });
      const { certifyId } = await alipay.initialize(PERSON);
      arrays.reportCapture(certifyId, true);
      await expect(alipay.query(certifyId)).resolves.toEqual({ passed: true });
      arrays.setScenario('not-passed');
      await expect(alipay.query(certifyId)).resolves.toEqual({ passed: false });
    } finally {
      await arrays.close();
    }
  });

  it('maps 40004 CERTIFY_ID_EXPIRED (scenario and real lifetime) to AlipayApiError.certifyIdExpired', async () => {
    const alipay = createAlipayApi({ sdk: sdkFor(mock), allowInsecureGateway: true });
    const { certifyId } = await alipay.initialize(PERSON);
    mock.setScenario('expired');
    const error = await rejectionOf(alipay.query(certifyId));
    expect(error).toBeInstanceOf(AlipayApiError);
    expect(error).toMatchObject({
      code: '40004',
      subCode: 'CERTIFY_ID_EXPIRED',
      certifyIdExpired: true,
      method: 'alipay.user.certify.open.query',
    });
    expectNoSecrets(error, certifyId);
    // …which the verify handler answers as `unknown_ticket`: the front end starts again with a new certify id
    expect(classifyVerdict('unknown_ticket', undefined, { step: 'capture' })).toMatchObject({ retryable: true, step: 'ticket' });

    let now = Date.parse('2026-12-01T00:00:00Z');
    const clocked = await startMockAlipay({ now: () => now, certifyTtlSeconds: 60 });
    try {
      const api = createAlipayApi({ sdk: sdkFor(clocked), allowInsecureGateway: true });
      const issued = await api.initialize(PERSON);
      clocked.reportCapture(issued.certifyId, true);
      await expect(api.query(issued.certifyId)).resolves.toEqual({ passed: true });
      now += 60_000;
      await expect(api.query(issued.certifyId)).rejects.toMatchObject({ certifyIdExpired: true });
    } finally {
      await clocked.close();
    }
  });

  it('maps a gateway error to AlipayApiError with code and sub_code, never identity', async () => {
    mock.setScenario('gateway-error');
    const alipay = createAlipayApi({ sdk: sdkFor(mock), allowInsecureGateway: true });
    const error = await rejectionOf(alipay.initialize(PERSON));
    expect(error).toBeInstanceOf(AlipayApiError);
    expect(error).toMatchObject({ code: '20000', subCode: 'isp.unknow-error', certifyIdExpired: false });
    expect(error.message).toBe('Alipay alipay.user.certify.open.initialize answered code 20000 (isp.unknow-error)');
    expectNoSecrets(error);
  });

  it('rejects answers signed with another key (scenario bad-signature) and a wrong alipayPublicKey', async () => {
    const alipay = createAlipayApi({ sdk: sdkFor(mock), allowInsecureGateway: true });
    const { certifyId } = await alipay.initialize(PERSON);
    mock.setScenario('bad-signature');
    const forged = await rejectionOf(alipay.query(certifyId));
    expect(forged).toBeInstanceOf(AlipaySignatureError);
    expect(forged).toMatchObject({ failure: 'invalid', method: 'alipay.user.certify.open.query' });
    expectNoSecrets(forged, certifyId);

    mock.setScenario('passed');
    const wrongKey = createAlipayApi({
      sdk: sdkFor(mock, { alipayPublicKey: generateRsaKeyPair().publicKey }),
      allowInsecureGateway: true,
    });
    const error = await rejectionOf(wrongKey.initialize(PERSON));
    expect(error).toBeInstanceOf(AlipaySignatureError);
    expectNoSecrets(error);
  });

  it('rejects a tampered answer ("F" rewritten to "T" on the way)', async () => {
    const alipay = createAlipayApi({ sdk: sdkFor(mock), allowInsecureGateway: true });
    const { certifyId } = await alipay.initialize(PERSON);
    mock.setScenario('not-passed');
    const proxy = await tamperingProxy(mock, (text) => text.replace('"passed":"F"', '"passed":"T"'));
    try {
      const through = createAlipayApi({ sdk: sdkFor(mock, { gateway: `${proxy.url}/gateway.do` }), allowInsecureGateway: true });
      await expect(through.query(certifyId)).rejects.toMatchObject({ name: 'AlipaySignatureError', failure: 'invalid' });
      // The same path without tampering: the answer verifies, and says "F".
      const honest = await tamperingProxy(mock, (text) => text);
      try {
        await expect(
          createAlipayApi({ sdk: sdkFor(mock, { gateway: `${honest.url}/gateway.do` }), allowInsecureGateway: true }).query(certifyId),
        ).resolves.toEqual({
          passed: false,
        });
      } finally {
        await honest.close();
      }
    } finally {
      await proxy.close();
    }
  });

  it('the stand-in refuses a request signed with another app key (40002 isv.invalid-signature), signed', async () => {
    const before = { initialize: mock.calls.initialize ?? 0, refused: mock.calls.refused ?? 0 };
    const alipay = createAlipayApi({ sdk: sdkFor(mock, { privateKey: generateRsaKeyPair().privateKey }), allowInsecureGateway: true });
    const error = await rejectionOf(alipay.initialize(PERSON));
    expect(error).toBeInstanceOf(AlipayApiError);
    expect(error).toMatchObject({ code: '40002', subCode: 'isv.invalid-signature' });
    expectNoSecrets(error);
    expect(mock.calls.initialize ?? 0).toBe(before.initialize);
    expect(mock.calls.refused).toBe(before.refused + 1);
    // and a certify URL signed with another key opens no page
    const { certifyId } = await createAlipayApi({ sdk: sdkFor(mock), allowInsecureGateway: true }).initialize(PERSON);
    const page = await fetch(alipay.certifyUrl(certifyId));
    expect(page.status).toBe(400);
    expect(mock.certifyPageOpened(certifyId)).toBe(false);
  });

  it('an unsigned error_response (unknown app id) is an AlipaySignatureError "missing", not a TypeError', async () => {
    const alipay = createAlipayApi({ sdk: sdkFor(mock, { appId: '2021999999999999' }), allowInsecureGateway: true });
    const error = await rejectionOf(alipay.initialize(PERSON));
    expect(error).toBeInstanceOf(AlipaySignatureError);
    expect(error).toMatchObject({ failure: 'missing' });
    expectNoSecrets(error);
  });

  it('maps HTTP errors, timeouts and unreachable gateways to AlipayTransportError', async () => {
    const notFound = createAlipayApi({ sdk: sdkFor(mock, { gateway: `${mock.url}/no-such-gateway` }), allowInsecureGateway: true });
    await expect(notFound.initialize(PERSON)).rejects.toMatchObject({ name: 'AlipayTransportError', failure: 'http-status', status: 404 });

    const slow = await startMockAlipay({ scenario: 'slow', slowMs: 5000 });
    try {
      const impatient = createAlipayApi({ sdk: sdkFor(slow, { timeout: 100 }), allowInsecureGateway: true });
      const error = await rejectionOf(impatient.initialize(PERSON));
      expect(error).toBeInstanceOf(AlipayTransportError);
      expect(error).toMatchObject({ failure: 'timeout' });
      expectNoSecrets(error);
    } finally {
      await slow.close();
    }

    const gone = await listen(async () => new Response('x'));
    const goneUrl = gone.url;
    await gone.close();
    const unreachable = createAlipayApi({ sdk: sdkFor(mock, { gateway: `${goneUrl}/gateway.do` }), allowInsecureGateway: true });
    await expect(unreachable.query('abc')).rejects.toMatchObject({ name: 'AlipayTransportError', failure: 'network' });

    const notJson = await listen(async () => new Response('<html>busy</html>', { status: 200 }));
    try {
      const api = createAlipayApi({ sdk: sdkFor(mock, { gateway: `${notJson.url}/gateway.do` }), allowInsecureGateway: true });
      await expect(api.query('abc')).rejects.toMatchObject({ name: 'AlipayTransportError', failure: 'malformed-answer' });
    } finally {
      await notJson.close();
    }
  });

  it('refuses an SDK that would skip verification, and bad initialize input before any call', async () => {
    expect(() =>
      createAlipayApi({ sdk: new AlipaySdk({ appId: mock.appId, privateKey: mock.appPrivateKey as string }), allowInsecureGateway: true }),
    ).toThrow(/alipayPublicKey/);
    expect(() => createAlipayApi({ sdk: sdkFor(mock, { alipayPublicKey: 'not a key' }), allowInsecureGateway: true })).toThrow(
      /not a readable RSA public key/,
    );

    const alipay = createAlipayApi({ sdk: sdkFor(mock), allowInsecureGateway: true });
    const before = mock.calls.initialize ?? 0;
    await expect(alipay.initialize({ ...PERSON, outerOrderNo: 'order-1' })).rejects.toThrow(/1–32 letters or digits/);
    await expect(alipay.initialize({ ...PERSON, outerOrderNo: 'a'.repeat(33) })).rejects.toThrow(TypeError);
    await expect(alipay.initialize({ ...PERSON, name: ' ' })).rejects.toThrow(/non-empty name/);
    expect(() => alipay.certifyUrl('')).toThrow(TypeError);
    expect(mock.calls.initialize ?? 0).toBe(before);

    await alipay.initialize({ ...PERSON, outerOrderNo: 'ORDER20261201A' });
    await expect(alipay.initialize({ ...PERSON, outerOrderNo: 'ORDER20261201A' })).rejects.toMatchObject({
      code: '40004',
      subCode: 'OUTER_ORDER_NO_DUPLICATE',
    });
  });

  it('the stand-in refuses identity_param sent as a JSON string (the documented pitfall)', async () => {
    const sdk = sdkFor(mock);
    const answer = await sdk.exec(
      'alipay.user.certify.open.initialize',
      {
        bizContent: {
          outer_order_no: 'ORDERSTRINGIDENTITY1',
          biz_code: 'FACE',
          identity_param: JSON.stringify({ identity_type: 'CERT_INFO', cert_type: 'IDENTITY_CARD', cert_name: PERSON.name, cert_no: 'x' }),
          merchant_config: { return_url: '' },
        },
      },
      { validateSign: true },
    );
    expect(answer).toMatchObject({ code: '40002', subCode: 'isv.invalid-identity-param' });
  });
});
