import fc from 'fast-check';
import {
  buildFlatXml,
  checkVerifyInfo,
  createMockWeChat,
  createPushHandler,
  createTicketHandler,
  createVerifyHandler,
  decodeEncodingAESKey,
  decryptPushMessage,
  encryptPushMessage,
  parseFlatXml,
  PushDecryptError,
  pushSignature,
  type VerifyInfo,
} from 'taro-face-verify/server';
import { inProcessWeChat, USER } from './helpers';

const { api } = inProcessWeChat();
const verify = createVerifyHandler({ api, expect: () => ({ ...USER }), onError: () => undefined });
const ticket = createTicketHandler({ api, identity: () => ({ ...USER, openid: 'oMock' }), onError: () => undefined });
const mock = createMockWeChat();
const push = createPushHandler({
  token: mock.pushToken,
  appId: mock.appId,
  encodingAESKey: mock.encodingAESKey,
  onMessage: () => undefined,
  onError: () => undefined,
});

/** Bodies a careless or hostile client might send. */
const garbageBody = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.json(),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc
    .dictionary(fc.constantFrom('verify_result', 'verify_id', 'out_seq_no', 'protocol', '__proto__', 'x'), fc.jsonValue())
    .map((value) => JSON.stringify(value)),
  fc.uint8Array({ maxLength: 200 }),
);
const method = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD');

async function expectClientError(response: Response): Promise<void> {
  expect(typeof response.status).toBe('number');
  expect(response.status).toBeLessThan(500);
  if (response.status !== 200 || response.headers.get('content-type')?.includes('json')) {
    const text = await response.text();
    if (text !== '') expect(() => JSON.parse(text)).not.toThrow();
  }
}

const bodyFor = (m: string, body: string | Uint8Array): BodyInit | undefined =>
  m === 'GET' || m === 'HEAD' ? undefined : (body as BodyInit);

describe('no client input crashes a handler', () => {
  it('verify handler: any method and body gives a status < 500 with a JSON body', async () => {
    await fc.assert(
      fc.asyncProperty(method, garbageBody, async (m, body) => {
        const response = await verify(new Request('http://app.test/verify', { method: m, body: bodyFor(m, body) }));
        await expectClientError(response);
        if (m !== 'HEAD') expect(response.headers.get('content-type')).toContain('application/json');
      }),
      { numRuns: 300 },
    );
  });

  it('ticket handler: any method and body gives a status < 500 with a JSON body', async () => {
    await fc.assert(
      fc.asyncProperty(method, garbageBody, async (m, body) => {
        await expectClientError(await ticket(new Request('http://app.test/ticket', { method: m, body: bodyFor(m, body) })));
      }),
      { numRuns: 200 },
    );
  });

  it('push handler: any query, method and body gives a status < 500; correctly signed garbage too', async () => {
    const query = fc.dictionary(
      fc.constantFrom('signature', 'timestamp', 'nonce', 'echostr', 'encrypt_type', 'msg_signature', 'openid'),
      fc.string(),
    );
    const xmlish = fc
      .array(
        fc.constantFrom(
          '<xml>',
          '</xml>',
          '<A>',
          '</A>',
          '<![CDATA[',
          ']]>',
          '<Encrypt>',
          '</Encrypt>',
          'x',
          '&amp;',
          '&#x0;',
          '<?',
          '?>',
          '<!--',
          '-->',
          '{',
          '}',
          '"Encrypt":',
          '"',
        ),
        { maxLength: 30 },
      )
      .map((parts) => parts.join(''));
    await fc.assert(
      fc.asyncProperty(method, query, fc.oneof(garbageBody, xmlish), fc.boolean(), async (m, params, body, sign) => {
        const search = new URLSearchParams(params);
        if (sign) {
          search.set('timestamp', '1703657835');
          search.set('nonce', 'n');
          search.set('signature', pushSignature(mock.pushToken, '1703657835', 'n'));
        }
        await expectClientError(await push(new Request(`http://app.test/push?${search}`, { method: m, body: bodyFor(m, body) })));
      }),
      { numRuns: 300 },
    );
  });
});

describe('pure functions never throw on garbage', () => {
  it('parseFlatXml returns an object or null', () => {
    const xmlish = fc
      .array(
        fc.constantFrom(
          '<xml>',
          '</xml>',
          '<a>',
          '</a>',
          '<b/>',
          '<![CDATA[',
          ']]>',
          '<!--',
          '-->',
          '<?x?>',
          '&lt;',
          '&#99999999;',
          'text',
          ' ',
          '<',
          '>',
        ),
        { maxLength: 40 },
      )
      .map((p) => p.join(''));
    fc.assert(
      fc.property(fc.oneof(fc.string(), xmlish), (text) => {
        const parsed = parseFlatXml(text);
        expect(parsed === null || typeof parsed === 'object').toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('buildFlatXml then parseFlatXml gives back any string values', () => {
    const names = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,10}$/);
    fc.assert(
      fc.property(fc.dictionary(names, fc.string({ unit: 'grapheme', minLength: 1 }), { minKeys: 1 }), (fields) => {
        const clean = Object.fromEntries(Object.entries(fields).filter(([key]) => key !== '__proto__'));
        fc.pre(Object.keys(clean).length > 0);
        expect(parseFlatXml(buildFlatXml(clean))).toEqual(clean);
      }),
    );
  });

  it('encryptPushMessage then decryptPushMessage gives back any text and appid', () => {
    const key = decodeEncodingAESKey(mock.encodingAESKey);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 500 }), fc.string({ maxLength: 40 }), (message, appId) => {
        const encrypted = encryptPushMessage(message, { appId, encodingAESKey: mock.encodingAESKey });
        expect(decryptPushMessage(encrypted, [key])).toEqual({ message, appId });
      }),
      { numRuns: 300 },
    );
  });

  it('decryptPushMessage refuses garbage with PushDecryptError only', () => {
    const key = decodeEncodingAESKey(mock.encodingAESKey);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.base64String(),
          fc.uint8Array({ minLength: 16, maxLength: 128 }).map((b) => Buffer.from(b).toString('base64')),
        ),
        (garbage) => {
          try {
            decryptPushMessage(garbage, [key]);
          } catch (error) {
            expect(error).toBeInstanceOf(PushDecryptError);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('checkVerifyInfo never throws, and is ok only for errcode 0 and identify_ret 0', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom('errcode', 'identify_ret', 'identify_time', 'openid', 'name_utf8_md5', 'id_card_number_md5', 'user_id_key'),
          fc.anything(),
        ),
        (info) => {
          const result = checkVerifyInfo(info as VerifyInfo, { ...USER, openid: 'o', userIdKey: 'k', maxAgeSeconds: 60 });
          expect(Array.isArray(result.problems)).toBe(true);
          if (result.ok) expect([info.errcode, info.identify_ret]).toEqual([0, 0]);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
