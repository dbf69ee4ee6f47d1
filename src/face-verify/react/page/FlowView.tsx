/**
 * One verification flow on screen: the page root (with its automation attributes) and the screen for the
 * flow's status. FaceVerifyPage mounts a new one when the driver or the language changes.
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef, useState, useSyncExternalStore, type CSSProperties, type ReactNode } from 'react';
import { maskIdCardNumber, maskName } from '../../core/identity';
import type { FaceVerifyError, Identity, Locale, VerifyVerdict } from '../../core/types';
import type { FaceVerifyConfig } from '../../defaults';
import type { FaceDriver } from '../../drivers/driver';
import type { MockCaptureSession, MockDriver } from '../../drivers/mock/driver';
import { useFaceVerify } from '../useFaceVerify';
import { IdentityForm } from './IdentityForm';
import { MockCapture } from './MockCapture';
import { StepBar } from './parts';
import { FailureScreen, SuccessScreen, WorkingScreen, type MaskedIdentity, type ResultHandlers } from './ResultScreen';
import { pageStrings } from './strings';
import { ProbingScreen, ProblemNotices, UnsupportedScreen } from './SupportScreen';
import { rootStyle, styles, themeVariables, type FaceVerifyTheme } from './theme';

export interface FlowViewProps {
  flow: Omit<FaceVerifyConfig, 'driver' | 'locale'>;
  driver: FaceDriver;
  locale: Locale;
  title?: string | undefined;
  description?: string | undefined;
  collectIdentity: boolean;
  theme?: FaceVerifyTheme | undefined;
  className?: string | undefined;
  style?: CSSProperties | undefined;
  onSuccess?: ((result: VerifyVerdict & { ok: true }) => void) | undefined;
  onFail?: ((error: FaceVerifyError) => void) | undefined;
  onOtherChannel?: (() => void) | undefined;
  onDone?: (() => void) | undefined;
  /** Rendered above the page's content (the preview bar). */
  header?: ReactNode;
}

const NO_CAPTURES = { subscribe: () => () => undefined, getSnapshot: (): MockCaptureSession | null => null };

/** The simulated capture under way on a mock driver; always null on a real one. */
function useCaptureSession(driver: FaceDriver): MockCaptureSession | null {
  const source = driver.mock && 'captures' in driver ? (driver as MockDriver).captures : NO_CAPTURES;
  return useSyncExternalStore(source.subscribe, source.getSnapshot, source.getSnapshot);
}

const STEP_OF_STATUS = {
  idle: 0,
  probing: 0,
  unsupported: 0,
  ready: 1,
  capturing: 2,
  submitting: 3,
  success: 3,
  failed: 3,
  cancelled: 3,
} as const;

export function FlowView(props: FlowViewProps) {
  const { driver, locale, flow: options } = props;
  const flow = useFaceVerify({ ...options, driver, locale });
  const { status, support, error, result, step, mode, preview } = flow;
  const strings = pageStrings(locale);
  const session = useCaptureSession(driver);
  const [values, setValues] = useState<Identity>({ name: '', idCardNumber: '' });
  const [masked, setMasked] = useState<MaskedIdentity | null>(null);
  /** The input error the user has since edited the form for: no longer shown. */
  const [edited, setEdited] = useState<FaceVerifyError | null>(null);

  const callbacks = useRef({ onSuccess: props.onSuccess, onFail: props.onFail });
  callbacks.current = { onSuccess: props.onSuccess, onFail: props.onFail };
  const reported = useRef<unknown>(null);
  useEffect(() => {
    if (status === 'success' && result && reported.current !== result) {
      reported.current = result;
      callbacks.current.onSuccess?.(result);
    } else if ((status === 'failed' || status === 'cancelled') && error && reported.current !== error) {
      reported.current = error;
      callbacks.current.onFail?.(error);
    }
  }, [status, result, error]);

  // A new screen starts at its top (the start button sits low on the form; the result must be seen).
  const inputError = status === 'failed' && error?.kind === 'input' ? error : null;
  const screenKey = inputError ? 'input' : status === 'idle' ? 'probing' : status;
  const firstScreen = useRef(screenKey);
  useEffect(() => {
    if (screenKey === firstScreen.current) return;
    firstScreen.current = '';
    Promise.resolve(Taro.pageScrollTo({ scrollTop: 0, duration: 0 })).catch((reason: unknown) => {
      console.warn('[taro-face-verify] could not scroll to the top of the page', reason);
    });
  }, [screenKey]);

  /** The failure the user went to the settings from and has come back to. */
  const [settingsVisitedFor, setSettingsVisitedFor] = useState<FaceVerifyError | null>(null);
  const store = flow.store.getState;
  const handlers: ResultHandlers = {
    openSettings: () => {
      const from = error;
      void store()
        .openSettings()
        .then(() => setSettingsVisitedFor(from));
    },
    recheck: () => void (status === 'unsupported' ? store().retry() : store().probe()),
    retry: () => void store().retry(),
    restart: () => store().reset(),
    otherChannel: props.onOtherChannel,
    done: props.onDone,
  };
  const submit = (identity: Identity | undefined) => {
    setMasked(identity ? { name: maskName(identity.name), idCardNumber: maskIdCardNumber(identity.idCardNumber) } : null);
    void store().start(identity);
  };

  const notices = support?.problems.filter((problem) => !problem.blocking) ?? [];
  let screen: ReactNode;
  if (status === 'idle' || status === 'probing') screen = <ProbingScreen strings={strings} />;
  else if (status === 'unsupported')
    screen = <UnsupportedScreen strings={strings} problems={support?.problems ?? []} handlers={handlers} />;
  else if (status === 'ready' || inputError) {
    screen = (
      <>
        <ProblemNotices strings={strings} problems={notices} handlers={handlers} />
        <IdentityForm
          strings={strings}
          locale={locale}
          mode={mode}
          collectIdentity={props.collectIdentity}
          values={values}
          onChange={(next) => {
            setValues(next);
            if (inputError) setEdited(inputError);
          }}
          onSubmit={submit}
          formError={inputError && inputError !== edited ? inputError.message : null}
        />
      </>
    );
  } else if (status === 'capturing') {
    const heading =
      step === 'permission' ? strings.capture.permission : step === 'ticket' ? strings.capture.ticket : strings.capture.wechat;
    screen = (
      <>
        <WorkingScreen
          screen="capturing"
          heading={heading}
          detail={step === 'capture' ? strings.capture.wechatDetail : undefined}
          identity={masked}
          strings={strings}
        />
        {process.env.TARO_ENV === 'h5' && session ? <MockCapture session={session} locale={locale} /> : null}
      </>
    );
  } else if (status === 'submitting') {
    screen = (
      <WorkingScreen
        screen="submitting"
        heading={strings.submitting}
        detail={strings.submittingDetail}
        identity={masked}
        strings={strings}
      />
    );
  } else if (status === 'success') screen = <SuccessScreen strings={strings} identity={masked} onDone={props.onDone} />;
  else if (error) {
    screen = (
      <FailureScreen
        strings={strings}
        error={error}
        cancelled={status === 'cancelled'}
        identity={masked}
        handlers={handlers}
        backFromSettings={settingsVisitedFor === error}
        // After a cancel the flow forgets the typed identity (a retry would go through the ticket instead):
        // a form flow starts over from the form, which keeps the values.
        retryable={error.retryable && !(status === 'cancelled' && props.collectIdentity)}
      />
    );
  }

  const stepIndex = inputError ? 1 : STEP_OF_STATUS[status];
  const stepName = strings.steps[stepIndex] ?? '';
  return (
    <View
      className={props.className}
      style={{ ...rootStyle(), ...themeVariables(props.theme), ...props.style }}
      data-status={status}
      data-step={step ?? ''}
      data-locale={locale}
      data-preview={preview ? 'true' : undefined}
      {...{ lang: locale }}
    >
      {props.header}
      <View style={styles.container}>
        <Text style={styles.title} aria-level={1} {...{ role: 'heading' }}>
          {props.title ?? strings.title}
        </Text>
        {/* The explanation matters before the user starts; afterwards the screen's own words take over. */}
        {stepIndex < 2 ? <Text style={styles.description}>{props.description ?? strings.description}</Text> : null}
        <StepBar steps={strings.steps} current={stepIndex} label={strings.stepLabel(stepIndex + 1, strings.steps.length, stepName)} />
        {screen}
        <Text style={{ ...styles.small, marginTop: '1.5em', textAlign: 'center' }}>{strings.privacy}</Text>
      </View>
    </View>
  );
}
