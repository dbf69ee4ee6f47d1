/**
 * The prebuilt verification page: support check, identity form (or ticket start), capture, submission and
 * result, on any Taro platform. It takes the flow's options (or a ready flow), a theme, callbacks and, for the
 * H5 preview, a `preview` object; the device comes from `createDefaultDriver` (WeChat on mini-programs, the
 * mock in H5), the words from the locale's table through context.
 */
import { useRouter } from '@tarojs/taro';
import { useMemo, useRef, useState, type CSSProperties } from 'react';
import type { FaceVerifyStore } from '../../core/flow';
import { createDefaultDriver, type FaceVerifyConfig } from '../../defaults';
import type { FaceDriver } from '../../drivers/driver';
import type { MockDriverOptions } from '../../drivers/mock/driver';
import { isMockScenarioName, type MockScenarioName } from '../../drivers/mock/scenarios';
import { LOCALES, messagesFor, type LocaleName, type LocaleOption } from '../../locales';
import { PreviewBar } from '../preview/PreviewBar';
import { PreviewCapture } from '../preview/PreviewCapture';
import { FlowView, type FaceVerifyCallbacks } from './FlowView';
import type { FaceVerifyTheme } from './theme';
import { WordsProvider } from './words';

export type { FaceVerifyTheme } from './theme';
export type { FaceVerifyCallbacks } from './FlowView';

/** The H5 preview's settings (ignored in mini-program builds, which never run the mock). */
export interface FaceVerifyPreview {
  /** The mock scenario. Falls back to the `scenario` query parameter, then 'success'. Ignored when `driver` or `store` is given. */
  scenario?: MockScenarioName;
  /** The mock's timings. @default { latencyMs: 250, captureMs: 3000 } */
  timing?: { latencyMs?: number; captureMs?: number };
  /** Show the preview bar (scenario and language switch). @default true */
  bar?: boolean;
  /**
   * Called when a simulated v2 capture ends, with the verify_ret WeChat would record, so a local WeChat
   * stand-in can answer `queryverifyinfo` with it (the demo app posts it to the demo backend).
   */
  onV2Capture?: (report: { verifyId: string; verifyRet: number }) => void | Promise<void>;
}

/** The flow's options as the page takes them: the device is optional, the language is the page's `locale`. */
export type FaceVerifyPageFlowOptions = Omit<FaceVerifyConfig, 'locale' | 'clock'>;

/** Props of {@link FaceVerifyPage}: the flow's options (or a ready flow), the page's words, theme, callbacks and preview. */
export interface FaceVerifyPageProps extends FaceVerifyPageFlowOptions, FaceVerifyCallbacks {
  /**
   * A flow the app made (`createFaceVerify`): the page shows it and leaves it to the app (it is not disposed on
   * unmount). The flow options, `driver` and `preview.scenario` are then ignored; make it with the page's locale.
   */
  store?: FaceVerifyStore;
  /**
   * The page's language: a name (`'zh-CN'`, `'en'`) or a table (`en`, or your own). Falls back to the `locale`
   * query parameter, then Chinese. Changing it restarts the flow. @default 'zh-CN'
   */
  locale?: LocaleOption;
  /** The page heading. @default '人脸核身' / 'Face verification' */
  title?: string;
  /** The text under the heading: why the service needs this. @default a short explanation in the page's language */
  description?: string;
  /** Show the name and ID number form. @default true unless `ticketEndpoint` is given */
  collectIdentity?: boolean;
  /** Colours, radius and font size, as CSS variables (`--fv-color-primary`, `--fv-radius`, `--fv-font-size`, …). */
  theme?: FaceVerifyTheme;
  className?: string;
  /** Merged into the root's inline style (after the theme). */
  style?: CSSProperties;
  /** The H5 preview's settings: scenario, timings, bar, v2 capture reports. */
  preview?: FaceVerifyPreview;
  /** @deprecated Use `preview.scenario`. */
  scenario?: MockScenarioName;
  /** @deprecated Use `preview.timing`. */
  previewTiming?: { latencyMs?: number; captureMs?: number };
  /** @deprecated Use `preview.bar`. */
  previewBar?: boolean;
  /** @deprecated Use `preview.onV2Capture`. */
  onPreviewV2Capture?: (report: { verifyId: string; verifyRet: number }) => void | Promise<void>;
}

const FLOW_OPTION_KEYS = ['endpoint', 'ticketEndpoint', 'protocol', 'mode', 'headers', 'timeoutMs', 'retries'] as const;

const isLocaleName = (value: unknown): value is LocaleName => LOCALES.some((table) => table.locale === value);

let flowCounter = 0;
const flowIds = new WeakMap<object, number>();
/** A number per driver or store, so the flow view remounts (a new flow) when either changes. */
const flowIdOf = (owner: object) => {
  let id = flowIds.get(owner);
  if (id === undefined) flowIds.set(owner, (id = ++flowCounter));
  return id;
};

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * The verification page. Mount it in a page of your app:
 * @example
 * // src/pages/verify/index.tsx
 * import { FaceVerifyPage } from 'taro-face-verify';
 * export default () => <FaceVerifyPage endpoint="https://api.example.com/face/verify" />;
 */
export function FaceVerifyPage(props: FaceVerifyPageProps) {
  const { params } = useRouter();
  const preview = {
    ...stripUndefined({
      scenario: props.scenario,
      timing: props.previewTiming,
      bar: props.previewBar,
      onV2Capture: props.onPreviewV2Capture,
    }),
    ...stripUndefined(props.preview ?? {}),
  };
  const [chosenScenario, setScenario] = useState<MockScenarioName | null>(null);
  const [chosenLocale, setLocale] = useState<LocaleName | null>(null);
  // Read only in H5, so a mini-program bundle drops the scenario list with the rest of the mock.
  const queryScenario = process.env.TARO_ENV === 'h5' && isMockScenarioName(params.scenario) ? params.scenario : undefined;
  const scenario = chosenScenario ?? preview.scenario ?? queryScenario ?? 'success';
  const table = messagesFor(chosenLocale ?? props.locale ?? (isLocaleName(params.locale) ? params.locale : undefined));
  const latencyMs = preview.timing?.latencyMs;
  const captureMs = preview.timing?.captureMs;

  // Read through a ref so an inline callback does not recreate the driver (and restart the flow).
  const reportV2Capture = useRef(preview.onV2Capture);
  reportV2Capture.current = preview.onV2Capture;
  const driver = useMemo<FaceDriver | undefined>(() => {
    if (props.store) return undefined;
    if (props.driver) return props.driver;
    const mock: MockDriverOptions = stripUndefined({ scenario, latencyMs, captureMs });
    return createDefaultDriver({ ...mock, onV2Capture: (report) => reportV2Capture.current?.(report) });
  }, [props.store, props.driver, scenario, latencyMs, captureMs]);

  const options: FaceVerifyConfig = stripUndefined({
    ...Object.fromEntries(FLOW_OPTION_KEYS.map((key) => [key, props[key]])),
    driver,
    locale: table,
  });
  const isPreview = process.env.TARO_ENV === 'h5' && (props.store ? props.store.getState().preview : driver?.mock === true);
  const header =
    process.env.TARO_ENV === 'h5' && isPreview && preview.bar !== false ? (
      <PreviewBar scenario={props.driver || props.store ? null : scenario} onScenario={setScenario} onLocale={setLocale} />
    ) : null;
  const overlay = process.env.TARO_ENV === 'h5' && driver?.mock ? <PreviewCapture driver={driver} /> : null;

  return (
    <WordsProvider table={table}>
      <FlowView
        key={`${flowIdOf(props.store ?? (driver as FaceDriver))}:${table.locale}`}
        store={props.store}
        options={options}
        collectIdentity={props.collectIdentity ?? props.ticketEndpoint === undefined}
        title={props.title}
        description={props.description}
        theme={props.theme}
        className={props.className}
        style={props.style}
        callbacks={{ onSuccess: props.onSuccess, onFail: props.onFail, onOtherChannel: props.onOtherChannel, onDone: props.onDone }}
        header={header}
        overlay={overlay}
      />
    </WordsProvider>
  );
}
