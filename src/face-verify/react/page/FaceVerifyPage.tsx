/**
 * The prebuilt verification page: support check, identity form (or ticket start), capture, submission and
 * result, on any Taro platform. In an H5 build it runs the mock driver with a preview bar.
 */
import { useRouter } from '@tarojs/taro';
import { useMemo, useRef, useState, type CSSProperties } from 'react';
import type { FaceVerifyOptions } from '../../core/flow';
import type { FaceVerifyError, Locale, VerifyVerdict } from '../../core/types';
import { createDefaultDriver } from '../../defaults';
import type { FaceDriver } from '../../drivers/driver';
import { createMockDriver } from '../../drivers/mock/driver';
import { isMockScenarioName, type MockScenarioName } from '../../drivers/mock/scenarios';
import { FlowView } from './FlowView';
import { PreviewBar } from './PreviewBar';
import type { FaceVerifyTheme } from './theme';

export type { FaceVerifyTheme } from './theme';

/** Props of {@link FaceVerifyPage}: the flow's options, the page's words, callbacks, theme and preview settings. */
export interface FaceVerifyPageProps {
  /** Where the credential goes: a URL (POSTed as JSON) or a function returning your backend's verdict. In an H5 preview, omitted means the in-browser mock backend. */
  endpoint?: FaceVerifyOptions['endpoint'];
  /** Issues a userIdKey (v1) or verifyId (v2) for the logged-in user. When given, the page starts without a form unless `collectIdentity` says otherwise. */
  ticketEndpoint?: FaceVerifyOptions['ticketEndpoint'];
  /** @default 'v1' */
  protocol?: FaceVerifyOptions['protocol'];
  /** Liveness mode: 'auto' picks screen flash where WeChat allows it, else read-number. @default 'auto' */
  mode?: FaceVerifyOptions['mode'];
  /** The page's language. Falls back to the `locale` query parameter, then Chinese. Changing it restarts the flow. @default 'zh-CN' */
  locale?: Locale;
  /** The device. @default WeChat on mini-programs, the mock (with `scenario`) in H5. Create it once: a new driver restarts the flow. */
  driver?: FaceDriver;
  /** Extra headers for URL endpoints (an auth token, …). */
  headers?: FaceVerifyOptions['headers'];
  /** Per backend attempt, in ms. @default 15000 */
  timeoutMs?: number;
  /** Extra backend attempts after a transient failure. @default 2 */
  retries?: number;
  /** The page heading. @default '人脸核身' / 'Face verification' */
  title?: string;
  /** The text under the heading: why the service needs this. @default a short explanation in the page's language */
  description?: string;
  /** Show the name and ID number form. @default true unless `ticketEndpoint` is given */
  collectIdentity?: boolean;
  /** Called once when the backend has confirmed the verification, with its answer. */
  onSuccess?: (result: VerifyVerdict & { ok: true }) => void;
  /** Called once per failure or cancellation (`error.kind` says which: 'cancel', 'input', 'permission', …). */
  onFail?: (error: FaceVerifyError) => void;
  /** Offer "use another way" where face verification cannot work; without it the page shows a hint instead. */
  onOtherChannel?: () => void;
  /** Show a "Done" button after success. */
  onDone?: () => void;
  /** Colours, radius and font size, as CSS variables (`--fv-color-primary`, `--fv-radius`, `--fv-font-size`, …). */
  theme?: FaceVerifyTheme;
  className?: string;
  /** Merged into the root's inline style (after the theme). */
  style?: CSSProperties;
  /** H5 preview: the mock scenario. Falls back to the `scenario` query parameter, then 'success'. Ignored when `driver` is given. */
  scenario?: MockScenarioName;
  /** H5 preview: the mock's timings. @default { latencyMs: 250, captureMs: 3000 } */
  previewTiming?: { latencyMs?: number; captureMs?: number };
  /** H5 preview: show the preview bar (scenario and language switch). @default true */
  previewBar?: boolean;
  /**
   * H5 preview: called when a simulated v2 capture ends, with the verify_ret WeChat would record, so a local
   * WeChat stand-in can answer `queryverifyinfo` with it (the demo app posts it to the demo backend).
   */
  onPreviewV2Capture?: (report: { verifyId: string; verifyRet: number }) => void | Promise<void>;
}

const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
const isLocale = (value: unknown): value is Locale => LOCALES.includes(value as Locale);

let flowCounter = 0;
const flowIds = new WeakMap<FaceDriver, number>();
const flowIdOf = (driver: FaceDriver) => {
  let id = flowIds.get(driver);
  if (id === undefined) flowIds.set(driver, (id = ++flowCounter));
  return id;
};

/**
 * The verification page. Mount it in a page of your app:
 * @example
 * // src/pages/verify/index.tsx
 * import { FaceVerifyPage } from 'taro-face-verify';
 * export default () => <FaceVerifyPage endpoint="https://api.example.com/face/verify" />;
 */
export function FaceVerifyPage(props: FaceVerifyPageProps) {
  const { params } = useRouter();
  const queryScenario = isMockScenarioName(params.scenario) ? params.scenario : undefined;
  const [chosenScenario, setScenario] = useState<MockScenarioName | null>(null);
  const [chosenLocale, setLocale] = useState<Locale | null>(null);
  const scenario = chosenScenario ?? props.scenario ?? queryScenario ?? 'success';
  const locale = chosenLocale ?? props.locale ?? (isLocale(params.locale) ? params.locale : 'zh-CN');
  const latencyMs = props.previewTiming?.latencyMs ?? 250;
  const captureMs = props.previewTiming?.captureMs ?? 3000;

  // Read through a ref so an inline callback does not recreate the driver (and restart the flow).
  const reportV2Capture = useRef(props.onPreviewV2Capture);
  reportV2Capture.current = props.onPreviewV2Capture;
  const driver = useMemo(
    () =>
      props.driver ??
      (process.env.TARO_ENV === 'h5'
        ? createMockDriver({ scenario, latencyMs, captureMs, onV2Capture: (report) => reportV2Capture.current?.(report) })
        : createDefaultDriver()),
    [props.driver, scenario, latencyMs, captureMs],
  );

  const flow = {
    endpoint: props.endpoint,
    ticketEndpoint: props.ticketEndpoint,
    protocol: props.protocol,
    mode: props.mode,
    headers: props.headers,
    timeoutMs: props.timeoutMs,
    retries: props.retries,
  };
  const header =
    process.env.TARO_ENV === 'h5' && driver.mock && props.previewBar !== false ? (
      <PreviewBar locale={locale} scenario={props.driver ? null : scenario} onScenario={setScenario} onLocale={setLocale} />
    ) : null;

  return (
    <FlowView
      key={`${flowIdOf(driver)}:${locale}`}
      flow={stripUndefined(flow)}
      driver={driver}
      locale={locale}
      title={props.title}
      description={props.description}
      collectIdentity={props.collectIdentity ?? props.ticketEndpoint === undefined}
      theme={props.theme}
      className={props.className}
      style={props.style}
      onSuccess={props.onSuccess}
      onFail={props.onFail}
      onOtherChannel={props.onOtherChannel}
      onDone={props.onDone}
      header={header}
    />
  );
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
