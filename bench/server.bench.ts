/**
 * Server figures, against the WeChat stand-in over loopback HTTP: verify-handler throughput and the latency
 * the handler adds to a bare getinfo round trip (median and p95, measured interleaved in one run), each with
 * in-memory stores and with Redis stores (a real redis-server on loopback, started here), and push messages
 * verified, decrypted and parsed per second; the ticket handler's throughput and what the limits add (limits on vs
 * off, memory vs Redis); the cost of one audit record per request. `npx tsx bench/server.bench.ts` prints them alone.
 */
import { performance } from 'node:perf_hooks';
import { startRedis } from '../test/server/redis-server';
import {
  createMockCredential,
  createPushHandler,
  createRedisStores,
  createTicketHandler,
  createVerifyHandler,
  createWeChatApi,
  startMockWeChat,
  type MockWeChatServer,
} from '../src/face-verify/server';

type BenchRow = { metric: string; value: string };
const BENCH_SECRET = 'bench-secret-0123456789abcdef0123456789abcdef';
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

type Verify = (request: Request) => Promise<Response>;
type Variant = { label: string; verify: Verify };

async function throughput({ label, verify }: Variant): Promise<BenchRow[]> {
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
  return [
    {
      metric: `verify handler throughput, ${label} (v1, ${concurrency} concurrent, via loopback stand-in)`,
      value: perSecond(total, elapsed),
    },
  ];
}

async function addedLatency(wechat: MockWeChatServer, variants: Variant[], token: string): Promise<BenchRow[]> {
  const rounds = 600;
  const bare: number[] = [];
  const handled = variants.map(() => [] as number[]);
  const getinfo = `${wechat.url}/cityservice/face/identify/getinfo?access_token=${token}`;
  for (let i = 0; i < rounds; i++) {
    // Interleaved, so every series sees the same machine load.
    let started = performance.now();
    const raw = await fetch(getinfo, { method: 'POST', body: JSON.stringify({ verify_result: createMockCredential(nextUser()) }) });
    await raw.json();
    bare.push(performance.now() - started);
    for (const [index, { verify }] of variants.entries()) {
      started = performance.now();
      await (await verify(verifyRequest())).json();
      handled[index]?.push(performance.now() - started);
    }
  }
  const median = (series: number[]) =>
    percentile(
      [...series].sort((a, b) => a - b),
      0.5,
    );
  const p95 = (series: number[]) =>
    percentile(
      [...series].sort((a, b) => a - b),
      0.95,
    );
  const rows: BenchRow[] = [
    { metric: 'bare getinfo round trip to the stand-in, median / p95', value: `${ms(median(bare))} / ${ms(p95(bare))}` },
  ];
  for (const [index, { label }] of variants.entries()) {
    const series = handled[index] ?? [];
    rows.push({ metric: `through the verify handler, ${label}, median / p95`, value: `${ms(median(series))} / ${ms(p95(series))}` });
    rows.push({
      metric: `latency added by the verify handler, ${label}, median / p95`,
      value: `${ms(median(series) - median(bare))} / ${ms(p95(series) - p95(bare))}`,
    });
  }
  return rows;
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

const medianOf = (series: number[]) =>
  percentile(
    [...series].sort((a, b) => a - b),
    0.5,
  );
const µs = (value: number) => `${(value * 1000).toFixed(1)} µs`;

/**
 * What the limits add on Redis: the same verify handler with limits on and off, measured in-process (no
 * network to WeChat in the timed part), interleaved, as the median difference per request.
 */
async function limiterCost(client: Parameters<typeof createRedisStores>[0]['client']): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const redis of [false, true]) {
    const stores = createRedisStores({ client, secret: BENCH_SECRET, prefix: `bench-limits-${redis}:` });
    const make = (limits: boolean) =>
      createTicketHandler({
        api: {
          getUserIdKey: async () => ({ userIdKey: `uik-${++users}`, expiresIn: 3600 }),
          getVerifyId: async () => ({ verifyId: 'x', expiresIn: 3600 }),
        },
        identity: (request) => ({ userId: request.headers.get('x-bench-user') ?? '', ...PERSON }),
        ...(redis ? stores : { secret: BENCH_SECRET }),
        ...(limits ? { limits: { ticketPerIdCard: [{ points: 1_000_000, perSeconds: 60 }] } } : { limits: false as const }),
        onError: () => undefined,
      });
    const on = make(true);
    const off = make(false);
    const request = () =>
      new Request('http://bench.local/t', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-bench-user': `u${++users}` },
        body: '{"protocol":"v1"}',
      });
    const onTimes: number[] = [];
    const offTimes: number[] = [];
    for (let i = 0; i < 1500; i++) {
      for (const [handler, times] of [
        [on, onTimes],
        [off, offTimes],
      ] as const) {
        const started = performance.now();
        const answer = await handler(request());
        times.push(performance.now() - started);
        if (answer.status !== 200) throw new Error(`ticket answered ${answer.status}`);
      }
    }
    const where = redis ? 'Redis' : 'in-memory';
    rows.push({
      metric: `limits' added latency per ticket request (3 counters), ${where}, median`,
      value: ms(medianOf(onTimes.slice(200)) - medianOf(offTimes.slice(200))),
    });
  }
  return rows;
}

/** Ticket handler throughput with limits on (each request its own account), against the stand-in. */
async function ticketRows(api: ReturnType<typeof createWeChatApi>, stores: ReturnType<typeof createRedisStores>): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const redis of [false, true]) {
    const handler = createTicketHandler({
      api,
      identity: (request) => ({
        userId: request.headers.get('x-bench-user') ?? '',
        name: `用户${request.headers.get('x-bench-user')}`,
        idCardNumber: PERSON.idCardNumber,
      }),
      ...(redis ? stores : { secret: BENCH_SECRET }),
      limits: { ticketPerIdCard: [{ points: 1_000_000, perSeconds: 60 }] },
      onError: () => undefined,
    });
    const total = 2000;
    let next = 0;
    const worker = async () => {
      while (next < total) {
        next++;
        const answer = await handler(
          new Request('http://bench.local/t', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-bench-user': `t${++users}` },
            body: '{"protocol":"v1"}',
          }),
        );
        if (answer.status !== 200) throw new Error(`ticket answered ${answer.status}`);
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: 32 }, worker));
    rows.push({
      metric: `ticket handler throughput, ${redis ? 'Redis' : 'in-memory'} stores, limits on (v1, 32 concurrent, via loopback stand-in)`,
      value: perSecond(total, performance.now() - started),
    });
  }
  return rows;
}

/** One audit record per request: the handler with a sink against the same handler without, in-process, interleaved. */
async function auditCost(_api: ReturnType<typeof createWeChatApi>): Promise<BenchRow[]> {
  let records = 0;
  const make = (audit: boolean) =>
    createTicketHandler({
      api: {
        getUserIdKey: async () => ({ userIdKey: `uik-${++users}`, expiresIn: 3600 }),
        getVerifyId: async () => ({ verifyId: 'x', expiresIn: 3600 }),
      },
      identity: () => ({ userId: 'bench', ...PERSON }),
      secret: BENCH_SECRET,
      limits: false,
      ...(audit ? { onAudit: () => void records++ } : {}),
      onError: () => undefined,
    });
  const withSink = make(true);
  const without = make(false);
  const request = () =>
    new Request('http://bench.local/t', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"protocol":"v1"}' });
  const runs: number[] = [];
  for (let run = 0; run < 9; run++) {
    const times = { on: 0, off: 0 };
    for (let i = 0; i < 2000; i++) {
      let started = performance.now();
      await withSink(request());
      times.on += performance.now() - started;
      started = performance.now();
      await without(request());
      times.off += performance.now() - started;
    }
    runs.push((times.on - times.off) / 2000);
  }
  await new Promise((resolve) => setImmediate(resolve));
  if (records === 0) throw new Error('no audit record was delivered');
  return [{ metric: 'audit record per request (record built, sink called after the answer), median of 9 runs', value: µs(medianOf(runs)) }];
}

export async function runServerBench(): Promise<BenchRow[]> {
  const wechat = await startMockWeChat();
  const redis = await startRedis();
  try {
    const api = createWeChatApi({ appId: wechat.appId, appSecret: wechat.appSecret, baseUrl: wechat.url });
    const client = await redis.connect();
    const stores = createRedisStores({ client, secret: BENCH_SECRET });
    // The session says who the user is: here, a header the bench sets per request (each its own account, so the
    // per-subject limits, on by default, count every request and refuse none).
    const handler = (redis: boolean, limits: boolean): Verify =>
      createVerifyHandler({
        api,
        ...(redis ? { ...stores } : { secret: BENCH_SECRET }),
        ...(limits ? {} : { limits: false as const }),
        allowUnticketed: true,
        expect: (request) => {
          const name = decodeURIComponent(request.headers.get('x-bench-user') ?? '');
          return { userId: name, name, idCardNumber: PERSON.idCardNumber, openid: wechat.openid };
        },
        onError: () => undefined,
      });
    const variants: Variant[] = [
      { label: 'in-memory stores, limits on', verify: handler(false, true) },
      { label: 'Redis stores, limits on', verify: handler(true, true) },
      { label: 'Redis stores, limits off', verify: handler(true, false) },
    ];
    const token = await api.getAccessToken();
    for (const { verify } of variants) for (let i = 0; i < 200; i++) await (await verify(verifyRequest())).json(); // warm-up
    const rows: BenchRow[] = [];
    for (const variant of variants) rows.push(...(await throughput(variant)));
    const latency = await addedLatency(wechat, variants, token);
    return [
      ...rows,
      ...latency,
      ...(await limiterCost(client)),
      ...(await ticketRows(api, stores)),
      ...(await auditCost(api)),
      ...(await pushRate(wechat)),
    ];
  } finally {
    await redis.stop();
    await wechat.close();
  }
}

if (process.argv[1] && /server\.bench\.ts$/.test(process.argv[1])) {
  void runServerBench().then((rows) => console.table(rows));
}
