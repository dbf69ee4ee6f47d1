/**
 * Four demo-backend processes (scripts/demo-server.ts with REDIS_URL) behind no balancer but the test's own
 * round robin, sharing one real Redis and one WeChat stand-in: what a deployment with several instances is.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createMockCredential, startMockWeChat, type MockWeChatServer } from 'taro-face-verify/server';
import { startRedis, type RedisServer } from './redis-server';

jest.setTimeout(60_000);

const ROOT = join(__dirname, '..', '..');
const PERSON = { name: '张三', idCardNumber: '11010519491231002X' };

interface Instance {
  url: string;
  lines: string[];
  child: ChildProcess;
}

let redis: RedisServer;
let wechat: MockWeChatServer;
let instances: Instance[] = [];

function startInstance(): Promise<Instance> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo-server.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      API_PORT: '0',
      REDIS_URL: redis.url,
      WECHAT_APPID: wechat.appId,
      WECHAT_SECRET: wechat.appSecret,
      WECHAT_API_BASE_URL: wechat.url,
      WECHAT_PUSH_TOKEN: wechat.pushToken,
      WECHAT_AES_KEY: wechat.encodingAESKey,
      DEMO_USER_OPENID: wechat.openid,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const parts = buffered.split('\n');
      buffered = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        const url = /demo API on (http:\/\/\S+)/.exec(line)?.[1];
        if (url) resolve({ url, lines, child });
      }
    });
    child.once('exit', (code) => reject(new Error(`demo server exited with ${code}: ${stderr.slice(-800)}`)));
  });
}

const stopInstance = ({ child }: Instance) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

beforeAll(async () => {
  redis = await startRedis();
  wechat = await startMockWeChat();
  instances = await Promise.all([0, 1, 2, 3].map(() => startInstance()));
});

afterAll(async () => {
  await Promise.all(instances.map(stopInstance));
  await wechat?.close();
  await redis?.stop();
});

const post = (instance: Instance, path: string, body: unknown) =>
  fetch(`${instance.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const nth = (i: number) => instances[i % instances.length] as Instance;

/** Every log line an instance wrote before it answered this health check. */
async function flushedLines(instance: Instance): Promise<string[]> {
  const before = instance.lines.filter((line) => line.startsWith('GET /api/health')).length;
  await fetch(`${instance.url}/api/health`);
  while (instance.lines.filter((line) => line.startsWith('GET /api/health')).length === before) {
    await new Promise((resolve) => setImmediate(resolve));
  }
  return instance.lines;
}

describe('four instances on one Redis', () => {
  it('100 concurrent callers spread over the four → one token fetch at WeChat', async () => {
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => post(nth(i), '/api/face/ticket', { protocol: 'v1' })));
    expect(answers.map((answer) => answer.status)).toEqual(Array(100).fill(200));
    expect(wechat.calls.stable_token).toBe(1);
  });

  it('a storm of concurrent posts of one credential over the four → exactly one accepted', async () => {
    const ticket = (await (await post(nth(0), '/api/face/ticket', { protocol: 'v1' })).json()) as { userIdKey: string };
    const credential = createMockCredential({ userIdKey: ticket.userIdKey });
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => post(nth(i), '/api/face/verify', { verify_result: credential })),
    );
    const bodies = (await Promise.all(answers.map((answer) => answer.json()))) as Array<{ ok: boolean; code?: string }>;
    expect(bodies.filter((body) => body.ok)).toHaveLength(1);
    expect(bodies.filter((body) => !body.ok).every((body) => body.code === 'replayed')).toBe(true);
  });

  it('one push delivered to two instances → handled once', async () => {
    const requests: Request[] = [];
    const capture = async (request: Request) => (requests.push(request), new Response('success'));
    await wechat.push(capture, wechat.faceIdentifyEvent({ outSeqNo: 'seq-multi', verifyResult: 'mock1.multi' }), { encrypt: true });
    const request = requests[0] as Request;
    const deliver = async (instance: Instance) => {
      const path = new URL(request.url);
      const answer = await fetch(`${instance.url}/api/wechat/push${path.search}`, {
        method: 'POST',
        headers: { 'content-type': 'text/xml' },
        body: await request.clone().text(),
      });
      return answer.text();
    };
    expect(await Promise.all([deliver(nth(0)), deliver(nth(1))])).toEqual(['success', 'success']);
    const handled = (await Promise.all(instances.map(flushedLines))).flat().filter((line) => line === 'push face_identify received');
    expect(handled).toHaveLength(1);
  });

  it('Redis stopped mid-run → 503s and no acceptance; service resumes when it returns', async () => {
    const credential = createMockCredential({ ...PERSON });
    await redis.kill();
    const during = await Promise.all(instances.map((instance) => post(instance, '/api/face/verify', { verify_result: credential })));
    expect(during.map((answer) => answer.status)).toEqual([503, 503, 503, 503]);
    expect(during.every((answer) => answer.headers.get('retry-after') !== null)).toBe(true);
    const bodies = (await Promise.all(during.map((answer) => answer.json()))) as Array<{ ok: boolean; code: string }>;
    expect(bodies.every((body) => !body.ok && body.code === 'store_unavailable')).toBe(true);
    await redis.restart();
    // Each instance reconnects by itself: poll with a throwaway capture until all four answer again.
    for (const instance of instances) {
      for (;;) {
        const probe = await post(instance, '/api/face/verify', { verify_result: createMockCredential({ ...PERSON, name: '探测' }) });
        if (probe.status !== 503) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    const after = await Promise.all(instances.map((instance) => post(instance, '/api/face/verify', { verify_result: credential })));
    const verdicts = (await Promise.all(after.map((answer) => answer.json()))) as Array<{ ok: boolean }>;
    expect(verdicts.filter((body) => body.ok)).toHaveLength(1);
  });
});
