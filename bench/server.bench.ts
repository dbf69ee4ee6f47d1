/**
 * Server figures, against the WeChat stand-in over loopback HTTP: verify-handler throughput, the latency
 * the handler adds to a bare getinfo round trip (median and p95, measured interleaved in one run), and
 * push messages verified, decrypted and parsed per second. `npx tsx bench/server.bench.ts` prints them alone.
 */
import { performance } from 'node:perf_hooks';
import {
  createMockCredential,
  createPushHandler,
  createVerifyHandler,
  createWeChatApi,
  startMockWeChat,
  type MockWeChatServer,
} from '../src/face-verify/server';

type BenchRow = { metric: string; value: string };
const PERSON = { name: '张三', idCardNumber: '11010519491231002X' };
const ms = (value: number) => `${value.toFixed(2)} ms`;
const perSecond = (count: number, elapsedMs: number) => `${Math.round((count / elapsedMs) * 1000).toLocaleString('en-US')}/s`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? Number.NaN;
}

/** Each verification is a different user's capture: one person cannot finish two captures in one second. */
let users = 0;
const nextUser = () => ({ name: `用户${++users}`, idCardNumber: PERSON.idCardNumber });

const verifyRequest = (user = nextUser()) =>
  new Request('http://bench.local/api/face/verify', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-bench-user': encodeURIComponent(user.name) },
    body: JSON.stringify({ verify_result: createMockCredential(user) }),
  });

async function throughput(verify: (request: Request) => Promise<Response>): Promise<BenchRow[]> {
  const total = 3000;
  const concurrency = 32;
  let next = 0;
  let accepted = 0;
  const worker = async () => {
    while (next < total) {
      next++;
      const body = (await (await verify(verifyRequest())).json()) as { ok: boolean };
      if (body.ok) accepted++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = performance.now() - started;
  if (accepted !== total) throw new Error(`only ${accepted} of ${total} verifications were accepted`);
  return [{ metric: `verify handler throughput (v1, ${concurrency} concurrent, via loopback stand-in)`, value: perSecond(total, elapsed) }];
}

async function addedLatency(wechat: MockWeChatServer, verify: (request: Request) => Promise<Response>, token: string): Promise<BenchRow[]> {
  const rounds = 600;
  const bare: number[] = [];
  const handled: number[] = [];
  const getinfo = `${wechat.url}/cityservice/face/identify/getinfo?access_token=${token}`;
  for (let i = 0; i < rounds; i++) {
    // Interleaved, so both series see the same machine load.
    let started = performance.now();
    const raw = await fetch(getinfo, { method: 'POST', body: JSON.stringify({ verify_result: createMockCredential(nextUser()) }) });
    await raw.json();
    bare.push(performance.now() - started);
    started = performance.now();
    await (await verify(verifyRequest())).json();
    handled.push(performance.now() - started);
  }
  bare.sort((a, b) => a - b);
  handled.sort((a, b) => a - b);
  const [bareMedian, bareP95, handledMedian, handledP95] = [
    percentile(bare, 0.5),
    percentile(bare, 0.95),
    percentile(handled, 0.5),
    percentile(handled, 0.95),
  ];
  return [
    { metric: 'bare getinfo round trip to the stand-in, median / p95', value: `${ms(bareMedian)} / ${ms(bareP95)}` },
    { metric: 'through the verify handler, median / p95', value: `${ms(handledMedian)} / ${ms(handledP95)}` },
    {
      metric: 'latency added by the verify handler, median / p95',
      value: `${ms(handledMedian - bareMedian)} / ${ms(handledP95 - bareP95)}`,
    },
  ];
}

async function pushRate(wechat: MockWeChatServer): Promise<BenchRow[]> {
  let received = 0;
  const handler = createPushHandler({
    token: wechat.pushToken,
    appId: wechat.appId,
    encodingAESKey: wechat.encodingAESKey,
    onFaceIdentify: () => void received++,
  });
  const total = 5000;
  // Built beforehand (signing and encrypting is the sender's work), captured by a handler-shaped target.
  const requests: Request[] = [];
  const capture = async (request: Request) => {
    requests.push(request);
    return new Response('success');
  };
  for (let i = 0; i < total; i++) {
    await wechat.push(capture, wechat.faceIdentifyEvent({ outSeqNo: `bench-${i}`, verifyResult: `mock1.bench-${i}` }), { encrypt: true });
  }
  const started = performance.now();
  for (const request of requests) await handler(request);
  const elapsed = performance.now() - started;
  if (received !== total) throw new Error(`only ${received} of ${total} pushes reached the callback`);
  return [{ metric: 'push messages verified + decrypted + parsed (safe mode, XML)', value: perSecond(total, elapsed) }];
}

export async function runServerBench(): Promise<BenchRow[]> {
  const wechat = await startMockWeChat();
  try {
    const api = createWeChatApi({ appId: wechat.appId, appSecret: wechat.appSecret, baseUrl: wechat.url });
    // The session says who the user is: here, a header the bench sets per request.
    const verify = createVerifyHandler({
      api,
      expect: (request) => ({
        name: decodeURIComponent(request.headers.get('x-bench-user') ?? ''),
        idCardNumber: PERSON.idCardNumber,
        openid: wechat.openid,
      }),
      onError: () => undefined,
    });
    const token = await api.getAccessToken();
    for (let i = 0; i < 200; i++) await (await verify(verifyRequest())).json(); // warm-up
    return [...(await throughput(verify)), ...(await addedLatency(wechat, verify, token)), ...(await pushRate(wechat))];
  } finally {
    await wechat.close();
  }
}

if (process.argv[1] && /server\.bench\.ts$/.test(process.argv[1])) {
  void runServerBench().then((rows) => console.table(rows));
}
