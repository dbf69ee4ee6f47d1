import { AlipaySdk } from 'alipay-sdk';
import { createAlipayApi, createMockAlipay, MOCK_ALIPAY_CAPTURE_REPORT_PATH, parsePassed } from 'taro-face-verify/server';
import { requestSignContent, rsa2Sign, rsa2Verify, generateRsaKeyPair } from '../../src/face-verify/server/alipay/mock/signing';

describe('the Alipay stand-in as a fetch handler (no socket)', () => {
  const mock = createMockAlipay();
  const sdk = new AlipaySdk({
    appId: mock.appId,
    privateKey: mock.appPrivateKey as string,
    alipayPublicKey: mock.alipayPublicKey,
    gateway: mock.gateway,
  });

  it('serves the certify page for a URL the SDK signed, and refuses one whose parameters changed', async () => {
    const alipay = createAlipayApi({ sdk, allowInsecureGateway: true });
    // A certify id issued through the in-process handler: initialize posted as alipay-sdk would post it.
    const url = new URL(
      sdk.pageExecute('alipay.user.certify.open.initialize', 'GET', {
        bizContent: {
          outer_order_no: 'HANDLERTEST1',
          biz_code: 'FACE',
          identity_param: { identity_type: 'CERT_INFO', cert_type: 'IDENTITY_CARD', cert_name: '李四', cert_no: '110105194912310021' },
          merchant_config: { return_url: '' },
        },
      }),
    );
    const form = new URLSearchParams();
    for (const [key, value] of [...url.searchParams])
      if (!['app_id', 'method', 'sign', 'sign_type', 'timestamp', 'version', 'charset'].includes(key)) form.set(key, value);
    for (const key of form.keys()) url.searchParams.delete(key);
    const answer = await mock.fetch(url, { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const text = await answer.text();
    const node = JSON.parse(text).alipay_user_certify_open_initialize_response;
    expect(node).toMatchObject({ code: '10000' });
    // The answer's signature covers the node's exact JSON text, under the published public key.
    expect(rsa2Verify(JSON.stringify(node), JSON.parse(text).sign, mock.alipayPublicKey)).toBe(true);

    const pageUrl = alipay.certifyUrl(node.certify_id);
    expect((await mock.fetch(pageUrl)).status).toBe(200);
    expect(mock.certifyPageOpened(node.certify_id)).toBe(true);
    const changed = new URL(pageUrl);
    changed.searchParams.set('biz_content', JSON.stringify({ certify_id: 'someone-elses-id' }));
    expect((await mock.fetch(changed)).status).toBe(400);
  });

  it('takes capture reports only as { certify_id, passed: boolean } for ids it issued', async () => {
    const post = (body: unknown) =>
      mock.fetch(`${mock.url}/${MOCK_ALIPAY_CAPTURE_REPORT_PATH}`, { method: 'POST', body: JSON.stringify(body) });
    expect((await post({ certify_id: 'x', passed: 'T' })).status).toBe(400);
    expect((await post({ certify_id: 'never-issued', passed: true })).status).toBe(404);
  });
});

describe('signing helpers', () => {
  it('sign content: every parameter but sign, empty ones skipped, sorted, not encoded', () => {
    expect(requestSignContent({ sign: 'S', method: 'a.b', app_id: '1', empty: '', biz_content: '{"k":"中 文"}' })).toBe(
      'app_id=1&biz_content={"k":"中 文"}&method=a.b',
    );
  });
  it('a signature verifies with its public key only', () => {
    const one = generateRsaKeyPair();
    const two = generateRsaKeyPair();
    const signature = rsa2Sign('content', one.privateKey);
    expect(rsa2Verify('content', signature, one.publicKey)).toBe(true);
    expect(rsa2Verify('content', signature, two.publicKey)).toBe(false);
    expect(rsa2Verify('content!', signature, one.publicKey)).toBe(false);
    expect(rsa2Verify('content', 'not base64 at all', one.publicKey)).toBe(false);
  });
});

describe('parsePassed', () => {
  it.each([
    ['T', true],
    [['T'], true],
    ['F', false],
    [['F'], false],
    ['true', undefined],
    [true, undefined],
    [['T', 'T'], undefined],
    [undefined, undefined],
  ])('%j → %s', (value, expected) => expect(parsePassed(value)).toBe(expected));
});
