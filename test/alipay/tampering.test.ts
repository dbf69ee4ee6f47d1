/**
 * Alipay answers altered on the way (a proxy on the server's egress path, played by the stand-in's
 * `appended-node` scenario or by a rewriting proxy): the kit reads only the node whose signature it checked.
 */
import { AlipaySignatureError, createAlipayApi, startMockAlipay, type AlipayApi, type MockAlipayServer } from 'taro-face-verify/server';
import { PERSON, sdkFor, tamperingProxy } from './helpers';

const QUERY_KEY = 'alipay_user_certify_open_query_response';
const INITIALIZE_KEY = 'alipay_user_certify_open_initialize_response';

let mock: MockAlipayServer;
let alipay: AlipayApi;
beforeAll(async () => {
  mock = await startMockAlipay();
  alipay = createAlipayApi({ sdk: sdkFor(mock), allowInsecureGateway: true });
});
afterAll(() => mock.close());
beforeEach(() => mock.setScenario('passed'));

/** A certify id nobody went through: Alipay's signed answer for it says passed "F". */
const notPassedCertifyId = async () => (await alipay.initialize(PERSON)).certifyId;

/** The query of `certifyId` through a proxy that rewrites the answer text. */
async function queryThrough(certifyId: string, rewrite: (text: string) => string) {
  const proxy = await tamperingProxy(mock, rewrite);
  try {
    const through = createAlipayApi({ sdk: sdkFor(mock, { gateway: `${proxy.url}/gateway.do` }), allowInsecureGateway: true });
    return await through.query(certifyId).then(
      (result) => ({ result }),
      (error: unknown) => ({ error }),
    );
  } finally {
    await proxy.close();
  }
}

/** The answer's parts, cut by hand from the stand-in's `{"<key>":<node>,"sign":"…"}`. */
function partsOf(text: string, key: string): { node: string; sign: string } {
  const sign = /,"sign":("[^"]*")\}$/.exec(text)?.[1];
  const prefix = `{"${key}":`;
  if (!text.startsWith(prefix) || sign === undefined) throw new Error('unexpected answer layout');
  return { node: text.slice(prefix.length, text.length - `,"sign":${sign}}`.length), sign };
}

describe('an Alipay answer holding a second, unsigned response node', () => {
  it('is refused (the stand-in’s appended-node scenario): the signed node says "F", the appended one "T"', async () => {
    const certifyId = await notPassedCertifyId();
    mock.setScenario('appended-node');
    const error = await alipay.query(certifyId).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AlipaySignatureError);
    expect(error).toMatchObject({ failure: 'ambiguous', method: 'alipay.user.certify.open.query' });
    // The same certification, answered plainly: "F".
    mock.setScenario('passed');
    await expect(alipay.query(certifyId)).resolves.toEqual({ passed: false });
  });

  it('is refused whether the unsigned node comes after or before the signed one', async () => {
    const certifyId = await notPassedCertifyId();
    const forged = `"${QUERY_KEY}":{"code":"10000","msg":"Success","passed":"T"}`;
    const after = await queryThrough(certifyId, (text) => `${text.slice(0, -1)},${forged}}`);
    expect(after).toMatchObject({ error: { name: 'AlipaySignatureError', failure: 'ambiguous' } });
    const before = await queryThrough(certifyId, (text) => `{${forged},${text.slice(1)}`);
    expect(before).toMatchObject({ error: { name: 'AlipaySignatureError', failure: 'ambiguous' } });
  });

  it('refuses an initialize answer with a second certify id appended (the query would then ask about the wrong one)', async () => {
    const proxy = await tamperingProxy(
      mock,
      (text) => `${text.slice(0, -1)},"${INITIALIZE_KEY}":{"code":"10000","msg":"Success","certify_id":"chosen"}}`,
    );
    try {
      const through = createAlipayApi({ sdk: sdkFor(mock, { gateway: `${proxy.url}/gateway.do` }), allowInsecureGateway: true });
      await expect(through.initialize(PERSON)).rejects.toMatchObject({ name: 'AlipaySignatureError', failure: 'ambiguous' });
    } finally {
      await proxy.close();
    }
  });

  it('refuses a key repeated inside the signed node, or a repeated sign (even with the same, valid value)', async () => {
    const certifyId = await notPassedCertifyId();
    const inside = await queryThrough(certifyId, (text) => text.replace('"passed":"F"', '"passed":"F","passed":"T"'));
    expect(inside).toMatchObject({ error: { name: 'AlipaySignatureError', failure: 'ambiguous' } });
    const escaped = await queryThrough(certifyId, (text) => text.replace('"passed":"F"', '"passed":"F","pa\\u0073sed":"T"'));
    expect(escaped).toMatchObject({ error: { name: 'AlipaySignatureError', failure: 'ambiguous' } });
    const twice = await queryThrough(certifyId, (text) => {
      const { sign } = partsOf(text, QUERY_KEY);
      return `${text.slice(0, -1)},"sign":${sign}}`;
    });
    expect(twice).toMatchObject({ error: { name: 'AlipaySignatureError', failure: 'ambiguous' } });
  });

  it('refuses the signed node with its keys reordered (the signed text changed), and an answer naming both nodes', async () => {
    const certifyId = await notPassedCertifyId();
    const reordered = await queryThrough(certifyId, (text) => {
      const { node, sign } = partsOf(text, QUERY_KEY);
      const fields = JSON.parse(node) as Record<string, unknown>;
      const shuffled = Object.fromEntries(Object.entries(fields).reverse());
      return `{"${QUERY_KEY}":${JSON.stringify(shuffled)},"sign":${sign}}`;
    });
    expect(reordered).toMatchObject({ error: { name: 'AlipaySignatureError', failure: 'invalid' } });
    const both = await queryThrough(certifyId, (text) => `{"error_response":{"code":"40004","msg":"x"},${text.slice(1)}`);
    expect(both).toMatchObject({ error: { name: 'AlipaySignatureError', failure: 'ambiguous' } });
  });

  it('accepts an untampered answer, wherever its node sits and however the text around it is spaced', async () => {
    const certifyId = await notPassedCertifyId();
    expect(await queryThrough(certifyId, (text) => text)).toEqual({ result: { passed: false } });
    const moved = await queryThrough(certifyId, (text) => {
      const { node, sign } = partsOf(text, QUERY_KEY);
      return `{ "sign" : ${sign} ,\n  "${QUERY_KEY}" : ${node} }`;
    });
    expect(moved).toEqual({ result: { passed: false } });
    mock.reportCapture(certifyId, true);
    expect(await queryThrough(certifyId, (text) => text)).toEqual({ result: { passed: true } });
  });

  it('refuses text after the answer, and an answer that is not one JSON object', async () => {
    const certifyId = await notPassedCertifyId();
    const trailing = await queryThrough(certifyId, (text) => `${text}{"${QUERY_KEY}":{"passed":"T"}}`);
    expect(trailing).toMatchObject({ error: { name: 'AlipayTransportError', failure: 'malformed-answer' } });
    const array = await queryThrough(certifyId, (text) => `[${text}]`);
    expect(array).toMatchObject({ error: { name: 'AlipayTransportError', failure: 'malformed-answer' } });
  });
});
