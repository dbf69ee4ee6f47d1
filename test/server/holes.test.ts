/** The six holes of issue 8, each tried as an attacker (or an unlucky network) would. */
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createMemoryOnceStore,
  createMockCredential,
  createMockWeChat,
  createPushHandler,
  createTicketHandler,
  createVerifyHandler,
  createWeChatApi,
  startMockWeChat,
  toNodeListener,
  type OnceStore,
} from 'taro-face-verify/server';
import { answerOf, inProcessWeChat, JSON_TYPE, OTHER, postJson, USER } from './helpers';

const OPENID = 'oMock0000000000000000000000';

describe('JSON only: a cross-site form or text post is refused (415)', () => {
  const { api } = inProcessWeChat();
  const verify = createVerifyHandler({ api, expect: () => ({ ...USER }), onError: () => undefined });
  const ticket = createTicketHandler({ api, identity: () => ({ ...USER }), onError: () => undefined });
  const body = JSON.stringify({ verify_result: createMockCredential({ ...USER }) });

  it.each([
    ['text/plain', 'text/plain;charset=UTF-8'],
    ['a form', 'application/x-www-form-urlencoded'],
    ['multipart', 'multipart/form-data; boundary=x'],
  ])('verify and ticket handlers answer 415 to %s', async (_label, type) => {
    const post = (url: string) => new Request(url, { method: 'POST', headers: { 'content-type': type }, body });
    expect(await answerOf(await verify(post('http://app.test/verify')))).toMatchObject({
      status: 415,
      body: { code: 'unsupported_media_type' },
    });
    expect(await answerOf(await ticket(post('http://app.test/ticket')))).toMatchObject({
      status: 415,
      body: { code: 'unsupported_media_type' },
    });
  });

  it('the ticket handler refuses an empty POST over node:http (no body, no content type: a cross-site no-cors fetch)', async () => {
    const server = createServer(toNodeListener(ticket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const answer = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST' });
      expect(answer.status).toBe(415);
      expect(await answer.json()).toMatchObject({ code: 'unsupported_media_type' });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('accepts application/json with a charset parameter', async () => {
    const request = new Request('http://app.test/verify', {
      method: 'POST',
      headers: { 'content-type': 'Application/JSON; charset=utf-8' },
      body,
    });
    expect((await answerOf(await verify(request))).body.ok).toBe(true);
  });

  it('toNodeListener keeps the original content type when a parser (express.text()) already read the body', async () => {
    const listener = toNodeListener(verify);
    const server = createServer((req, res) => {
      let text = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (text += chunk));
      req.on('end', () => {
        (req as typeof req & { body?: unknown }).body = text;
        void listener(req, res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const answer = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body });
      expect(answer.status).toBe(415);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('body deadline (408)', () => {
  afterEach(() => jest.useRealTimers());

  it('stops reading a body that never ends after bodyTimeoutMs', async () => {
    jest.useFakeTimers();
    const { api } = inProcessWeChat();
    const verify = createVerifyHandler({ api, expect: () => ({}), bodyTimeoutMs: 10_000 });
    let cancelled = false;
    const endless = new ReadableStream<Uint8Array>({
      start: (controller) => controller.enqueue(new TextEncoder().encode('{"verify_result":')),
      cancel: () => void (cancelled = true),
    });
    const pending = verify(
      new Request('http://app.test/verify', { method: 'POST', headers: JSON_TYPE, body: endless, duplex: 'half' } as RequestInit),
    );
    await jest.advanceTimersByTimeAsync(10_000);
    expect(await answerOf(await pending)).toMatchObject({ status: 408, body: { code: 'body_timeout' } });
    expect(cancelled).toBe(true);
  });
});

describe('a budget for asking WeChat that fits inside the front end timeout', () => {
  it('answers 502 once budgetMs is spent, however slow WeChat is', async () => {
    const wechat = await startMockWeChat({ scenario: 'slow', slowMs: 1_500 }); // slower than the budget, not than the test
    try {
      const api = createWeChatApi({ appId: wechat.appId, appSecret: wechat.appSecret, baseUrl: wechat.url, budgetMs: 300 });
      const verify = createVerifyHandler({ api, expect: () => ({}), onError: () => undefined });
      expect(await answerOf(await verify(postJson({ verify_result: createMockCredential({ ...USER }) })))).toMatchObject({
        status: 502,
        body: { code: 'wechat_unreachable' },
      });
    } finally {
      await wechat.close();
    }
  });
});

describe('idempotent submit: a retry is not told "replayed"', () => {
  /** The stand-in, with getinfo held until the test lets it answer. */
  function heldWeChat() {
    const mock = createMockWeChat();
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const api = createWeChatApi({
      appId: mock.appId,
      appSecret: mock.appSecret,
      baseUrl: mock.url,
      fetch: async (input, init) => {
        if (String(input).includes('/getinfo')) await held;
        return mock.fetch(input, init);
      },
    });
    return { mock, api, release };
  }

  function spied(store: OnceStore) {
    const reads: string[] = [];
    return { reads, store: { ...store, read: async (key: string) => (reads.push(key), store.read?.(key)) } };
  }

  it('a retry with the same key, while the first post still asks WeChat, waits and gets the same verdict', async () => {
    const { api, mock, release } = heldWeChat();
    const { store, reads } = spied(createMemoryOnceStore());
    const verify = createVerifyHandler({ api, replayStore: store, expect: () => ({ ...USER }) });
    const body = { verify_result: createMockCredential({ ...USER }) };
    const first = verify(postJson(body, undefined, { 'idempotency-key': 'capture-1' }));
    const retry = verify(postJson(body, undefined, { 'idempotency-key': 'capture-1' }));
    while (reads.length === 0) await new Promise((resolve) => setImmediate(resolve));
    release();
    const [a, b] = await Promise.all([answerOf(await first), answerOf(await retry)]);
    expect(a.body).toMatchObject({ ok: true });
    expect(b.body).toEqual(a.body);
    expect(mock.calls.getinfo).toBe(1);
  });

  it('a later retry with the same key gets the same verdict; another key, or none, is replayed', async () => {
    const { api, release } = heldWeChat();
    release();
    const verify = createVerifyHandler({ api, expect: () => ({ ...USER }) });
    const body = { verify_result: createMockCredential({ ...USER }) };
    const first = await answerOf(await verify(postJson(body, undefined, { 'idempotency-key': 'capture-1' })));
    expect(first.body.ok).toBe(true);
    expect((await answerOf(await verify(postJson(body, undefined, { 'idempotency-key': 'capture-1' })))).body).toEqual(first.body);
    expect((await answerOf(await verify(postJson(body, undefined, { 'idempotency-key': 'capture-2' })))).body).toMatchObject({
      code: 'replayed',
    });
    expect((await answerOf(await verify(postJson(body)))).body).toMatchObject({ code: 'replayed' });
  });

  it('a claim left by an older release (value "1") is a replay, not a wait', async () => {
    const { api } = inProcessWeChat();
    const store = createMemoryOnceStore();
    const verify = createVerifyHandler({ api, replayStore: store, expect: () => ({}) });
    const credential = createMockCredential({ ...USER });
    await store.claim(`tfv:replay:${createHash('sha256').update(`v1:${credential}`, 'utf8').digest('hex')}`, 60);
    const answer = await answerOf(await verify(postJson({ verify_result: credential }, undefined, { 'idempotency-key': 'k' })));
    expect(answer.body).toMatchObject({ ok: false, code: 'replayed' });
  });

  it('refuses a malformed Idempotency-Key (400)', async () => {
    const { api } = inProcessWeChat();
    const verify = createVerifyHandler({ api, expect: () => ({}) });
    const answer = await answerOf(await verify(postJson({ verify_result: 'x' }, undefined, { 'idempotency-key': 'x'.repeat(300) })));
    expect(answer).toMatchObject({ status: 400, body: { code: 'invalid_idempotency_key' } });
  });
});

describe('forged pushes', () => {
  const mock = createMockWeChat();
  const endpoint = (options = {}) => {
    const events: unknown[] = [];
    const handler = createPushHandler({
      token: mock.pushToken,
      appId: mock.appId,
      encodingAESKey: mock.encodingAESKey,
      onFaceIdentify: (event) => void events.push(event),
      ...options,
    });
    return { handler, events };
  };
  const event = mock.faceIdentifyEvent({ outSeqNo: 'seq-1', verifyResult: 'mock1.forged' });

  it('with an encodingAESKey, refuses plain posts by default (their signature does not cover the body)', async () => {
    const { handler, events } = endpoint();
    expect(await mock.push(handler, event)).toMatchObject({ status: 401 });
    expect(JSON.parse((await mock.push(handler, event)).body)).toMatchObject({ code: 'encryption_required' });
    expect(events).toEqual([]);
    expect((await mock.push(handler, event, { encrypt: true })).status).toBe(200);
    expect(events).toHaveLength(1);
  });

  it('refuses a signed push replayed after the 5-minute window, with an injectable clock', async () => {
    let now = Date.now();
    const { handler, events } = endpoint({ now: () => now });
    const captured: Request[] = [];
    await mock.push(async (r) => (captured.push(r), new Response('success')), event, { encrypt: true });
    now += 301_000;
    expect((await handler(captured[0]!)).status).toBe(401);
    expect(events).toEqual([]);
  });

  it('calls back once for a signed URL posted again within the window (even with another body)', async () => {
    const { handler, events } = endpoint({ requireEncryption: false });
    const captured: Request[] = [];
    await mock.push(async (r) => (captured.push(r), new Response('success')), event);
    const original = captured[0]!;
    expect((await handler(original.clone())).status).toBe(200);
    const forgedBody = (await original.clone().text()).replace('mock1.forged', 'mock1.another');
    expect((await handler(new Request(original.url, { method: 'POST', body: forgedBody }))).status).toBe(200);
    expect(events).toHaveLength(1);
  });

  it('remembers deliveries at least as long as the window', () => {
    expect(() => endpoint({ seenTtlSeconds: 60 })).toThrow(/seenTtlSeconds/);
    expect(() => endpoint({ seenTtlSeconds: 60, maxTimestampAgeSeconds: 30 })).not.toThrow();
  });

  it('still answers the URL verification', async () => {
    const { handler } = endpoint();
    const { pushSignature } = await import('taro-face-verify/server');
    const timestamp = String(Math.floor(Date.now() / 1000));
    const url = `http://app.test/push?signature=${pushSignature(mock.pushToken, timestamp, 'n')}&timestamp=${timestamp}&nonce=n&echostr=ok`;
    expect(await (await handler(new Request(url))).text()).toBe('ok');
  });
});

describe('in-memory stores in production', () => {
  const env = process.env.NODE_ENV;
  afterEach(() => {
    process.env.NODE_ENV = env;
    jest.restoreAllMocks();
  });

  it('warns once at creation that replays are only caught within this process', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    process.env.NODE_ENV = 'production';
    const { api } = inProcessWeChat();
    createVerifyHandler({ api, expect: () => ({}) });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/only caught within this process/);
    const shared: OnceStore = { claim: async () => true, release: async () => undefined };
    createVerifyHandler({ api, expect: () => ({}), replayStore: shared });
    // (The shared store brings another warning, about per-process limit counters; not this one again.)
    expect(warn.mock.calls.filter((call) => /only caught within this process/.test(String(call[0])))).toHaveLength(1);
  });
});

describe('a v2 ticket goes back only when WeChat could not be asked', () => {
  function setup() {
    const mock = createMockWeChat();
    let down = false;
    const api = createWeChatApi({
      appId: mock.appId,
      appSecret: mock.appSecret,
      baseUrl: mock.url,
      fetch: async (input, init) =>
        down && String(input).includes('/queryverifyinfo') ? new Response('', { status: 503 }) : mock.fetch(input, init),
      sleep: async () => undefined,
    });
    const ticket = createTicketHandler({ api, identity: () => ({ ...USER, openid: OPENID }) });
    const verify = createVerifyHandler({ api, tickets: ticket.tickets, expect: () => ({ openid: OPENID }), onError: () => undefined });
    const issue = async () => (await answerOf(await ticket(postJson({ protocol: 'v2' }, 'http://app.test/ticket')))).body;
    const submit = async (body: unknown) => answerOf(await verify(postJson(body)));
    return { issue, submit, setDown: (value: boolean) => (down = value) };
  }

  it('WeChat unreachable → 502, and the same verifyId is accepted afterwards', async () => {
    const { issue, submit, setDown } = setup();
    const { verifyId, outSeqNo } = await issue();
    setDown(true);
    expect((await submit({ verify_id: verifyId, out_seq_no: outSeqNo })).status).toBe(502);
    setDown(false);
    expect((await submit({ verify_id: verifyId, out_seq_no: outSeqNo })).body).toMatchObject({ ok: true });
  });

  it('a post with another out_seq_no does not burn the ticket', async () => {
    const { issue, submit } = setup();
    const { verifyId, outSeqNo } = await issue();
    expect((await submit({ verify_id: verifyId, out_seq_no: 'tfv-forged' })).body).toMatchObject({ code: 'out_seq_no_mismatch' });
    expect((await submit({ verify_id: verifyId, out_seq_no: outSeqNo })).body).toMatchObject({ ok: true });
  });
});

describe("someone else's result, by another route", () => {
  it('a v1 capture of another person made without a ticket is refused when tickets are configured', async () => {
    const { api } = inProcessWeChat();
    const ticket = createTicketHandler({ api, identity: () => ({ ...USER, openid: OPENID }) });
    const verify = createVerifyHandler({ api, tickets: ticket.tickets, expect: () => ({ openid: OPENID }) });
    const answer = await answerOf(await verify(postJson({ verify_result: createMockCredential({ ...OTHER }) })));
    expect(answer.body).toMatchObject({ ok: false, code: 'ticket_required' });
  });
});
