import {
  createMockWeChat,
  createPushHandler,
  pushSignature,
  type FaceIdentifyEvent,
  type PushHandlerOptions,
  type PushMessage,
} from 'taro-face-verify/server';

const mock = createMockWeChat();

function pushEndpoint(options: Partial<PushHandlerOptions> = {}) {
  const messages: PushMessage[] = [];
  const events: FaceIdentifyEvent[] = [];
  const errors: unknown[] = [];
  const handler = createPushHandler({
    token: mock.pushToken,
    appId: mock.appId,
    encodingAESKey: mock.encodingAESKey,
    onMessage: (message) => void messages.push(message),
    onFaceIdentify: (event) => void events.push(event),
    onError: (error) => void errors.push(error),
    // These tests read plain posts as well as safe-mode ones (the default refuses plain posts once a key is set).
    requireEncryption: false,
    ...options,
  });
  return { handler, messages, events, errors };
}

const event = (outSeqNo = 'seq-1') => mock.faceIdentifyEvent({ outSeqNo, verifyResult: 'mock1.credential' });
const signedUrl = (params: Record<string, string>, token = mock.pushToken) => {
  const timestamp = params.timestamp ?? String(Math.floor(Date.now() / 1000));
  const nonce = params.nonce ?? 'n1';
  return `http://app.test/api/wechat/push?${new URLSearchParams({ signature: pushSignature(token, timestamp, nonce), timestamp, nonce, ...params })}`;
};

describe('push handler: URL verification (GET)', () => {
  it('echoes echostr verbatim when the signature matches', async () => {
    const response = await pushEndpoint().handler(new Request(signedUrl({ echostr: '验证 123 &x' })));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('验证 123 &x');
  });

  it('refuses a wrong signature (401) and missing parameters (400), never echoing', async () => {
    const { handler } = pushEndpoint();
    const forged = await handler(new Request(signedUrl({ echostr: 'ECHO' }, 'other-token')));
    expect(forged.status).toBe(401);
    expect(await forged.text()).not.toContain('ECHO');
    expect((await handler(new Request('http://app.test/push?echostr=ECHO'))).status).toBe(400);
    expect((await handler(new Request(signedUrl({})))).status).toBe(400);
  });
});

describe('push handler: messages (POST)', () => {
  it.each([
    ['plain XML', { format: 'xml' as const }],
    ['plain JSON', { format: 'json' as const }],
    ['safe-mode XML', { format: 'xml' as const, encrypt: true }],
    ['safe-mode JSON', { format: 'json' as const, encrypt: true }],
  ])('reads %s, answers success and calls back with the fields', async (_label, options) => {
    const { handler, messages, events } = pushEndpoint();
    const base = event();
    const message = { ...base, Note: '人脸核身通过' };
    expect(await mock.push(handler, message, options)).toEqual({ status: 200, body: 'success' });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ Event: 'face_identify', out_seq_no: 'seq-1', Note: '人脸核身通过' });
    expect(events).toEqual([base]);
    expect(typeof events[0]?.CreateTime).toBe('number');
  });

  it("decrypts Tencent's published safe-mode vector", async () => {
    const messages: PushMessage[] = [];
    const handler = createPushHandler({
      token: 'QDG6eK',
      appId: 'wx5823bf96d3bd56c7',
      encodingAESKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
      onMessage: (m) => void messages.push(m),
      now: () => 1409659813_000, // the vector's timestamp: the default window refuses one 5 minutes off
    });
    const encrypt =
      'RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==';
    const url =
      'http://app.test/push?msg_signature=477715d11cdb4164915debcba66cb864d751f3e6&timestamp=1409659813&nonce=1372623149&encrypt_type=aes';
    const body = `<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>`;
    const response = await handler(new Request(url, { method: 'POST', body }));
    expect(await response.text()).toBe('success');
    expect(messages).toEqual([expect.objectContaining({ Content: 'hello', FromUserName: 'mycreate', MsgId: '4561255354251345929' })]);
  });

  it.each([
    ['a forged signature (plain)', { tamper: 'signature' as const }, 401, 'bad_signature'],
    ['a forged msg_signature (safe mode)', { tamper: 'signature' as const, encrypt: true }, 401, 'bad_signature'],
    ['a message sealed for another appid', { tamper: 'appid' as const, encrypt: true }, 401, 'appid_mismatch'],
  ])('refuses %s with %i and no callback', async (_label, options, status, code) => {
    const { handler, messages, events } = pushEndpoint();
    const answer = await mock.push(handler, event(), options);
    expect(answer.status).toBe(status);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: false, code });
    expect(messages).toEqual([]);
    expect(events).toEqual([]);
  });

  it('refuses a message encrypted with another key (400), and accepts the previous key during rotation', async () => {
    const other = createMockWeChat({ encodingAESKey: 'b'.repeat(43) });
    expect((await other.push(pushEndpoint().handler, event(), { encrypt: true })).status).toBe(400);
    const rotating = pushEndpoint({ encodingAESKey: [mock.encodingAESKey, 'b'.repeat(43)] });
    expect((await other.push(rotating.handler, event(), { encrypt: true })).body).toBe('success');
    expect(rotating.events).toHaveLength(1);
  });

  it('calls back once for duplicate deliveries (same out_seq_no, or same FromUserName + CreateTime)', async () => {
    const { handler, messages, events } = pushEndpoint();
    for (let i = 0; i < 3; i++)
      expect((await mock.push(handler, event('seq-dup'), { encrypt: i % 2 === 0, nonce: `n${i}` })).body).toBe('success');
    const text = { ToUserName: 'gh_x', FromUserName: 'oUser', CreateTime: 1703657835, MsgType: 'text', Content: '你好' };
    await mock.push(handler, text);
    await mock.push(handler, text);
    await mock.push(handler, { ...text, CreateTime: 1703657836 });
    expect(events).toHaveLength(1);
    expect(messages).toHaveLength(3);
  });

  it('answers success fast when a callback is slow, and reports a failing one', async () => {
    let finished = false;
    const slow = pushEndpoint({
      callbackBudgetMs: 20,
      onFaceIdentify: () => new Promise<void>((resolve) => setTimeout(() => resolve(void (finished = true)), 300)),
    });
    const started = Date.now();
    expect((await mock.push(slow.handler, event())).body).toBe('success');
    expect(Date.now() - started).toBeLessThan(250);
    expect(finished).toBe(false);

    const failing = pushEndpoint({
      onMessage: () => {
        throw new Error('callback broke');
      },
    });
    expect((await mock.push(failing.handler, event())).body).toBe('success');
    expect(failing.errors).toEqual([expect.objectContaining({ message: 'callback broke' })]);
    expect(failing.events).toHaveLength(1);
  });

  it('refuses plain posts when encryption is required, and still reads safe-mode ones', async () => {
    const strict = pushEndpoint({ requireEncryption: true });
    expect(await mock.push(strict.handler, event('plain'))).toMatchObject({ status: 401 });
    expect(strict.messages).toEqual([]);
    expect(await mock.push(strict.handler, event('sealed'), { encrypt: true })).toEqual({ status: 200, body: 'success' });
    expect(strict.events.map((e) => e.out_seq_no)).toEqual(['sealed']);
  });

  it('limits the timestamp age (300 s by default; Infinity turns the check off)', async () => {
    const old = { timestamp: Math.floor(Date.now() / 1000) - 3600 };
    expect((await mock.push(pushEndpoint({ maxTimestampAgeSeconds: Infinity }).handler, event(), old)).status).toBe(200);
    const strict = pushEndpoint();
    expect(await mock.push(strict.handler, event(), old)).toMatchObject({ status: 401 });
    expect(strict.messages).toEqual([]);
    expect((await mock.push(strict.handler, event())).status).toBe(200);
  });

  it.each([
    ['garbage', 'not a message', 400],
    ['broken XML', '<xml><a>1</xml>', 400],
    ['a JSON array', '[1,2]', 400],
    ['an empty body', '', 400],
    ['a body over 64 KB', `<xml><A>${'x'.repeat(70_000)}</A></xml>`, 413],
  ])('answers %s with %i and no callback', async (_label, body, status) => {
    const { handler, messages } = pushEndpoint();
    const response = await handler(new Request(signedUrl({}), { method: 'POST', body }));
    expect(response.status).toBe(status);
    expect((await response.json()).ok).toBe(false);
    expect(messages).toEqual([]);
  });

  it('answers 400 for safe mode without Encrypt or with an unknown encrypt_type, 500 when no key is configured', async () => {
    const { handler } = pushEndpoint();
    const timestamp = String(Math.floor(Date.now() / 1000));
    const url = `http://app.test/push?timestamp=${timestamp}&nonce=n&encrypt_type=aes&msg_signature=${pushSignature(mock.pushToken, timestamp, 'n', '')}`;
    expect((await handler(new Request(url, { method: 'POST', body: '<xml><ToUserName>x</ToUserName></xml>' }))).status).toBe(400);
    expect((await handler(new Request(signedUrl({ encrypt_type: 'rsa' }), { method: 'POST', body: '<xml><A>1</A></xml>' }))).status).toBe(
      400,
    );
    const keyless = pushEndpoint({ encodingAESKey: undefined });
    expect((await mock.push(keyless.handler, event(), { encrypt: true })).status).toBe(500);
    expect(keyless.errors).toHaveLength(1);
  });

  it('refuses a bad configuration at creation, without echoing the key', () => {
    expect(() => createPushHandler({ token: 't', appId: 'a', encodingAESKey: 'too-short-key' })).toThrow(/43 characters/);
    expect(() => createPushHandler({ token: '', appId: 'a' })).toThrow(/token/);
    expect(() => createPushHandler({ token: 't', appId: '' })).toThrow(/appId/);
  });

  it('answers 405 for other methods', async () => {
    expect((await pushEndpoint().handler(new Request('http://app.test/push', { method: 'PUT' }))).status).toBe(405);
  });
});
