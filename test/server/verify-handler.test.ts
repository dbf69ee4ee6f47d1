import {
  createMockCredential,
  createVerifyHandler,
  createWeChatApi,
  type VerifyExpectation,
  type VerifyHandlerOptions,
} from 'taro-face-verify/server';
import { answerOf, inProcessWeChat, JSON_TYPE, nowSeconds, OTHER, postJson, USER } from './helpers';

function verifier(expectation: VerifyExpectation | null = { ...USER }, options: Partial<VerifyHandlerOptions> = {}) {
  const { mock, api } = inProcessWeChat();
  const errors: unknown[] = [];
  const verify = createVerifyHandler({ api, expect: () => expectation, onError: (error) => void errors.push(error), ...options });
  const send = async (body: unknown) => answerOf(await verify(postJson(body)));
  return { mock, api, verify, send, errors };
}

describe('verify handler, v1 tamper matrix', () => {
  it('accepts a genuine credential for the expected user', async () => {
    const { send, mock } = verifier({ ...USER, openid: 'oMock0000000000000000000000' });
    const time = nowSeconds() - 5;
    expect(await send({ verify_result: createMockCredential({ ...USER, time }) })).toEqual({
      status: 200,
      body: { ok: true, protocol: 'v1', identify_time: time },
    });
    expect(mock.calls.getinfo).toBe(1);
  });

  it.each<[string, () => string, VerifyExpectation, number | string]>([
    ['a forged credential', () => 'forged-verify-result', { ...USER }, 'credential_rejected'],
    [
      'a credential with forged claims',
      () => `mock1.${Buffer.from('{"ret":0}').toString('base64url')}`,
      { ...USER },
      'credential_rejected',
    ],
    ['identify_ret 10004 with errcode 0', () => createMockCredential({ ...USER, ret: 10004 }), { ...USER }, 10004],
    ['identify_ret 10003 with errcode 0', () => createMockCredential({ ...USER, ret: 10003 }), { ...USER }, 10003],
    ['another name', () => createMockCredential({ name: OTHER.name, idCardNumber: USER.idCardNumber }), { ...USER }, 'name_mismatch'],
    [
      'another ID number',
      () => createMockCredential({ name: USER.name, idCardNumber: OTHER.idCardNumber }),
      { ...USER },
      'id_card_mismatch',
    ],
    ['another openid', () => createMockCredential({ ...USER }), { ...USER, openid: 'oSomeoneElse' }, 'openid_mismatch'],
    ['another user_id_key', () => createMockCredential({ ...USER }), { userIdKey: 'mock-uik-expected' }, 'user_id_key_mismatch'],
    ['a stale identify_time', () => createMockCredential({ ...USER, time: nowSeconds() - 601 }), { ...USER }, 'stale'],
    [
      'a stale identify_time under a stricter expect',
      () => createMockCredential({ ...USER, time: nowSeconds() - 61 }),
      { ...USER, maxAgeSeconds: 60 },
      'stale',
    ],
  ])('rejects %s', async (_label, credential, expectation, code) => {
    const { send } = verifier(expectation);
    const { status, body } = await send({ verify_result: credential() });
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: false, code });
    expect(typeof body.message).toBe('string');
  });

  it('matches an ID number captured with a lower-case x against the expected one (and vice versa)', async () => {
    const lower = USER.idCardNumber.toLowerCase();
    expect(
      (await verifier({ ...USER }).send({ verify_result: createMockCredential({ name: USER.name, idCardNumber: lower }) })).body.ok,
    ).toBe(true);
    expect(
      (await verifier({ name: USER.name, idCardNumber: lower }).send({ verify_result: createMockCredential({ ...USER }) })).body.ok,
    ).toBe(true);
  });

  it('accepts a credential once: a replay answers replayed without asking WeChat again', async () => {
    const { send, mock } = verifier();
    const credential = createMockCredential({ ...USER });
    expect((await send({ verify_result: credential })).body.ok).toBe(true);
    expect(await send({ verify_result: credential })).toMatchObject({ status: 200, body: { ok: false, code: 'replayed' } });
    expect(mock.calls.getinfo).toBe(1);
  });

  it('lets only one of two simultaneous posts of a credential through', async () => {
    const { send } = verifier();
    const credential = createMockCredential({ ...USER });
    const answers = await Promise.all([send({ verify_result: credential }), send({ verify_result: credential })]);
    expect(answers.map((a) => a.body.ok).sort()).toEqual([false, true]);
    expect(answers.find((a) => !a.body.ok)?.body.code).toBe('replayed');
  });

  it('lets a rejected credential be checked again (it is not burnt), and still rejects it', async () => {
    const { send, mock } = verifier();
    const credential = createMockCredential({ ...USER, ret: 10004 });
    expect((await send({ verify_result: credential })).body.code).toBe(10004);
    expect((await send({ verify_result: credential })).body.code).toBe(10004);
    expect(mock.calls.getinfo).toBe(2);
  });

  it('shares replays through an injected replay store', async () => {
    const { api } = inProcessWeChat();
    const claimed = new Set<string>();
    const replayStore = {
      claim: async (key: string) => !claimed.has(key) && !!claimed.add(key),
      release: async (key: string) => void claimed.delete(key),
    };
    const a = createVerifyHandler({ api, expect: () => ({}), replayStore });
    const b = createVerifyHandler({ api, expect: () => ({}), replayStore });
    const credential = createMockCredential({ ...USER });
    expect((await answerOf(await a(postJson({ verify_result: credential })))).body.ok).toBe(true);
    expect((await answerOf(await b(postJson({ verify_result: credential })))).body.code).toBe('replayed');
    expect([...claimed].some((key) => key.includes(credential))).toBe(false);
  });

  it('answers 401 when expect says nobody is logged in, without asking WeChat', async () => {
    const { send, mock } = verifier(null);
    expect(await send({ verify_result: createMockCredential({ ...USER }) })).toMatchObject({
      status: 401,
      body: { ok: false, code: 'unauthenticated' },
    });
    expect(mock.calls.getinfo).toBeUndefined();
  });

  it('passes the request and the payload to an async expect', async () => {
    const { api } = inProcessWeChat();
    const seen: Array<[string | null, unknown]> = [];
    const verify = createVerifyHandler({
      api,
      expect: async (request, payload) => {
        seen.push([request.headers.get('x-session'), payload]);
        return { ...USER };
      },
    });
    const credential = createMockCredential({ ...USER });
    await verify(postJson({ verify_result: credential }, undefined, { 'x-session': 's1' }));
    expect(seen).toEqual([['s1', { verify_result: credential }]]);
  });
});

describe('verify handler, WeChat failures and surprises', () => {
  it('answers 502 with the WeChat code when WeChat stays busy, and frees the credential for a retry', async () => {
    const { mock, api } = inProcessWeChat({ scenario: 'busy', busyTimes: 5 });
    const verify = createVerifyHandler({ api, expect: () => ({ ...USER }), onError: () => undefined });
    const credential = createMockCredential({ ...USER });
    expect(await answerOf(await verify(postJson({ verify_result: credential })))).toMatchObject({
      status: 502,
      body: { ok: false, code: 'wechat_error', errcode: -1 },
    });
    mock.setScenario('success');
    expect((await answerOf(await verify(postJson({ verify_result: credential })))).body.ok).toBe(true);
  });

  it('answers 502 wechat_unreachable when WeChat cannot be reached, and reports it to onError', async () => {
    const errors: unknown[] = [];
    const api = createWeChatApi({
      appId: 'a',
      appSecret: 's',
      sleep: async () => undefined,
      fetch: () => Promise.reject(new TypeError('fetch failed')),
    });
    const verify = createVerifyHandler({ api, expect: () => ({}), onError: (error) => void errors.push(error) });
    expect(await answerOf(await verify(postJson({ verify_result: 'x' })))).toMatchObject({
      status: 502,
      body: { ok: false, code: 'wechat_unreachable' },
    });
    expect(errors).toEqual([expect.objectContaining({ name: 'WeChatTransportError' })]);
  });

  it('answers 500 JSON when the api throws something unexpected, and reports it to onError', async () => {
    const errors: unknown[] = [];
    const verify = createVerifyHandler({
      api: { getVerifyInfo: () => Promise.reject(new TypeError('boom')), queryVerifyInfo: () => Promise.reject(new TypeError('boom')) },
      expect: () => ({}),
      onError: (error) => void errors.push(error),
    });
    expect(await answerOf(await verify(postJson({ verify_result: 'x' })))).toMatchObject({
      status: 500,
      body: { ok: false, code: 'internal_error' },
    });
    expect(errors).toHaveLength(1);
  });

  it('answers 500 JSON when expect throws or returns something that is not an object', async () => {
    const { api } = inProcessWeChat();
    for (const expect_ of [
      () => {
        throw new Error('db down');
      },
      () => 42 as unknown as VerifyExpectation,
    ]) {
      const verify = createVerifyHandler({ api, expect: expect_, onError: () => undefined });
      expect(await answerOf(await verify(postJson({ verify_result: 'x' })))).toMatchObject({
        status: 500,
        body: { code: 'internal_error' },
      });
    }
  });

  it('rejects an expired-user-info credential as credential_rejected 84002', async () => {
    const { api } = inProcessWeChat({ scenario: 'expired-user-info' });
    const verify = createVerifyHandler({ api, expect: () => ({}) });
    expect((await answerOf(await verify(postJson({ verify_result: createMockCredential({ ...USER }) })))).body).toMatchObject({
      ok: false,
      code: 'credential_rejected',
      errcode: 84002,
    });
  });
});

describe('verify handler, bad requests', () => {
  const send = async (request: Request) => answerOf(await verifier().verify(request));

  it.each([
    ['malformed JSON', '{"verify_result":', 400, 'malformed_json'],
    ['an empty body', '', 400, 'malformed_json'],
    ['a JSON array', '[]', 400, 'invalid_payload'],
    ['a JSON string', '"x"', 400, 'invalid_payload'],
    ['null', 'null', 400, 'invalid_payload'],
    ['no credential', '{}', 400, 'missing_credential'],
    ['a numeric verify_result', '{"verify_result":42}', 400, 'invalid_verify_result'],
    ['an empty verify_result', '{"verify_result":""}', 400, 'invalid_verify_result'],
    ['a huge verify_result', JSON.stringify({ verify_result: 'x'.repeat(5000) }), 400, 'invalid_verify_result'],
    ['verify_id without out_seq_no', '{"verify_id":"v"}', 400, 'invalid_out_seq_no'],
    ['out_seq_no without verify_id', '{"out_seq_no":"s"}', 400, 'invalid_verify_id'],
    ['an object verify_id', '{"verify_id":{},"out_seq_no":"s"}', 400, 'invalid_verify_id'],
    ['both protocols', '{"verify_result":"a","verify_id":"v","out_seq_no":"s"}', 400, 'ambiguous_payload'],
  ])('answers %s with %i %s', async (_label, body, status, code) => {
    expect(await send(new Request('http://app.test/verify', { method: 'POST', headers: JSON_TYPE, body }))).toMatchObject({
      status,
      body: { ok: false, code },
    });
  });

  it('does not echo a malformed body that holds a credential', async () => {
    const response = await verifier().verify(
      new Request('http://app.test/verify', { method: 'POST', headers: JSON_TYPE, body: '{"verify_result":"SECRET-CREDENTIAL"' }),
    );
    expect(await response.text()).not.toContain('SECRET-CREDENTIAL');
  });

  it('answers 405 with Allow for other methods', async () => {
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
      const response = await verifier().verify(new Request('http://app.test/verify', { method }));
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('POST');
      expect((await response.json()).code).toBe('method_not_allowed');
    }
  });

  it('answers 413 for a body over 64 KB, whether announced or streamed', async () => {
    const big = JSON.stringify({ verify_result: 'x'.repeat(70 * 1024) });
    expect(await send(new Request('http://app.test/verify', { method: 'POST', headers: JSON_TYPE, body: big }))).toMatchObject({
      status: 413,
      body: { code: 'body_too_large' },
    });
    const announced = new Request('http://app.test/verify', {
      method: 'POST',
      headers: { ...JSON_TYPE, 'content-length': String(1 << 20) },
      body: '{}',
    });
    expect((await send(announced)).status).toBe(413);
    let chunks = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        chunks++;
        controller.enqueue(new Uint8Array(16 * 1024).fill(0x20));
        if (chunks > 100) controller.close();
      },
    });
    const streamed = new Request('http://app.test/verify', {
      method: 'POST',
      headers: JSON_TYPE,
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect((await send(streamed)).status).toBe(413);
    expect(chunks).toBeLessThan(10);
  });

  it('answers 400 for a body that is not UTF-8', async () => {
    expect(
      await send(
        new Request('http://app.test/verify', { method: 'POST', headers: JSON_TYPE, body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) }),
      ),
    ).toMatchObject({ status: 400, body: { code: 'invalid_encoding' } });
  });
});

describe('verify handler, default error log', () => {
  it('logs the app’s own thrown errors by name only: their message may quote identity data', async () => {
    const lines: string[] = [];
    const spy = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' ')));
    try {
      const { api } = inProcessWeChat();
      const verify = createVerifyHandler({
        api,
        expect: () => {
          throw new TypeError(`no session for ${USER.name} ${USER.idCardNumber}`);
        },
      });
      const credential = createMockCredential({ ...USER });
      const answer = await answerOf(await verify(postJson({ verify_result: credential })));
      expect(answer.status).toBe(500);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/verify handler: TypeError \(message withheld/);
      for (const secret of [USER.name, USER.idCardNumber, credential]) expect(lines.join('\n')).not.toContain(secret);
    } finally {
      spy.mockRestore();
    }
  });
});
