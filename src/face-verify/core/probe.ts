/**
 * The support probe: the driver asks every question about the device at once (each platform knows its own
 * versions and codes); the core folds the answer into one report worded for the user.
 */
import { flowMessagesFor } from '../locales/flow';
import { wordsOf } from './errors';
import type { DeviceReport, FaceDriver } from './ports';
import type { LocaleOption, ModePreference, Protocol, SupportProblem, SupportReport } from './types';

/** What the probe checks the device for. */
export interface ProbeOptions {
  /** @default 'auto' (screen flash where the platform allows it, else read-number) */
  mode?: ModePreference;
  /** WeChat's capture API the flow will call. @default 'v1' */
  protocol?: Protocol;
  /** The capture will use a backend-issued ticket (WeChat v1: a userIdKey needs base library 1.9.3). @default false */
  usesTicket?: boolean;
  /** @default 'zh-CN' */
  locale?: LocaleOption;
}

/** The driver's findings as the public report: `supported` unless a problem blocks, messages in `locale`. */
export function reportSupport(found: DeviceReport, mock: boolean, locale: LocaleOption | undefined): SupportReport {
  const { problems: words } = flowMessagesFor(locale);
  const problems: SupportProblem[] = found.problems.map(({ code, blocking, action, detail, message: platformWording }) => {
    const entry = words[code];
    const message = platformWording ? wordsOf(platformWording, locale) : typeof entry === 'function' ? entry(detail ?? '') : entry;
    return action ? { code, message, blocking, action } : { code, message, blocking };
  });
  const supported = !problems.some((problem) => problem.blocking);
  return { supported, mode: supported ? found.mode : null, problems, device: { ...found.device, mock } };
}

/** A driver whose probe itself failed: nothing is known, so nothing can start; a retry probes again. */
const PROBE_FAILED: DeviceReport = {
  mode: null,
  problems: [{ code: 'probe-failed', blocking: true, action: 'retry' }],
  device: { platform: 'unknown', wechatVersion: null, sdkVersion: null },
};

/**
 * Probes the device before anything else.
 *
 * `supported` is false only for what the user cannot fix on this device now (wrong app, versions, no
 * front camera, the platform's own switch). A denied camera or a missing network are problems with an
 * action that leave `supported` true; the flow asks for the camera when the capture starts.
 *
 * @example
 * const report = await probeSupport(createWeChatDriver(), { mode: 'auto' });
 * if (!report.supported) showProblems(report.problems);
 */
export async function probeSupport(driver: FaceDriver, options: ProbeOptions = {}): Promise<SupportReport> {
  let found: DeviceReport;
  try {
    found = await driver.probe({
      mode: options.mode ?? 'auto',
      setup: { protocol: options.protocol ?? 'v1', ticketEndpoint: options.usesTicket ?? false },
    });
  } catch {
    found = PROBE_FAILED;
  }
  return reportSupport(found, driver.mock, options.locale);
}
