/**
 * The H5 preview's device, chosen in one place: the simulated platform, its scenario, timings and capture
 * reports in, a mock driver out. A platform added to the preview is one more branch here (or its registry entry).
 */
import type { FaceDriver } from '../../core/ports';
import {
  isPreviewPlatformName,
  previewPlatform,
  type PreviewPlatformName,
  type PreviewScenarioName,
} from '../../drivers/mock/preview-platforms';

/** The platform the H5 preview simulates (the preview registry's names; WeChat by default). */
export type PreviewPlatform = PreviewPlatformName;

/** A simulated v2 capture's report: the verify_ret WeChat would record for the verify id. */
export type V2CaptureReport = { verifyId: string; verifyRet: number };
/** A simulated Alipay capture's report: what Alipay's query will say for the certify id. */
export type AlipayCaptureReport = { certify_id: string; passed: boolean };

/** The H5 preview's settings (ignored in mini-program builds, which never run the mock). */
export interface FaceVerifyPreview {
  /**
   * The simulated platform. Falls back to the `platform` query parameter (`?platform=alipay`), then WeChat; the
   * preview bar switches it. Ignored when `flow.driver` or `store` is given. @default 'wechat'
   */
  platform?: PreviewPlatform;
  /**
   * The mock scenario (one of the simulated platform's). Falls back to the `scenario` query
   * parameter, then 'success'. Ignored when `flow.driver` or `store` is given.
   */
  scenario?: PreviewScenarioName;
  /** The mock's timings. @default { latencyMs: 250, captureMs: 3000 } */
  timing?: { latencyMs?: number; captureMs?: number };
  /** Show the preview bar (scenario and language switch). @default true */
  bar?: boolean;
  /**
   * Called when a simulated v2 capture ends, with the verify_ret WeChat would record, so a local WeChat
   * stand-in can answer `queryverifyinfo` with it (the demo app posts it to the demo backend).
   */
  onV2Capture?: (report: V2CaptureReport) => void | Promise<void>;
  /**
   * Called when a simulated Alipay capture ends with 9000, with what Alipay's query will say for the certify id,
   * so the local Alipay stand-in answers with it (the demo app posts it to `/api/mock/alipay-capture`).
   */
  onAlipayCapture?: (report: AlipayCaptureReport) => void | Promise<void>;
}

/** What the preview's device is made from. */
export interface PreviewDriverChoice {
  platform: PreviewPlatform;
  /** A scenario of `platform` (see {@link previewScenarioOf}). */
  scenario: string;
  timing: { latencyMs?: number; captureMs?: number };
  onV2Capture: (report: V2CaptureReport) => void;
  onAlipayCapture: (report: AlipayCaptureReport) => void;
}

/** The preview's platform named by a query parameter, if it names one. */
export const previewPlatformOf = (value: unknown): PreviewPlatform | undefined => (isPreviewPlatformName(value) ? value : undefined);

/** The first of `candidates` that is a scenario of `platform`, else 'success' (every platform has it). */
export function previewScenarioOf(platform: PreviewPlatform, candidates: readonly unknown[]): string {
  const { scenarios } = previewPlatform(platform);
  return candidates.find((name): name is string => typeof name === 'string' && scenarios.includes(name)) ?? 'success';
}

/** The mock driver for the preview's platform and scenario (the platform's entry in the preview registry makes it). */
export function choosePreviewDriver(choice: PreviewDriverChoice): FaceDriver {
  const { platform, scenario, timing } = choice;
  return previewPlatform(platform).create({
    scenario,
    ...timing,
    onV2Capture: choice.onV2Capture,
    onAlipayCapture: choice.onAlipayCapture,
  });
}
