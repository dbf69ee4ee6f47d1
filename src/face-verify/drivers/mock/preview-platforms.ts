/**
 * The platforms the H5 preview simulates, in one list: the preview bar's platform switch and scenario list, the
 * page's `?platform=` and `?scenario=` checks, and the mock driver each one makes. Adding a platform is one entry.
 */
import type { FaceDriver } from '../../core/ports';
import { platformWordsFor } from '../../core/errors';
import type { Clock } from '../../core/types';
import { createMockAlipayDriver } from './alipay';
import { isMockAlipayScenarioName, MOCK_ALIPAY_SCENARIO_NAMES } from './alipay-scenarios';
import { createMockDriver } from './driver';
import { isMockScenarioName, MOCK_SCENARIO_NAMES } from './scenarios';
import { createMockTencentDriver, type MockTencentDriverOptions } from './tencent';
import { isMockTencentScenarioName, MOCK_TENCENT_SCENARIO_NAMES } from './tencent-scenarios';
import { TENCENT_SCENARIO_LABELS } from '../tencent/words';

/** What the page hands every platform's mock: the scenario by name, timings, the capture reports the demo forwards. */
export interface PreviewDriverSettings {
  /** A scenario of this platform; anything else plays 'success'. */
  scenario: string;
  latencyMs?: number;
  captureMs?: number;
  clock?: Clock;
  onV2Capture?: (report: { verifyId: string; verifyRet: number }) => void | Promise<void>;
  onAlipayCapture?: (report: { certify_id: string; passed: boolean }) => void | Promise<void>;
  /** A platform's own mock options (Tencent's `browser`, …), passed on as given. */
  options?: Readonly<Record<string, unknown>>;
}

/** One simulated platform. */
export interface PreviewPlatform<Name extends string = string> {
  name: Name;
  /** As its users know it (the same in every locale). */
  label: string;
  /** Its scenario names, in display order (labels: the locale tables' `scenarios`, else `labels`). */
  scenarios: readonly string[];
  /** Labels a platform brings itself, per shipped locale (a platform added to the kit needs no locale-table entry). */
  labels?: { readonly 'zh-CN': Readonly<Record<string, string>>; readonly en: Readonly<Record<string, string>> };
  create(settings: PreviewDriverSettings): FaceDriver;
}

/** The mocks' timings unless the page says otherwise: slow enough to see each screen. */
export const PREVIEW_TIMING = { latencyMs: 250, captureMs: 3000 } as const;

const timed = ({ latencyMs, captureMs, clock }: PreviewDriverSettings) => ({
  latencyMs: latencyMs ?? PREVIEW_TIMING.latencyMs,
  captureMs: captureMs ?? PREVIEW_TIMING.captureMs,
  ...(clock ? { clock } : {}),
});

/** Every simulated platform, WeChat (the default) first. */
export const PREVIEW_PLATFORMS = [
  {
    name: 'wechat',
    label: '微信 WeChat',
    scenarios: MOCK_SCENARIO_NAMES,
    create: (settings: PreviewDriverSettings) =>
      createMockDriver({
        ...timed(settings),
        scenario: isMockScenarioName(settings.scenario) ? settings.scenario : 'success',
        ...(settings.onV2Capture ? { onV2Capture: settings.onV2Capture } : {}),
      }),
  },
  {
    name: 'alipay',
    label: '支付宝 Alipay',
    scenarios: MOCK_ALIPAY_SCENARIO_NAMES,
    create: (settings: PreviewDriverSettings) =>
      createMockAlipayDriver({
        ...timed(settings),
        scenario: isMockAlipayScenarioName(settings.scenario) ? settings.scenario : 'success',
        ...(settings.onAlipayCapture ? { onAlipayCapture: settings.onAlipayCapture } : {}),
      }),
  },
  {
    name: 'tencent',
    label: '腾讯云 Tencent Cloud',
    scenarios: MOCK_TENCENT_SCENARIO_NAMES,
    labels: TENCENT_SCENARIO_LABELS,
    create: (settings: PreviewDriverSettings) =>
      createMockTencentDriver({
        ...(settings.options as MockTencentDriverOptions | undefined),
        ...timed(settings),
        scenario: isMockTencentScenarioName(settings.scenario) ? settings.scenario : 'success',
      }),
  },
] as const satisfies readonly PreviewPlatform[];

/** A scenario name of any simulated platform. */
export type PreviewScenarioName = (typeof PREVIEW_PLATFORMS)[number]['scenarios'][number];

/** The name of a simulated platform: 'wechat', 'alipay' or 'tencent'. */
export type PreviewPlatformName = (typeof PREVIEW_PLATFORMS)[number]['name'];

/** True when `value` names a simulated platform (e.g. the `platform` query parameter). */
export function isPreviewPlatformName(value: unknown): value is PreviewPlatformName {
  return PREVIEW_PLATFORMS.some((platform) => platform.name === value);
}

/** The simulated platform by name (WeChat for anything unknown). */
export function previewPlatform(name: PreviewPlatformName | undefined): PreviewPlatform<PreviewPlatformName> {
  return PREVIEW_PLATFORMS.find((platform) => platform.name === name) ?? PREVIEW_PLATFORMS[0];
}

/** A scenario's label in `table`'s language: the locale table's, else the platform's own, else its name. */
export function previewScenarioLabel(
  platform: PreviewPlatform,
  name: string,
  table: { locale: string; scenarios?: Readonly<Record<string, string>> | undefined },
): string {
  const own = platform.labels ? platformWordsFor(platform.labels, table) : undefined;
  return table.scenarios?.[name] ?? own?.[name] ?? name;
}
