import {
  buildFlatXml,
  certHash,
  decodeEncodingAESKey,
  decryptPushMessage,
  encryptPushMessage,
  parseFlatXml,
  PushDecryptError,
  pushSignature,
  verifyPushSignature,
} from 'taro-face-verify/server';
import { createCipheriv, createHash } from 'node:crypto';

// Tencent's published message-crypto vector (WeCom docs, path 90968: the same envelope as WeChat's safe mode).
const VECTOR = {
  token: 'QDG6eK',
  encodingAESKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  appId: 'wx5823bf96d3bd56c7',
  timestamp: '1409659813',
  nonce: '1372623149',
  msgSignature: '477715d11cdb4164915debcba66cb864d751f3e6',
  encrypt:
    'RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==',
};
const KEY = 'bW9jay1lbmNvZGluZy1hZXMta2V5LWZvci10ZXN0cyE';

describe('certHash (v2)', () => {
  it("matches WeChat's worked example", () => {
    expect(certHash({ name: '张三', idCardNumber: '310101199801011234' })).toBe(
      '3c241f7ff324977aeb91f173bb2a7b06569e6fd784d5573db34a636d8671108b',
    );
  });

  it('treats a final lower-case x like X, and differs for another name', () => {
    expect(certHash({ name: '张三', idCardNumber: '11010519491231002x' })).toBe(
      certHash({ name: '张三', idCardNumber: '11010519491231002X' }),
    );
    expect(certHash({ name: '张四', idCardNumber: '11010519491231002X' })).not.toBe(
      certHash({ name: '张三', idCardNumber: '11010519491231002X' }),
    );
  });
});

describe('push signatures', () => {
  it('reproduces the published msg_signature and accepts it in either case', () => {
    expect(pushSignature(VECTOR.token, VECTOR.timestamp, VECTOR.nonce, VECTOR.encrypt)).toBe(VECTOR.msgSignature);
    expect(verifyPushSignature(VECTOR.msgSignature.toUpperCase(), VECTOR.token, VECTOR.timestamp, VECTOR.nonce, VECTOR.encrypt)).toBe(true);
  });

  it('is the SHA-1 of the sorted parts, and rejects any change', () => {
    const expected = createHash('sha1').update(['1409659813', '1372623149', 'tok'].sort().join('')).digest('hex');
    expect(pushSignature('tok', '1409659813', '1372623149')).toBe(expected);
    expect(verifyPushSignature(expected, 'tok', '1409659814', '1372623149')).toBe(false);
    expect(verifyPushSignature(expected.slice(1), 'tok', '1409659813', '1372623149')).toBe(false);
    expect(verifyPushSignature('', 'tok', '1409659813', '1372623149')).toBe(false);
  });
});

describe('safe-mode envelope', () => {
  it('decrypts the published vector to its message and appid', () => {
    const { message, appId } = decryptPushMessage(VECTOR.encrypt, [decodeEncodingAESKey(VECTOR.encodingAESKey)]);
    expect(appId).toBe(VECTOR.appId);
    expect(parseFlatXml(message)).toMatchObject({ Content: 'hello', MsgId: '4561255354251345929', MsgType: 'text' });
  });

  it.each([
    ['ASCII', '<xml><a>1</a></xml>'],
    ['Chinese', '{"Event":"face_identify","name":"张三丰","note":"人脸核身 ✓"}'],
    ['emoji', '核身通过 🙂👍'],
    ['empty', ''],
    ['block-aligned', 'x'.repeat(64 - 20 - 'wx00000000mockapp'.length)],
  ])('round-trips %s text', (_label, message) => {
    const encrypted = encryptPushMessage(message, { appId: 'wx00000000mockapp', encodingAESKey: KEY });
    expect(Buffer.from(encrypted, 'base64').length % 32).toBe(0);
    expect(decryptPushMessage(encrypted, [decodeEncodingAESKey(KEY)])).toEqual({ message, appId: 'wx00000000mockapp' });
  });

  it('pads to 32-byte blocks with PKCS#7 (a full block of 32 when already aligned)', () => {
    // 16 random + 4 length + 12 message = 32 bytes, + appid 0 bytes: already aligned, so a whole pad block follows.
    const encrypted = encryptPushMessage('twelve bytes', { appId: '', encodingAESKey: KEY, random: Buffer.alloc(16) });
    expect(Buffer.from(encrypted, 'base64').length).toBe(64);
  });

  it('uses the previous key during rotation and refuses a wrong key, tampering and garbage', () => {
    const other = 'a'.repeat(43);
    const encrypted = encryptPushMessage('hi', { appId: 'wx1', encodingAESKey: KEY });
    expect(decryptPushMessage(encrypted, [decodeEncodingAESKey(other), decodeEncodingAESKey(KEY)]).message).toBe('hi');
    expect(() => decryptPushMessage(encrypted, [decodeEncodingAESKey(other)])).toThrow(PushDecryptError);
    const bytes = Buffer.from(encrypted, 'base64');
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
    expect(() => decryptPushMessage(bytes.toString('base64'), [decodeEncodingAESKey(KEY)])).toThrow(PushDecryptError);
    for (const garbage of ['', 'not base64!', 'AAAA', Buffer.alloc(31).toString('base64')]) {
      expect(() => decryptPushMessage(garbage, [decodeEncodingAESKey(KEY)])).toThrow(PushDecryptError);
    }
  });

  it('refuses padding that PKCS#7 over 32-byte blocks cannot produce', () => {
    const key = decodeEncodingAESKey(KEY);
    const seal = (plain: Buffer) => {
      const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
      return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
    };
    const length = Buffer.alloc(4);
    length.writeUInt32BE(2, 0);
    const body = Buffer.concat([Buffer.alloc(16), length, Buffer.from('hiwx1')]); // 25 bytes
    expect(decryptPushMessage(seal(Buffer.concat([body, Buffer.alloc(7, 7)])), [key])).toEqual({ message: 'hi', appId: 'wx1' });
    expect(() => decryptPushMessage(seal(Buffer.concat([body, Buffer.alloc(39, 39)])), [key])).toThrow(PushDecryptError);
    expect(() => decryptPushMessage(seal(Buffer.concat([body, Buffer.alloc(6, 7), Buffer.from([8])])), [key])).toThrow(PushDecryptError);
  });

  it('refuses EncodingAESKeys that are not 43 Base64 characters, without echoing them', () => {
    for (const bad of ['', 'short', `${KEY}A`, `${KEY.slice(0, 42)}!`]) {
      expect(() => decodeEncodingAESKey(bad)).toThrow(/43 characters/);
      try {
        decodeEncodingAESKey(bad);
      } catch (error) {
        if (bad) expect(String(error)).not.toContain(bad);
      }
    }
  });
});

describe('flat XML', () => {
  it('reads CDATA, bare values, entities, a prolog, comments and nested fields', () => {
    const xml = `<?xml version="1.0" encoding="utf-8"?>
<!-- pushed --><xml>
  <ToUserName><![CDATA[gh_81f]]></ToUserName>
  <CreateTime>1703657835</CreateTime>
  <Note>张三 &amp; 李四 &lt;3 &#x4E2D;&#25991;</Note>
  <Empty/>
  <Info><Inner><![CDATA[x]]></Inner></Info>
</xml>`;
    expect(parseFlatXml(xml)).toEqual({
      ToUserName: 'gh_81f',
      CreateTime: '1703657835',
      Note: '张三 & 李四 <3 中文',
      Empty: '',
      Info: { Inner: 'x' },
    });
  });

  it('round-trips values holding ]]>, < and Chinese text', () => {
    const fields = { A: 'a]]>b', B: '<tag>&', C: '人脸核身', N: 42 };
    expect(parseFlatXml(buildFlatXml(fields))).toEqual({ ...fields, N: '42' });
  });

  it('keeps a field named __proto__ an ordinary field', () => {
    const parsed = parseFlatXml('<xml><__proto__><polluted>yes</polluted></__proto__></xml>');
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    '',
    '<',
    'garbage',
    '<xml>',
    '<xml></xml>',
    '<xml><a>1</b></xml>',
    '<xml><a>1</a></xml>trailing',
    '<xml><a><![CDATA[x</a></xml>',
    '<1xml><a>1</a></1xml>',
    '<xml><a>1</a>',
    `${'<a>'.repeat(20)}x${'</a>'.repeat(20)}`,
  ])('returns null for %p', (garbage) => {
    expect(parseFlatXml(garbage)).toBeNull();
  });
});
