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

/** Every key of T, each exactly once: the compiler fails on a missing or an unknown one. */
type EveryKey<T> = { readonly [K in keyof Required<T>]: 1 };

/**
 * The flat props of each group, by name. The compiler fails when a flow option, UI setting or callback is
 * missing here, so a flat prop can never be dropped on its way to the flow (and the `flow` group passes whole).
 */
const FLAT: { flow: EveryKey<FaceVerifyPageFlowOptions>; ui: EveryKey<FaceVerifyPageUi>; callbacks: EveryKey<FaceVerifyCallbacks> } = {
  flow: { endpoint: 1, ticketEndpoint: 1, protocol: 1, mode: 1, driver: 1, http: 1, headers: 1, timeoutMs: 1, retries: 1, onEvent: 1 },
  ui: { locale: 1, title: 1, description: 1, collectIdentity: 1, elderly: 1, theme: 1, className: 1, style: 1 },
  callbacks: { onSuccess: 1, onFail: 1, onOtherChannel: 1, onDone: 1 },
};
// Each flat prop is declared above with its `@deprecated` note: a group's key without its flat prop fails here.
const flatPropsAreDeclared: EveryKey<
  Pick<FaceVerifyPageFlatProps, keyof typeof FLAT.flow | keyof typeof FLAT.ui | keyof typeof FLAT.callbacks>
> = {
  ...FLAT.flow,
  ...FLAT.ui,
  ...FLAT.callbacks,
};
void flatPropsAreDeclared;

/** The defined values of `source` under `keys`, or of all its keys. */
function defined<T extends object>(source: T, keys: object = source): Partial<T> {
  const picked: Record<string, unknown> = {};
  Object.keys(keys).forEach((key) => {
    const value = (source as Record<string, unknown>)[key];
    if (value !== undefined) picked[key] = value;
  });
  return picked as Partial<T>;
}

/** Folds the flat props into their groups; a grouped value wins over its flat alias. */
export function groupPageProps(props: FaceVerifyPageProps): GroupedPageProps {
  const flatPreview = defined({
    scenario: props.scenario,
    timing: props.previewTiming,
    bar: props.previewBar,
    onV2Capture: props.onPreviewV2Capture,
  });
  return {
    flow: { ...defined<FaceVerifyPageFlowOptions>(props, FLAT.flow), ...defined(props.flow ?? {}) },
    store: props.store,
    ui: { ...defined<FaceVerifyPageUi>(props, FLAT.ui), ...defined(props.ui ?? {}) },
    callbacks: { ...defined<FaceVerifyCallbacks>(props, FLAT.callbacks), ...defined(props.callbacks ?? {}) },
    preview: { ...flatPreview, ...defined(props.preview ?? {}) },
  };
}
