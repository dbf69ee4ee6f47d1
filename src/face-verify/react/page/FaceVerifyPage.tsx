/**
 * The prebuilt verification page: support check, identity form (or ticket start), capture, submission and
 * result, on any Taro platform. It takes the flow's options (or a ready flow), a theme, callbacks and, for the
 * H5 preview, a `preview` object; the device comes from `createDefaultDriver` (WeChat on mini-programs, the
 * mock in H5), the words from the locale's table through context.
 */
import { PageMeta } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useMemo, useRef, useState, type CSSProperties } from 'react';
import type { FaceVerifyEvent } from '../../core/events';
import type { FaceVerifyStore } from '../../core/flow';
import { createDefaultDriver, type FaceVerifyConfig, type PreviewDriverOptions } from '../../defaults';
import type { FaceDriver } from '../../drivers/driver';
import { isMockAlipayScenarioName, type MockAlipayScenarioName } from '../../drivers/mock/alipay-scenarios';
import { isMockScenarioName, type MockScenarioName } from '../../drivers/mock/scenarios';
import { LOCALES, messagesFor, type LocaleMessages, type LocaleName, type LocaleOption } from '../../locales';
import { createPreviewEventLog } from '../preview/eventLog';
import { PreviewBar } from '../preview/PreviewBar';
import { PreviewCapture } from '../preview/PreviewCapture';
import { FlowView, type FaceVerifyCallbacks } from './FlowView';
import type { FaceVerifyTheme } from './theme';
import { platformPrefersLargeText } from './largeText';
import { WordsProvider } from './words';

export type { FaceVerifyTheme } from './theme';
export type { FaceVerifyCallbacks } from './FlowView';

/** The platform the H5 preview simulates: WeChat (the default) or Alipay. */
export type PreviewPlatform = 'wechat' | 'alipay';

/** The H5 preview's settings (ignored in mini-program builds, which never run the mock). */
export interface FaceVerifyPreview {
  /**
   * The simulated platform. Falls back to the `platform` query parameter (`?platform=alipay`), then WeChat; the
   * preview bar switches it. Ignored when `driver` or `store` is given. @default 'wechat'
   */
  platform?: PreviewPlatform;
  /**
   * The mock scenario (a WeChat scenario, or on Alipay an Alipay one). Falls back to the `scenario` query
   * parameter, then 'success'. Ignored when `driver` or `store` is given.
   */
  scenario?: MockScenarioName | MockAlipayScenarioName;
  /** The mock's timings. @default { latencyMs: 250, captureMs: 3000 } */
  timing?: { latencyMs?: number; captureMs?: number };
  /** Show the preview bar (scenario and language switch). @default true */
  bar?: boolean;
  /**
   * Called when a simulated v2 capture ends, with the verify_ret WeChat would record, so a local WeChat
   * stand-in can answer `queryverifyinfo` with it (the demo app posts it to the demo backend).
   */
  onV2Capture?: (report: { verifyId: string; verifyRet: number }) => void | Promise<void>;
  /**
   * Called when a simulated Alipay capture ends with 9000, with what Alipay's query will say for the certify id,
   * so the local Alipay stand-in answers with it (the demo app posts it to `/api/mock/alipay-capture`).
   */
  onAlipayCapture?: (report: { certify_id: string; passed: boolean }) => void | Promise<void>;
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

/**
 * The flow's options among the page's flat props: everything that is not the page's own, so no flow option
 * (present or future) can be dropped. The compiler checks the remainder is exactly the flow's options.
 */
function flatFlowOptions(props: FaceVerifyPageProps): FaceVerifyPageFlowOptions {
  const {
    store: _store,
    locale: _locale,
    title: _title,
    description: _description,
    collectIdentity: _collectIdentity,
    elderly: _elderly,
    theme: _theme,
    className: _className,
    style: _style,
    preview: _preview,
    scenario: _scenario,
    previewTiming: _previewTiming,
    previewBar: _previewBar,
    onPreviewV2Capture: _onPreviewV2Capture,
    onSuccess: _onSuccess,
    onFail: _onFail,
    onOtherChannel: _onOtherChannel,
    onDone: _onDone,
    ...flow
  } = props;
  const exact: Record<Exclude<keyof typeof flow, keyof FaceVerifyPageFlowOptions>, never> = {};
  void exact;
  return flow;
}

const isLocaleName = (value: unknown): value is LocaleName => LOCALES.some((table) => table.locale === value);

let flowCounter = 0;
const flowIds = new WeakMap<object, number>();
/** A number per driver or store, so the flow view remounts (a new flow) when either changes. */
const flowIdOf = (owner: object) => {
  let id = flowIds.get(owner);
  if (id === undefined) flowIds.set(owner, (id = ++flowCounter));
  return id;
};

/** The table with the page's platform-naming words as they read on Alipay. */
function withAlipayWording(table: LocaleMessages): LocaleMessages {
  const { page } = table;
  const { alipay } = page;
  return {
    ...table,
    page: {
      ...page,
      title: alipay.title,
      unsupportedTitle: alipay.unsupportedTitle,
      actions: { ...page.actions, start: alipay.start },
      result: { ...page.result, ...alipay.result },
      probingDetail: alipay.probingDetail,
      form: { ...page.form, consent: alipay.consent },
      capture: { ...page.capture, wechat: alipay.capture },
      privacy: alipay.privacy,
    },
  };
}

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
  const [chosenPlatform, setChosenPlatform] = useState<PreviewPlatform | null>(null);
  const [chosenScenario, setScenario] = useState<string | null>(null);
  const [chosenLocale, setLocale] = useState<LocaleName | null>(null);
  const [chosenElderly, setElderly] = useState<boolean | null>(null);
  const [largeText] = useState(platformPrefersLargeText);
  const queryElderly = params.elderly === '1' ? true : params.elderly === '0' ? false : undefined;
  const elderly = chosenElderly ?? props.elderly ?? queryElderly ?? largeText;
  const queryPlatform = params.platform === 'alipay' || params.platform === 'wechat' ? params.platform : undefined;
  const platform: PreviewPlatform = chosenPlatform ?? preview.platform ?? queryPlatform ?? 'wechat';
  // Read only in H5, so a mini-program bundle drops the scenario lists with the rest of the mock.
  const known = (name: unknown): name is MockScenarioName | MockAlipayScenarioName =>
    process.env.TARO_ENV === 'h5' && (platform === 'alipay' ? isMockAlipayScenarioName(name) : isMockScenarioName(name));
  const scenario = [chosenScenario, preview.scenario, params.scenario].find(known) ?? 'success';
  const setPlatform = (next: PreviewPlatform) => {
    setChosenPlatform(next);
    setScenario(null);
  };
  const table = messagesFor(chosenLocale ?? props.locale ?? (isLocaleName(params.locale) ? params.locale : undefined));
  const latencyMs = preview.timing?.latencyMs;
  const captureMs = preview.timing?.captureMs;

  // Read through a ref so an inline callback does not recreate the driver (and restart the flow).
  const reportV2Capture = useRef(preview.onV2Capture);
  reportV2Capture.current = preview.onV2Capture;
  const reportAlipayCapture = useRef(preview.onAlipayCapture);
  reportAlipayCapture.current = preview.onAlipayCapture;
  const driver = useMemo<FaceDriver | undefined>(() => {
    if (props.store) return undefined;
    if (props.driver) return props.driver;
    const timing = stripUndefined({ latencyMs, captureMs });
    // Written out so a mini-program build folds it and drops the scenario lists (only H5 runs the mock).
    const mock: PreviewDriverOptions =
      process.env.TARO_ENV !== 'h5'
        ? {}
        : platform === 'alipay' && isMockAlipayScenarioName(scenario)
          ? { platform, scenario, ...timing, onAlipayCapture: (report) => reportAlipayCapture.current?.(report) }
          : {
              scenario: isMockScenarioName(scenario) ? scenario : 'success',
              ...timing,
              onV2Capture: (report) => reportV2Capture.current?.(report),
            };
    return createDefaultDriver(mock);
  }, [props.store, props.driver, platform, scenario, latencyMs, captureMs]);

  // The preview bar's event panel hears the flow's events too (H5 only: a mini-program build drops the log).
  const [eventLog] = useState(() => (process.env.TARO_ENV === 'h5' ? createPreviewEventLog() : null));
  const { onEvent } = props;
  const logged = (event: FaceVerifyEvent) => {
    eventLog?.push(event);
    onEvent?.(event);
  };
  const options: FaceVerifyConfig = stripUndefined({
    ...flatFlowOptions(props),
    driver,
    locale: table,
    onEvent: eventLog && !props.store ? logged : onEvent,
  });
  // The page's words that name the platform read "Alipay" on the Alipay driver (a store's driver is not known here).
  const onAlipay = driver?.name === 'alipay' || driver?.name === 'mock-alipay';
  const pageTable = useMemo(() => withAlipayWording(table), [table]);
  const isPreview = process.env.TARO_ENV === 'h5' && (props.store ? props.store.getState().preview : driver?.mock === true);
  const header =
    process.env.TARO_ENV === 'h5' && isPreview && preview.bar !== false ? (
      <PreviewBar
        platform={props.driver || props.store ? null : platform}
        onPlatform={setPlatform}
        scenario={props.driver || props.store ? null : scenario}
        onScenario={setScenario}
        onLocale={setLocale}
        elderly={elderly}
        onElderly={setElderly}
        events={props.store ? null : eventLog}
      />
    ) : null;
  const overlay = process.env.TARO_ENV === 'h5' && driver?.mock ? <PreviewCapture driver={driver} /> : null;

  return (
    <>
      {/* WeChat: the page's text follows the user's WeChat font setting (the root size is 1em there). */}
      {process.env.TARO_ENV === 'weapp' ? <PageMeta pageFontSize="system" /> : null}
      <WordsProvider table={onAlipay ? pageTable : table}>
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
          elderly={elderly}
        />
      </WordsProvider>
    </>
  );
}
