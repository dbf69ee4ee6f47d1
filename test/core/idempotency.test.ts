/**
 * Idempotent submit (issue 8): every post of one credential carries the same `Idempotency-Key` (the
 * transport's own retries and `retry()` after a failed submit), a new capture gets a new one, and a
 * mini-program without `crypto.getRandomValues` still gets unique keys.
 */
import { createFaceVerify, createFetchHttp, IDEMPOTENCY_KEY_HEADER } from 'taro-face-verify';
import { createMockDriver } from 'taro-face-verify/mock';

const PERSON = { name: '张三', idCardNumber: '11010519491231002X' };

/** A fetch that answers from a script and records each post's Idempotency-Key and body. */
function backend(...statuses: number[]) {
  const posts: Array<{ key: string | undefined; body: string }> = [];
  const fetch = jest.fn(async (_url: string, init: RequestInit) => {
    const headers = init.headers as Record<string, string>;
    posts.push({ key: headers[IDEMPOTENCY_KEY_HEADER], body: String(init.body) });
    const status = statuses[Math.min(posts.length - 1, statuses.length - 1)] ?? 200;
    return new Response(JSON.stringify(status === 200 ? { ok: true } : {}), { status });
  });
  return { http: createFetchHttp(fetch as unknown as typeof globalThis.fetch), posts };
}

/** Backoff delays pass at once; request timeouts never fire. */
const instantClock = {
  now: () => Date.now(),
  setTimeout: (fn: () => void, ms: number) => (ms < 10_000 ? void Promise.resolve().then(fn) : undefined),
  clearTimeout: () => undefined,
};

const flowWith = (http: ReturnType<typeof backend>['http'], retries: number) =>
  createFaceVerify({ driver: createMockDriver(), http, endpoint: 'https://api.example.com/verify', retries, clock: instantClock });

describe('the Idempotency-Key header on submit', () => {
  it('is 128 random bits in hex, and the transport’s retries of one post reuse it', async () => {
    const { http, posts } = backend(503, 200);
    const flow = flowWith(http, 1);
    await flow.getState().start(PERSON);
    expect(flow.getState().status).toBe('success');
    expect(posts).toHaveLength(2);
    expect(posts[0]?.key).toMatch(/^[0-9a-f]{32}$/);
    expect(posts[1]?.key).toBe(posts[0]?.key);
  });

  it('retry() after a failed submit resends the same credential with the same key', async () => {
    const { http, posts } = backend(503, 200);
    const flow = flowWith(http, 0);
    await flow.getState().start(PERSON);
    expect(flow.getState()).toMatchObject({ status: 'failed', step: 'submit' });
    await flow.getState().retry();
    expect(flow.getState().status).toBe('success');
    expect(posts.map((post) => post.key)).toEqual([posts[0]?.key, posts[0]?.key]);
    expect(posts[1]?.body).toBe(posts[0]?.body);
  });

  it('a new capture gets a new key', async () => {
    const { http, posts } = backend(200);
    const flow = flowWith(http, 0);
    await flow.getState().start(PERSON);
    await flow.getState().start(PERSON);
    expect(posts).toHaveLength(2);
    expect(posts[1]?.body).not.toBe(posts[0]?.body);
    expect(posts[1]?.key).not.toBe(posts[0]?.key);
  });

  it('comes from crypto.getRandomValues where present (drawn in batches)', async () => {
    const spy = jest.spyOn(globalThis.crypto, 'getRandomValues').mockImplementation((array: ArrayBufferView) => {
      if (array instanceof Uint8Array) array.fill(0xab);
      return array;
    });
    try {
      const { http, posts } = backend(200);
      const flow = flowWith(http, 0);
      // A batch serves sixteen keys: seventeen captures draw a new one whatever an earlier test left.
      for (let i = 0; i < 17; i++) await flow.getState().start(PERSON);
      expect(spy).toHaveBeenCalled();
      expect(posts.at(-1)?.key).toBe('ab'.repeat(16));
    } finally {
      spy.mockRestore();
    }
  });

  it('still works, with distinct keys, where crypto.getRandomValues is missing (older mini-program runtimes)', async () => {
    const original = Object.getOwnPropertyDescriptor(globalThis, 'crypto');
    Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true });
    try {
      const { http, posts } = backend(200);
      const flow = flowWith(http, 0);
      await flow.getState().start(PERSON);
      await flow.getState().start(PERSON);
      expect(posts.map((post) => post.key)).toEqual([expect.stringMatching(/^[0-9a-f]{32}$/), expect.stringMatching(/^[0-9a-f]{32}$/)]);
      expect(posts[1]?.key).not.toBe(posts[0]?.key);
    } finally {
      if (original) Object.defineProperty(globalThis, 'crypto', original);
    }
    expect(typeof globalThis.crypto.getRandomValues).toBe('function');
  });
});
