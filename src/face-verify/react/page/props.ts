/**
 * FaceVerifyPage's props: four groups (`flow` or `store`, `ui`, `callbacks`, `preview`), and the flat props of
 * earlier versions, still accepted, folded into the same groups (a grouped value wins over its flat alias).
 */
import type { CSSProperties } from 'react';
import type { FaceVerifyStore } from '../../core/flow';
import type { FaceVerifyConfig } from '../../defaults';
import type { MockScenarioName } from '../../drivers/mock/scenarios';
import type { LocaleOption } from '../../locales';
import type { FaceVerifyPreview, V2CaptureReport } from '../preview/previewDriver';
import type { FaceVerifyCallbacks } from './FlowView';
import type { FaceVerifyTheme } from './theme';

/** The flow's options as the page takes them: the device is optional, the language is `ui.locale`. */
export type FaceVerifyPageFlowOptions = Omit<FaceVerifyConfig, 'locale' | 'clock'>;

/** What the page looks like and says: words, language, elder mode, theme. */
export interface FaceVerifyPageUi {
  /**
   * The page's language: a name (`'zh-CN'`, `'en'`) or a table (`en`, or your own). Falls back to the `locale`
   * query parameter, then Chinese. Changing it restarts the flow. @default 'zh-CN'
   */
  locale?: LocaleOption;
  /** The page heading. @default '人脸核身' / 'Face verification' */
  title?: string;
  /** The text under the heading: why the service needs this. @default a short explanation in the page's language */
  description?: string;
  /** Show the name and ID number form. @default true unless `flow.ticketEndpoint` is given */
  collectIdentity?: boolean;
  /**
   * Elder mode (适老化, the MIIT 2021 numbers): text of 18 px and more (titles 30 px and more), line height
   * 1.3 and more, tap targets of 60 × 60 px and more, one action per screen, no time limit on the page's own
   * screens, and in H5 each screen's instruction read aloud with a button to repeat it. Falls back to the
   * `elderly=1` query parameter, then to WeChat's font setting (large text turns it on). @default false
   */
  elderly?: boolean;
  /** Colours, radius and font size, as CSS variables (`--fv-color-primary`, `--fv-radius`, `--fv-font-size`, …). */
  theme?: FaceVerifyTheme;
  className?: string;
  /** Merged into the root's inline style (after the theme). */
  style?: CSSProperties;
}

/** The flat props of earlier versions: each still works and names its grouped replacement. */
export interface FaceVerifyPageFlatProps {
  /** @deprecated Use `flow.endpoint`. */
  endpoint?: FaceVerifyPageFlowOptions['endpoint'];
  /** @deprecated Use `flow.ticketEndpoint`. */
  ticketEndpoint?: FaceVerifyPageFlowOptions['ticketEndpoint'];
  /** @deprecated Use `flow.protocol`. */
  protocol?: FaceVerifyPageFlowOptions['protocol'];
  /** @deprecated Use `flow.mode`. */
  mode?: FaceVerifyPageFlowOptions['mode'];
  /** @deprecated Use `flow.driver`. */
  driver?: FaceVerifyPageFlowOptions['driver'];
  /** @deprecated Use `flow.http`. */
  http?: FaceVerifyPageFlowOptions['http'];
  /** @deprecated Use `flow.headers`. */
  headers?: FaceVerifyPageFlowOptions['headers'];
  /** @deprecated Use `flow.timeoutMs`. */
  timeoutMs?: FaceVerifyPageFlowOptions['timeoutMs'];
  /** @deprecated Use `flow.retries`. */
  retries?: FaceVerifyPageFlowOptions['retries'];
  /** @deprecated Use `flow.onEvent`. */
  onEvent?: FaceVerifyPageFlowOptions['onEvent'];
  /** @deprecated Use `ui.locale`. */
  locale?: FaceVerifyPageUi['locale'];
  /** @deprecated Use `ui.title`. */
  title?: FaceVerifyPageUi['title'];
  /** @deprecated Use `ui.description`. */
  description?: FaceVerifyPageUi['description'];
  /** @deprecated Use `ui.collectIdentity`. */
  collectIdentity?: FaceVerifyPageUi['collectIdentity'];
  /** @deprecated Use `ui.elderly`. */
  elderly?: FaceVerifyPageUi['elderly'];
  /** @deprecated Use `ui.theme`. */
  theme?: FaceVerifyPageUi['theme'];
  /** @deprecated Use `ui.className`. */
  className?: FaceVerifyPageUi['className'];
  /** @deprecated Use `ui.style`. */
  style?: FaceVerifyPageUi['style'];
  /** @deprecated Use `callbacks.onSuccess`. */
  onSuccess?: FaceVerifyCallbacks['onSuccess'];
  /** @deprecated Use `callbacks.onFail`. */
  onFail?: FaceVerifyCallbacks['onFail'];
  /** @deprecated Use `callbacks.onOtherChannel`. */
  onOtherChannel?: FaceVerifyCallbacks['onOtherChannel'];
  /** @deprecated Use `callbacks.onDone`. */
  onDone?: FaceVerifyCallbacks['onDone'];
  /** @deprecated Use `preview.scenario`. */
  scenario?: MockScenarioName;
  /** @deprecated Use `preview.timing`. */
  previewTiming?: { latencyMs?: number; captureMs?: number };
  /** @deprecated Use `preview.bar`. */
  previewBar?: boolean;
  /** @deprecated Use `preview.onV2Capture`. */
  onPreviewV2Capture?: (report: V2CaptureReport) => void | Promise<void>;
}

/** Props of {@link FaceVerifyPage}: the flow's options (or a ready flow), the page's looks and words, callbacks and preview. */
export interface FaceVerifyPageProps extends FaceVerifyPageFlatProps {
  /** The flow's options: endpoints, protocol, driver, HTTP port, headers, timeouts, `onEvent`. */
  flow?: FaceVerifyPageFlowOptions;
  /**
   * A flow the app made (`createFaceVerify`): the page shows it and leaves it to the app (it is not disposed on
   * unmount). `flow` and `preview.scenario` are then ignored; make it with the page's locale.
   */
  store?: FaceVerifyStore;
  /** Words, language, elder mode and looks. */
  ui?: FaceVerifyPageUi;
  /** What the page tells the app about: the outcome and the ways out it offers. */
  callbacks?: FaceVerifyCallbacks;
  /** The H5 preview's settings: platform, scenario, timings, bar, capture reports. */
  preview?: FaceVerifyPreview;
}

/** The page's props in their groups, flat aliases folded in. */
export interface GroupedPageProps {
  flow: FaceVerifyPageFlowOptions;
  store: FaceVerifyStore | undefined;
  ui: FaceVerifyPageUi;
  callbacks: FaceVerifyCallbacks;
  preview: FaceVerifyPreview;
}

type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : false;
// Every flow option (and every UI setting) has its flat alias: a new one fails here until it is added above.
const flatFlowIsComplete: SameKeys<
  Required<FaceVerifyPageFlowOptions>,
  Pick<FaceVerifyPageFlatProps, keyof FaceVerifyPageFlowOptions>
> = true;
const flatUiIsComplete: SameKeys<Required<FaceVerifyPageUi>, Pick<FaceVerifyPageFlatProps, keyof FaceVerifyPageUi>> = true;
void flatFlowIsComplete;
void flatUiIsComplete;

function defined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Folds the flat props into their groups; a grouped value wins over its flat alias. */
export function groupPageProps(props: FaceVerifyPageProps): GroupedPageProps {
  const {
    flow,
    store,
    ui,
    callbacks,
    preview,
    locale,
    title,
    description,
    collectIdentity,
    elderly,
    theme,
    className,
    style,
    onSuccess,
    onFail,
    onOtherChannel,
    onDone,
    scenario,
    previewTiming,
    previewBar,
    onPreviewV2Capture,
    // What is left is the flat flow options: all of them, whatever the flow gains (checked above).
    ...flatFlow
  } = props;
  const flatUi: FaceVerifyPageUi = defined({ locale, title, description, collectIdentity, elderly, theme, className, style });
  const flatCallbacks: FaceVerifyCallbacks = { onSuccess, onFail, onOtherChannel, onDone };
  const flatPreview = defined({ scenario, timing: previewTiming, bar: previewBar, onV2Capture: onPreviewV2Capture });
  const flowOptions: FaceVerifyPageFlowOptions = { ...defined(flatFlow), ...defined(flow ?? {}) };
  return {
    flow: flowOptions,
    store,
    ui: { ...flatUi, ...defined(ui ?? {}) },
    callbacks: { ...flatCallbacks, ...defined(callbacks ?? {}) },
    preview: { ...flatPreview, ...defined(preview ?? {}) },
  };
}
