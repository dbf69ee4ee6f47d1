/**
 * The one place that picks defaults by platform and joins the parts: the WeChat driver and the
 * mini-program's request on weapp (never the mock on its own); the Alipay driver and `my.request` on alipay; the mock driver, `fetch` and the in-browser
 * mock backend in a Taro H5 build. `process.env.TARO_ENV` is replaced at build time by Taro, so a weapp
 * bundle drops the mock branch entirely.
 */
import { createFaceVerify as createFlow, type FaceVerifyOptions, type FaceVerifyStore } from './core/flow';
import type { FaceDriver, HttpPort } from './core/ports';
import type { Clock } from './core/types';
import type { NativeApi } from './drivers/callback';
import { createFetchHttp } from './drivers/http/fetch';
import { createMiniProgramHttp } from './drivers/http/mini-program';
import { createMockBackend, type MockBackend, type MockCaptureRecord } from './drivers/mock/backend';
import { createMockAlipayDriver, type MockAlipayDriverOptions } from './drivers/mock/alipay';
import { createMockDriver, type MockDriverOptions } from './drivers/mock/driver';
import { previewPlatform, type PreviewPlatformName } from './drivers/mock/preview-platforms';
import { createAlipayDriver } from './drivers/alipay/driver';
import { createWeChatDriver } from './drivers/wechat/driver';

/** Options as users write them: the driver and the HTTP port are optional. */
export type FaceVerifyConfig = Omit<FaceVerifyOptions, 'driver'> & { driver?: FaceDriver };

/**
 * The H5 preview's device: the simulated WeChat (`platform` omitted or 'wechat'), the simulated Alipay
 * (`platform: 'alipay'`, `?platform=alipay` in the preview), or any other platform of the preview registry
 * (`platform: 'tencent'`: Tencent Cloud FaceID's H5 route, a real redirect round trip in the tab), each with its
 * scenario, timings, capture reports or its own mock options.
 */
export type PreviewDriverOptions =
  | (MockDriverOptions & { platform?: 'wechat' })
  | (MockAlipayDriverOptions & { platform: 'alipay' })
  | ({
      platform: Exclude<PreviewPlatformName, 'wechat' | 'alipay'>;
      scenario?: string;
      latencyMs?: number;
      captureMs?: number;
      clock?: Clock;
    } & Readonly<Record<string, unknown>>);

/**
 * The device driver for this build: Alipay on alipay, WeChat on other mini-program platforms, the mock in H5 previews. `preview`
 * sets the mock (scenario, timings, v2 capture reports, its clock: pass the flow's under fake timers) and is
 * ignored outside H5.
 * @example
 * const driver = createDefaultDriver({ scenario: 'camera-denied' }); // the scenario applies in H5 only
 */
export function createDefaultDriver(preview: PreviewDriverOptions = {}): FaceDriver {
  // Written out (not behind a helper) so Taro's build folds it and each bundle keeps only its own driver.
  if (process.env.TARO_ENV === 'h5') {
    const timing = { latencyMs: 250, captureMs: 3000 };
    if (preview.platform === 'alipay') return createMockAlipayDriver({ ...timing, ...withoutPlatform(preview) });
    if (preview.platform === undefined || preview.platform === 'wechat')
      return createMockDriver({ ...timing, ...withoutPlatform(preview) });
    // Any other simulated platform: its entry in the preview registry makes the mock (its own options passed on).
    const { platform, scenario, latencyMs, captureMs, clock, ...own } = preview;
    return previewPlatform(platform).create({
      scenario: typeof scenario === 'string' ? scenario : 'success',
      latencyMs: latencyMs ?? timing.latencyMs,
      captureMs: captureMs ?? timing.captureMs,
      ...(clock ? { clock } : {}),
      options: own,
    });
  }
  if (process.env.TARO_ENV === 'alipay') return createAlipayDriver();
  return createWeChatDriver();
}

declare const my: NativeApi | undefined;
const alipayGlobal = (): NativeApi | undefined => (typeof my === 'object' && my !== null ? my : undefined);

function withoutPlatform<T extends { platform?: string }>(options: T): Omit<T, 'platform'> {
  const { platform: _platform, ...rest } = options;
  return rest;
}

let sharedHttp: HttpPort | undefined;
/** The HTTP port for this build, made once: `fetch` in H5 (and Node), the mini-program's `request` elsewhere. */
function defaultHttp(): HttpPort {
  // Written out (not behind a helper) so Taro's build folds it and a mini-program bundle drops `fetch`.
  // Alipay's `my.request` takes `headers` (WeChat's `header`); `my` is read from the global there.
  sharedHttp ??=
    process.env.TARO_ENV === 'h5' || !process.env.TARO_ENV
      ? createFetchHttp()
      : process.env.TARO_ENV === 'alipay'
        ? createMiniProgramHttp(alipayGlobal(), { headersField: 'headers' })
        : createMiniProgramHttp();
  return sharedHttp;
}

const isMockWithCaptures = (driver: FaceDriver): driver is FaceDriver & MockCaptureRecord =>
  driver.mock && ('v2Outcomes' in driver || 'alipayOutcomes' in driver || 'platformServer' in driver);
/** One fake backend per mock driver, so every flow on that driver sees the same issued tickets. */
const backends = new WeakMap<FaceDriver, MockBackend>();
/** The mock driver's fake backend (H5 previews and Node; never in a mini-program bundle). */
function backendOf(driver: FaceDriver & MockCaptureRecord, clock: Clock | undefined): MockBackend {
  let backend = backends.get(driver);
  if (backend === undefined) backends.set(driver, (backend = createMockBackend({ driver, ...(clock ? { clock } : {}) })));
  return backend;
}

/** Fills in the driver and HTTP port, and — only on a mock driver in H5 or Node — the fake backend where no endpoint was given. */
export function resolveOptions(config: FaceVerifyConfig, driver: FaceDriver, http: HttpPort): FaceVerifyOptions {
  const resolved: FaceVerifyOptions = { ...config, driver, http: config.http ?? http };
  // Written out so a mini-program build folds it: the fake backend joins a mock driver only in H5 (and Node),
  // so no mini-program bundle carries it; a mock driver on a device needs a real endpoint.
  const backend =
    (process.env.TARO_ENV === 'h5' || !process.env.TARO_ENV) && isMockWithCaptures(driver) ? backendOf(driver, config.clock) : null;
  if (backend) {
    resolved.endpoint ??= backend.endpoint;
    // WeChat v2, Alipay and a platform with its own fake server always capture with a ticket: the fake backend issues it.
    if (config.protocol === 'v2' || 'alipayOutcomes' in driver || 'platformServer' in driver)
      resolved.ticketEndpoint ??= backend.ticketEndpoint;
  }
  return resolved;
}

/**
 * Creates one verification flow (a zustand vanilla store). Without a `driver`, uses WeChat on weapp and the
 * mock in H5; a flow on the mock says so (`preview: true`).
 * @example
 * const flow = createFaceVerify({ endpoint: 'https://api.example.com/face/verify' });
 * flow.subscribe((state) => console.log(state.status));
 * await flow.getState().start({ name, idCardNumber });
 */
export function createFaceVerify(config: FaceVerifyConfig = {}): FaceVerifyStore {
  const driver = config.driver ?? createDefaultDriver(config.clock ? { clock: config.clock } : {});
  const http = defaultHttp();
  // Later options (setOptions) keep the same driver, HTTP port and defaults: decided here, once.
  return createFlow(resolveOptions(config, driver, http), {
    resolveLater: (next) => resolveOptions(next, next.driver ?? driver, http),
  });
}
