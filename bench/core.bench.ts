/**
 * Core figures: the probe's wall time against its slowest native call (the calls run concurrently),
 * the flow's own overhead per verification, and the gzip size of the front-end entry.
 */
import { build } from 'esbuild';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { systemClock } from '../src/face-verify/core/clock';
import { FlowEvents } from '../src/face-verify/core/events';
import { initialMachine, transition, type FlowEvent, type FlowMachine } from '../src/face-verify/core/machine';
import { probeSupport } from '../src/face-verify/core/probe';
import { createFaceVerify } from '../src/face-verify/defaults';
import { createWeChatDriver } from '../src/face-verify/drivers/wechat';
import { createMockDriver } from '../src/face-verify/drivers/mock/driver';

export type BenchRow = { metric: string; value: string };
const PERSON = { name: '张三', idCardNumber: '11010519491231002X' };
const ms = (value: number) => `${value.toFixed(1)} ms`;

/** A fake `wx` whose calls answer after the given latencies. */
function slowWx(latencies: Record<string, number>) {
  const answers: Record<string, Record<string, unknown>> = {
    getSystemInfo: { platform: 'android', version: '8.0.50', SDKVersion: '3.9.0' },
    getSetting: { authSetting: { 'scope.camera': true } },
    getNetworkType: { networkType: 'wifi' },
    checkIsSupportFacialRecognition: { errCode: 0 },
  };
  const wx: Record<string, unknown> = { startFacialRecognitionVerify: () => undefined };
  for (const [name, answer] of Object.entries(answers)) {
    wx[name] = (params: { success: (r: unknown) => void }) => setTimeout(() => params.success(answer), latencies[name] ?? 0);
  }
  return wx;
}

async function probeTiming(): Promise<BenchRow[]> {
  const latencies = { getSystemInfo: 120, getSetting: 80, getNetworkType: 60, checkIsSupportFacialRecognition: 150 };
  const slowest = Math.max(...Object.values(latencies));
  const serial = Object.values(latencies).reduce((a, b) => a + b, 0);
  const runs: number[] = [];
  for (let i = 0; i < 10; i++) {
    const started = performance.now();
    await probeSupport(createWeChatDriver(slowWx(latencies)));
    runs.push(performance.now() - started);
  }
  runs.sort((a, b) => a - b);
  const median = runs[Math.floor(runs.length / 2)] as number;
  return [
    { metric: 'probe wall time (median of 10)', value: ms(median) },
    { metric: 'slowest single native call', value: ms(slowest) },
    { metric: 'probe cost beyond the slowest call', value: ms(median - slowest) },
    { metric: 'the same calls one after another would take', value: ms(serial) },
  ];
}

async function flowOverhead(): Promise<BenchRow[]> {
  const rounds = 2000;
  const driver = createMockDriver();
  const endpoint = async () => ({ ok: true as const });
  // Warm up the JIT before measuring.
  for (let i = 0; i < 200; i++) await createFaceVerify({ driver, endpoint }).getState().start(PERSON);
  const started = performance.now();
  for (let i = 0; i < rounds; i++) await createFaceVerify({ driver, endpoint }).getState().start(PERSON);
  const perFlow = (performance.now() - started) / rounds;
  return [
    {
      metric: 'flow overhead per verification (probe → success, zero-latency device and backend)',
      value: `${(perFlow * 1000).toFixed(0)} µs`,
    },
  ];
}

/**
 * What `onEvent` adds to one verification: the events of its five transitions (probe requested and answered,
 * identity accepted, captured, verdict) derived and delivered to a listener, replayed 20 000 times over the real
 * transition table (a whole flow varies by more than this between runs, so an A/B of flows cannot see it).
 */
async function eventOverhead(): Promise<BenchRow[]> {
  const driver = createMockDriver();
  const support = await probeSupport(driver);
  const plan = driver.plan({ ticketEndpoint: false });
  const steps: FlowEvent[] = [
    { type: 'probe-requested' },
    { type: 'probe-answered', run: 0, support },
    { type: 'identity-accepted', identity: PERSON, plan },
    { type: 'captured', run: 0, payload: { verify_result: 'mock1.x' }, key: 'k' },
    { type: 'verdict', run: 0, result: { ok: true } },
  ];
  const transitions: Array<[FlowMachine, FlowMachine, FlowEvent]> = [];
  let machine = initialMachine();
  for (const event of steps) {
    const next = transition(machine, event);
    transitions.push([machine, next, event]);
    machine = next;
  }
  if (machine.status !== 'success') throw new Error(`the replay ended ${machine.status}`);
  let time = 0;
  let received = 0;
  const options = { driver, clock: { ...systemClock, now: () => ++time }, onEvent: () => void received++ };
  const replay = (rounds: number) => {
    const started = performance.now();
    for (let i = 0; i < rounds; i++) {
      const events = new FlowEvents(() => options);
      for (const [prev, next, event] of transitions) events.observe(prev, next, event);
    }
    return (performance.now() - started) / rounds;
  };
  replay(5000);
  const runs = Array.from({ length: 9 }, () => replay(20_000)).sort((a, b) => a - b);
  const median = runs[Math.floor(runs.length / 2)] as number;
  if (received !== 5 * (5000 + 9 * 20_000)) throw new Error(`expected 5 events per verification, heard ${received}`);
  return [
    {
      metric: 'onEvent overhead per verification (5 events derived and delivered; goal ≤ 20 µs)',
      value: `${(median * 1000).toFixed(2)} µs`,
    },
  ];
}

export async function bundleSize(entry: string, external: string[]): Promise<{ raw: number; gzip: number }> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    external,
    define: { 'process.env.TARO_ENV': '"weapp"', 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  return { raw: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength };
}

export const FRONT_END_EXTERNALS = ['react', 'react-dom', 'react/jsx-runtime', 'zustand', 'zustand/*', '@tarojs/*'];
const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;

async function entrySizes(): Promise<BenchRow[]> {
  const core = await bundleSize('src/face-verify/index.ts', FRONT_END_EXTERNALS);
  const mock = await bundleSize('src/face-verify/mock.ts', FRONT_END_EXTERNALS);
  return [
    { metric: 'front-end entry (core, hook, page), weapp build, minified (React, Taro, zustand external)', value: kb(core.raw) },
    { metric: 'front-end entry (core, hook, page), weapp build, gzip', value: kb(core.gzip) },
    { metric: 'mock entry, gzip', value: kb(mock.gzip) },
  ];
}

export async function runCoreBench(): Promise<BenchRow[]> {
  return [...(await probeTiming()), ...(await flowOverhead()), ...(await eventOverhead()), ...(await entrySizes())];
}

if (process.argv[1] && /core\.bench\.ts$/.test(process.argv[1])) {
  void runCoreBench().then((rows) => console.table(rows));
}
