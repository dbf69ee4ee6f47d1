/**
 * WeChat's device probe: every native question at once (system info, camera permission, network, the
 * face check), folded with WeChat's version gates and probe codes into the neutral device report.
 */
import { DriverError, type DeviceProblem, type DeviceReport, type ProbeRequest } from '../../core/ports';
import type { LivenessMode } from '../../core/types';
import type { FaceSupportAnswer, SystemInfo, WeChatFaceApi } from './native';
import { isAtLeast, VERSION_GATES } from './version';

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };
const settle = <T>(work: () => Promise<T>): Promise<Outcome<T>> => {
  const failed = (error: unknown) => ({ ok: false as const, error });
  try {
    return work().then((value) => ({ ok: true as const, value }), failed);
  } catch (error) {
    return Promise.resolve(failed(error));
  }
};

/** The liveness modes' checkAliveType: omitted means read-number; 2 = screen flash where possible. */
export function checkAliveTypeFor(mode: LivenessMode | null): number | undefined {
  return mode === 'screen-flash' ? 2 : undefined;
}

/** checkIsSupportFacialRecognition's codes (Android only; iOS gives none). */
const FACE_CODES: Record<number, { code: DeviceProblem['code']; action: DeviceProblem['action'] }> = {
  10001: { code: 'no-front-camera', action: 'other-channel' },
  10002: { code: 'model-missing', action: 'retry' },
  10003: { code: 'disabled-by-wechat', action: 'other-channel' },
};

/** Probes a WeChat device for the capture the flow will run (v1, v1 with a userIdKey, or v2). */
export async function probeWeChat(native: WeChatFaceApi, { mode: preference, setup }: ProbeRequest): Promise<DeviceReport> {
  const v2 = setup.protocol === 'v2';
  const problems: DeviceProblem[] = [];
  const add = (code: DeviceProblem['code'], blocking: boolean, action?: DeviceProblem['action'], detail?: string) => {
    problems.push({ code, blocking, ...(action ? { action } : {}), ...(detail ? { detail } : {}) });
  };

  const [system, camera, network, face] = await Promise.all([
    settle(() => native.getSystemInfo()),
    settle(() => native.getCameraPermission()),
    settle(() => native.getNetworkType()),
    settle(() =>
      native.checkFaceSupport({ checkAliveType: checkAliveTypeFor(preference === 'read-number' ? 'read-number' : 'screen-flash') }),
    ),
  ]);

  const info: SystemInfo | null = system.ok ? system.value : null;
  const report = (mode: LivenessMode | null): DeviceReport => ({
    mode,
    problems,
    device: { platform: info?.platform ?? 'unknown', wechatVersion: info?.wechatVersion ?? null, sdkVersion: info?.sdkVersion ?? null },
  });

  if (!info) {
    const unsupported = !system.ok && system.error instanceof DriverError && system.error.code === 'unsupported';
    if (unsupported) add('not-wechat', true, 'open-in-wechat');
    else add('probe-failed', true, 'retry');
    return report(null);
  }

  const platform = info.platform;
  if (platform === 'devtools') {
    add('devtools', true);
    return report(null);
  }
  const isIOS = platform === 'ios';
  if (!isIOS && platform !== 'android' && platform !== 'ohos') {
    add('unsupported-platform', true, 'other-channel');
    return report(null);
  }

  const readNumberMinimum = isIOS ? VERSION_GATES.readNumber.ios : VERSION_GATES.readNumber.android;
  if (!isAtLeast(info.wechatVersion, readNumberMinimum)) add('wechat-too-old', true, 'update-wechat', readNumberMinimum);
  const flashAllowed = isAtLeast(info.wechatVersion, VERSION_GATES.screenFlash);
  let mode: LivenessMode = 'read-number';
  if (preference !== 'read-number' && flashAllowed) mode = 'screen-flash';
  if (preference === 'screen-flash' && !flashAllowed) add('screen-flash-unavailable', false);

  const sdkMinimum = v2 ? VERSION_GATES.v2 : setup.ticketEndpoint ? VERSION_GATES.userIdKey : null;
  if (sdkMinimum && !isAtLeast(info.sdkVersion, sdkMinimum)) add('base-library-too-old', true, 'update-wechat', sdkMinimum);
  const captureApi = v2 ? 'requestFacialVerify' : 'startFacialRecognitionVerify';
  if (!native.has(captureApi) && !problems.some((p) => p.code === 'wechat-too-old' || p.code === 'base-library-too-old')) {
    add('api-unavailable', true, 'update-wechat');
  }

  // iOS gives no code and may fail on capable devices: only Android's answer can block.
  const answer: FaceSupportAnswer | null = face.ok ? face.value : null;
  const faceProblem = answer?.errCode != null ? FACE_CODES[answer.errCode] : undefined;
  if (faceProblem && !isIOS) add(faceProblem.code, true, faceProblem.action);

  if (camera.ok && camera.value === 'denied') add('camera-denied', false, 'open-settings');
  if (network.ok && network.value === 'none') add('no-network', false, 'retry');

  return report(mode);
}
