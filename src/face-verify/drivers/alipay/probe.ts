/**
 * Alipay's device probe: system info, the IDE, `canIUse('startAPVerify')`, the camera (the mini-program's
 * setting and the phone's switch for the Alipay app) and the network, asked at once and folded into the
 * neutral device report with the outcome table's actions and wording.
 */
import { DriverError, type DeviceProblem, type DeviceReport, type FailureMessage } from '../../core/ports';
import type { AlipayNative, AlipaySystemInfo } from './native';
import { ALIPAY_OUTCOMES } from './outcomes';

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };
const settle = <T>(work: () => Promise<T>): Promise<Outcome<T>> => {
  const failed = (error: unknown) => ({ ok: false as const, error });
  try {
    return work().then((value) => ({ ok: true as const, value }), failed);
  } catch (error) {
    return Promise.resolve(failed(error));
  }
};

/** The probe's findings by their outcome-table row: the neutral problem code and whether it blocks. */
const FINDINGS = {
  'not-alipay': { row: 'probe:not-alipay', blocking: true },
  devtools: { row: 'probe:devtools', blocking: true },
  'api-unavailable': { row: 'probe:api-unavailable', blocking: true },
  'camera-denied': { row: 'probe:camera-denied', blocking: false },
  'camera-system-denied': { row: 'probe:camera-system-denied', blocking: false },
  'no-network': { row: 'probe:no-network', blocking: false },
} as const satisfies Partial<Record<DeviceProblem['code'], { row: keyof typeof ALIPAY_OUTCOMES; blocking: boolean }>>;

function problem(code: keyof typeof FINDINGS): DeviceProblem {
  const { row, blocking } = FINDINGS[code];
  const outcome: { action?: DeviceProblem['action']; message: FailureMessage } = ALIPAY_OUTCOMES[row];
  return { code, blocking, message: outcome.message, ...(outcome.action ? { action: outcome.action } : {}) };
}

/**
 * Probes an Alipay client. Alipay has one capture and no liveness choice (`mode` is null), and its minimum
 * client version for `startAPVerify` is not published: `canIUse` is the gate.
 */
export async function probeAlipay(native: AlipayNative): Promise<DeviceReport> {
  const problems: DeviceProblem[] = [];
  const [system, camera, network] = await Promise.all([
    settle(() => native.getSystemInfo()),
    settle(() => native.getCameraSetting()),
    settle(() => native.getNetworkType()),
  ]);
  const info: AlipaySystemInfo | null = system.ok ? system.value : null;
  const report = (): DeviceReport => ({
    mode: null,
    problems,
    device: { platform: info?.platform ?? 'unknown', wechatVersion: null, sdkVersion: null, clientVersion: info?.version ?? null },
  });

  if (!info) {
    const missing = !system.ok && system.error instanceof DriverError && system.error.code === 'unsupported';
    problems.push(missing ? problem('not-alipay') : { code: 'probe-failed', blocking: true, action: 'retry' });
    return report();
  }
  // The IDE answers getSystemInfo like a phone, but startAPVerify needs a real device.
  if (native.isIDE() || info.platform === 'devtools') {
    problems.push(problem('devtools'));
    return report();
  }
  if (!native.canStartVerify()) problems.push(problem('api-unavailable'));
  if (camera.ok && camera.value === 'denied') problems.push(problem('camera-denied'));
  if (info.cameraAuthorized === false) problems.push(problem('camera-system-denied'));
  if (network.ok && network.value === 'none') problems.push(problem('no-network'));
  return report();
}
