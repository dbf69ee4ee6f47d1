/** createAlipayApi's own transport: which gateways it accepts, how it posts, and what it makes of odd answers. */
import { generateKeyPairSync } from 'node:crypto';
import { AlipaySdk } from 'alipay-sdk';
import { createAlipayApi, createMockAlipay, MOCK_ALIPAY_APP_ID } from 'taro-face-verify/server';
import { PERSON } from './helpers';

const mock = createMockAlipay();
const sdkOn = (gateway: string, extra: Record<string, unknown> = {}) =>
  new AlipaySdk({
    appId: mock.appId,
    privateKey: mock.appPrivateKey as string,
    alipayPublicKey: mock.alipayPublicKey,
    gateway,
    ...extra,
  });

describe('createAlipayApi: the gateway', () => {
  it('refuses an http: gateway unless allowInsecureGateway, saying what to do', () => {
    expect(() => createAlipayApi({ sdk: sdkOn('http://127.0.0.1:9/gateway.do') })).toThrow(TypeError);
    expect(() => createAlipayApi({ sdk: sdkOn('http://127.0.0.1:9/gateway.do') })).toThrow(
      /plain http\. Only TLS binds Alipay's answer to its certify id: use https .* or pass allowInsecureGateway: true/,
    );
    expect(() => createAlipayApi({ sdk: sdkOn('http://127.0.0.1:9/gateway.do'), allowInsecureGateway: false })).toThrow(TypeError);
    expect(() => createAlipayApi({ sdk: sdkOn('http://127.0.0.1:9/gateway.do'), allowInsecureGateway: true })).not.toThrow();
    expect(() => createAlipayApi({ sdk: sdkOn('ftp://example.com/gateway.do'), allowInsecureGateway: true })).toThrow(
      /must be an https URL/,
    );
    expect(() => createAlipayApi({ sdk: sdkOn('not a url') })).toThrow(/not a URL/);
  });

  it('accepts https, Alipay’s default gateway included, and refuses a signType it cannot verify', () => {
    const defaults = new AlipaySdk({
      appId: MOCK_ALIPAY_APP_ID,
      privateKey: mock.appPrivateKey as string,
      alipayPublicKey: mock.alipayPublicKey,
    });
    expect(() => createAlipayApi({ sdk: defaults })).not.toThrow();
    expect(() => createAlipayApi({ sdk: sdkOn('https://openapi-sandbox.dl.alipaydev.com/gateway.do') })).not.toThrow();
    expect(() => createAlipayApi({ sdk: sdkOn('https://openapi.alipay.com/gateway.do', { signType: 'RSA' }) })).toThrow(/RSA2/);
    const ecKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(() => createAlipayApi({ sdk: sdkOn('https://openapi.alipay.com/gateway.do', { alipayPublicKey: ecKey }) })).toThrow(
      /not a readable RSA public key/,
    );
  });

  it('posts through the fetch it is given (here the stand-in without a socket): identity in the body, never the URL', async () => {
    const seen: Array<{ url: string; body: string }> = [];
    const recording: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      seen.push({ url: request.url, body: await request.clone().text() });
      return mock.fetch(request);
    };
    const alipay = createAlipayApi({ sdk: sdkOn(mock.gateway), allowInsecureGateway: true, fetch: recording });
    const { certifyId } = await alipay.initialize(PERSON);
    mock.reportCapture(certifyId, true);
    await expect(alipay.query(certifyId)).resolves.toEqual({ passed: true });
    expect(seen).toHaveLength(2);
    const [initialize] = seen;
    const url = new URL(initialize?.url ?? '');
    expect(url.searchParams.get('method')).toBe('alipay.user.certify.open.initialize');
    expect(url.searchParams.get('sign')).toBeTruthy();
    expect(url.searchParams.has('biz_content')).toBe(false);
    expect(decodeURIComponent(initialize?.url ?? '')).not.toContain(PERSON.name);
    expect(JSON.parse(new URLSearchParams(initialize?.body).get('biz_content') ?? '{}')).toMatchObject({
      biz_code: 'FACE',
      identity_param: { cert_name: PERSON.name, cert_no: '11010519491231002X' },
    });
  });

  it('treats a redirect, an oversized answer and bytes that are not UTF-8 as no answer', async () => {
    const answering = (response: () => Response) =>
      createAlipayApi({ sdk: sdkOn(mock.gateway), allowInsecureGateway: true, fetch: async () => response() });
    const redirect = answering(() => new Response(null, { status: 302, headers: { location: 'http://elsewhere.invalid/' } }));
    await expect(redirect.query('abc')).rejects.toMatchObject({ name: 'AlipayTransportError', failure: 'http-status', status: 302 });
    const huge = answering(() => new Response(`{"a":"${'x'.repeat(2 * 1024 * 1024)}"}`));
    await expect(huge.query('abc')).rejects.toMatchObject({ name: 'AlipayTransportError', failure: 'malformed-answer' });
    const latin1 = answering(() => new Response(new Uint8Array([0x7b, 0xff, 0x7d])));
    await expect(latin1.query('abc')).rejects.toMatchObject({ name: 'AlipayTransportError', failure: 'malformed-answer' });
    const thrown = answering(() => {
      throw new TypeError('fetch failed');
    });
    await expect(thrown.query('abc')).rejects.toMatchObject({ name: 'AlipayTransportError', failure: 'network' });
  });
});
