/**
 * One verification flow on screen: the page root (with its automation attributes) and the screen that
 * `selectScreen` picks for the flow's state. FaceVerifyPage mounts a new one when the flow changes.
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import type { FaceVerifyStore } from '../../core/flow';
import { maskIdCardNumber, maskName } from '../../core/identity';
import { selectScreen } from '../../core/screen';
import type { FaceVerifyError, Identity, VerifyVerdict } from '../../core/types';
import { createFaceVerify, type FaceVerifyConfig } from '../../defaults';
import { useFlowStore } from '../useFaceVerify';
import { IdentityForm } from './IdentityForm';
import { StepBar } from './parts';
import { FailureScreen, SuccessScreen, WorkingScreen, type MaskedIdentity, type ResultHandlers } from './ResultScreen';
import { ProbingScreen, ProblemNotices, UnsupportedScreen } from './SupportScreen';
import { rootStyle, styles, themeVariables, type FaceVerifyTheme } from './theme';
import { useWords } from './words';

/** What the page tells its user about: the outcome, and the ways out it offers. */
export interface FaceVerifyCallbacks {
  /** Called once when the backend has confirmed the verification, with its answer. */
  onSuccess?: ((result: VerifyVerdict & { ok: true }) => void) | undefined;
  /** Called once per failure or cancellation (`error.kind` says which: 'cancel', 'input', 'permission', …). */
  onFail?: ((error: FaceVerifyError) => void) | undefined;
  /** Offer "use another way" where face verification cannot work; without it the page shows a hint instead. */
  onOtherChannel?: (() => void) | undefined;
  /** Show a "Done" button after success. */
  onDone?: (() => void) | undefined;
}

export interface FlowViewProps {
  /** A flow the app made; otherwise the view makes one from `options` and disposes it on unmount. */
  store: FaceVerifyStore | undefined;
  options: FaceVerifyConfig;
  collectIdentity: boolean;
  title?: string | undefined;
  description?: string | undefined;
  theme?: FaceVerifyTheme | undefined;
  className?: string | undefined;
  style?: CSSProperties | undefined;
  callbacks: FaceVerifyCallbacks;
  /** Rendered above the page's content (the preview bar). */
  header?: ReactNode;
  /** Rendered after it (the preview's simulated capture). */
  overlay?: ReactNode;
}

/** Calls onSuccess once per result and onFail once per failure, with the latest callbacks. */
function useOutcomeCallbacks(flow: ReturnType<typeof useFlowStore>, callbacks: FaceVerifyCallbacks) {
  const latest = useRef(callbacks);
  latest.current = callbacks;
  const reported = useRef<unknown>(null);
  const { status, result, error } = flow;
  useEffect(() => {
    if (status === 'success' && result && reported.current !== result) {
      reported.current = result;
      latest.current.onSuccess?.(result);
    } else if ((status === 'failed' || status === 'cancelled') && error && reported.current !== error) {
      reported.current = error;
      latest.current.onFail?.(error);
    }
  }, [status, result, error]);
}

/** A new screen starts at its top (the start button sits low on the form; the result must be seen). */
function useScrollToTopOn(screenKey: string) {
  const firstScreen = useRef(screenKey);
  useEffect(() => {
    if (screenKey === firstScreen.current) return;
    firstScreen.current = '';
    Promise.resolve(Taro.pageScrollTo({ scrollTop: 0, duration: 0 })).catch((reason: unknown) => {
      console.warn('[taro-face-verify] could not scroll to the top of the page', reason);
    });
  }, [screenKey]);
}

export function FlowView(props: FlowViewProps) {
  const [store] = useState(() => props.store ?? createFaceVerify(props.options));
  if (!props.store) store.getState().setOptions(props.options);
  const flow = useFlowStore(store, { owned: !props.store, probeOnMount: true });
  const { status, error, step, mode, preview } = flow;
  const table = useWords();
  const strings = table.page;
  const screen = selectScreen(flow);
  const [values, setValues] = useState<Identity>({ name: '', idCardNumber: '' });
  const [masked, setMasked] = useState<MaskedIdentity | null>(null);
  /** The input error the user has since edited the form for: no longer shown. */
  const [edited, setEdited] = useState<FaceVerifyError | null>(null);
  /** The failure the user went to the settings from and has come back to. */
  const [settingsVisitedFor, setSettingsVisitedFor] = useState<FaceVerifyError | null>(null);

  useOutcomeCallbacks(flow, props.callbacks);
  useScrollToTopOn(screen.name === 'form' && screen.inputError ? 'input' : screen.name === 'form' ? 'ready' : screen.name);

  const actions = store.getState;
  const handlers: ResultHandlers = {
    openSettings: () => {
      const from = error;
      void actions()
        .openSettings()
        .then(() => setSettingsVisitedFor(from));
    },
    recheck: () => void (status === 'unsupported' ? actions().retry() : actions().probe()),
    retry: () => void actions().retry(),
    restart: () => actions().reset(),
    otherChannel: props.callbacks.onOtherChannel,
    done: props.callbacks.onDone,
  };
  const submit = (identity: Identity | undefined) => {
    setMasked(identity ? { name: maskName(identity.name), idCardNumber: maskIdCardNumber(identity.idCardNumber) } : null);
    void actions().start(identity);
  };

  let content: ReactNode = null;
  switch (screen.name) {
    case 'probing':
      content = <ProbingScreen />;
      break;
    case 'unsupported':
      content = <UnsupportedScreen problems={screen.problems} handlers={handlers} />;
      break;
    case 'form': {
      const { inputError } = screen;
      content = (
        <>
          <ProblemNotices problems={screen.notices} handlers={handlers} />
          <IdentityForm
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
      break;
    }
    case 'capturing':
      content = (
        <WorkingScreen
          screen="capturing"
          heading={strings.capture[screen.phase === 'capture' ? 'wechat' : screen.phase]}
          detail={screen.phase === 'capture' ? strings.capture.wechatDetail : undefined}
          identity={masked}
        />
      );
      break;
    case 'submitting':
      content = <WorkingScreen screen="submitting" heading={strings.submitting} detail={strings.submittingDetail} identity={masked} />;
      break;
    case 'success':
      content = <SuccessScreen identity={masked} onDone={props.callbacks.onDone} />;
      break;
    case 'failed':
    case 'cancelled':
      content = (
        <FailureScreen
          error={screen.error}
          cancelled={screen.name === 'cancelled'}
          identity={masked}
          handlers={handlers}
          backFromSettings={settingsVisitedFor === screen.error}
          // After a cancel the flow forgets the typed identity (a retry would go through the ticket instead):
          // a form flow starts over from the form, which keeps the values.
          retryable={screen.error.retryable && !(screen.name === 'cancelled' && props.collectIdentity)}
        />
      );
      break;
  }

  const stepName = strings.steps[screen.progress];
  return (
    <View
      className={props.className}
      style={{ ...rootStyle(), ...themeVariables(props.theme), ...props.style }}
      data-status={status}
      data-step={step ?? ''}
      data-locale={table.locale}
      data-preview={preview ? 'true' : undefined}
      {...{ lang: table.locale }}
    >
      {props.header}
      <View style={styles.container}>
        <Text style={styles.title} aria-level={1} {...{ role: 'heading' }}>
          {props.title ?? strings.title}
        </Text>
        {/* The explanation matters before the user starts; afterwards the screen's own words take over. */}
        {screen.progress < 2 ? <Text style={styles.description}>{props.description ?? strings.description}</Text> : null}
        <StepBar
          steps={strings.steps}
          current={screen.progress}
          label={strings.stepLabel(screen.progress + 1, strings.steps.length, stepName)}
        />
        {content}
        <Text style={{ ...styles.small, marginTop: '1.5em', textAlign: 'center' }}>{strings.privacy}</Text>
      </View>
      {props.overlay}
    </View>
  );
}
