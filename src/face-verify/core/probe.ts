/**
 * The support probe: every question about the device asked at once, folded into one report that says
 * whether face verification can run here, with which liveness mode, and what the user can do about the rest.
 */
import { DriverError, type FaceDriver, type FaceSupportAnswer, type SystemInfo } from '../drivers/driver';
import type { LocaleOption } from '../locales';
import { flowMessagesFor } from '../locales/flow';
import type { LivenessMode, ModePreference, Protocol, SupportProblem, SupportReport } from './types';
import { isAtLeast, VERSION_GATES } from './version';

/** What the probe checks the device for. */
export interface ProbeOptions {
  /** @default 'auto' (screen flash where WeChat allows it, else read-number) */
  mode?: ModePreference;
  /** Which capture API the flow will call. @default 'v1' */
  protocol?: Protocol;
  /** The v1 capture will use a backend-issued userIdKey (needs base library 1.9.3). @default false */
  usesTicket?: boolean;
  /** @default 'zh-CN' */
  locale?: LocaleOption;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };
const settle = <T>(promise: Promise<T>): Promise<Outcome<T>> =>
  promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

/** The liveness modes' checkAliveType: omitted means read-number; 2 = screen flash where possible. */
export function checkAliveTypeFor(mode: LivenessMode | null): number | undefined {
  return mode === 'screen-flash' ? 2 : undefined;
}

const FACE_CODES: Record<number, SupportProblem['code']> = {
  10001: 'no-front-camera',
  10002: 'model-missing',
  10003: 'disabled-by-wechat',
};
const FACE_ACTIONS: Record<number, SupportProblem['action']> = { 10001: 'other-channel', 10002: 'retry', 10003: 'other-channel' };

/**
 * Probes the device before anything else.
 *
 * `supported` is false only for what the user cannot fix on this device now (not WeChat, versions, no
 * front camera, missing face model, WeChat's own switch). A denied camera or a missing network are
 * problems with an action that leave `supported` true; the flow asks for the camera when the capture starts.
 *
 * @example
 * const report = await probeSupport(createWeChatDriver(), { mode: 'auto' });
 * if (!report.supported) showProblems(report.problems);
 */
export async function probeSupport(driver: FaceDriver, options: ProbeOptions = {}): Promise<SupportReport> {
  const words = flowMessagesFor(options.locale).problems;
  const preference = options.mode ?? 'auto';
  const protocol = options.protocol ?? 'v1';
  const problems: SupportProblem[] = [];
  const add = (code: SupportProblem['code'], message: string, blocking: boolean, action?: SupportProblem['action']) => {
    problems.push(action ? { code, message, blocking, action } : { code, message, blocking });
  };

  const [system, camera, network, face] = await Promise.all([
    settle(Promise.resolve().then(() => driver.getSystemInfo())),
    settle(Promise.resolve().then(() => driver.getCameraPermission())),
    settle(Promise.resolve().then(() => driver.getNetworkType())),
    settle(
      Promise.resolve().then(() =>
        driver.checkFaceSupport({ checkAliveType: checkAliveTypeFor(preference === 'read-number' ? 'read-number' : 'screen-flash') }),
      ),
    ),
  ]);

  const info: SystemInfo | null = system.ok ? system.value : null;
  const report = (mode: LivenessMode | null): SupportReport => {
    const supported = !problems.some((problem) => problem.blocking);
    return {
      supported,
      mode: supported ? mode : null,
      problems,
      device: {
        platform: info?.platform ?? 'unknown',
        wechatVersion: info?.wechatVersion ?? null,
        sdkVersion: info?.sdkVersion ?? null,
        mock: driver.mock,
      },
    };
  };

  if (!info) {
    const unsupported = !system.ok && system.error instanceof DriverError && system.error.code === 'unsupported';
    if (unsupported) add('not-wechat', words['not-wechat'], true, 'open-in-wechat');
    else add('probe-failed', words['probe-failed'], true, 'retry');
    return report(null);
  }

  const platform = info.platform;
  if (platform === 'devtools') {
    add('devtools', words.devtools, true);
    return report(null);
  }
  const isIOS = platform === 'ios';
  if (!isIOS && platform !== 'android' && platform !== 'ohos') {
    add('unsupported-platform', words['unsupported-platform'], true, 'other-channel');
    return report(null);
  }

  const readNumberMinimum = isIOS ? VERSION_GATES.readNumber.ios : VERSION_GATES.readNumber.android;
  if (!isAtLeast(info.wechatVersion, readNumberMinimum)) {
    add('wechat-too-old', words['wechat-too-old'](readNumberMinimum), true, 'update-wechat');
  }
  const flashAllowed = isAtLeast(info.wechatVersion, VERSION_GATES.screenFlash);
  let mode: LivenessMode = 'read-number';
  if (preference !== 'read-number' && flashAllowed) mode = 'screen-flash';
  if (preference === 'screen-flash' && !flashAllowed) add('screen-flash-unavailable', words['screen-flash-unavailable'], false);

  const sdkMinimum = protocol === 'v2' ? VERSION_GATES.v2 : options.usesTicket ? VERSION_GATES.userIdKey : null;
  if (sdkMinimum && !isAtLeast(info.sdkVersion, sdkMinimum)) {
    add('base-library-too-old', words['base-library-too-old'](sdkMinimum), true, 'update-wechat');
  }
  const captureApi = protocol === 'v2' ? 'requestFacialVerify' : 'startFacialRecognitionVerify';
  if (!driver.has(captureApi) && !problems.some((p) => p.code === 'wechat-too-old' || p.code === 'base-library-too-old')) {
    add('api-unavailable', words['api-unavailable'], true, 'update-wechat');
  }

  // iOS gives no code and may fail on capable devices: only Android's answer can block.
  const answer: FaceSupportAnswer | null = face.ok ? face.value : null;
  const faceProblem = answer?.errCode != null ? FACE_CODES[answer.errCode] : undefined;
  if (faceProblem && answer?.errCode != null && !isIOS) {
    add(faceProblem, words[faceProblem] as string, true, FACE_ACTIONS[answer.errCode]);
  }

  if (camera.ok && camera.value === 'denied') add('camera-denied', words['camera-denied'], false, 'open-settings');
  if (network.ok && network.value === 'none') add('no-network', words['no-network'], false, 'retry');

  return report(mode);
}
