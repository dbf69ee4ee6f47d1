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
import { useFlowStore, useLatestOptions } from '../useFaceVerify';
import { IdentityForm } from './IdentityForm';
import { ActionButton, focusSoon, Heading, roleProps, StepBar } from './parts';
import { FailureScreen, SuccessScreen, WorkingScreen, type MaskedIdentity, type ResultHandlers } from './ResultScreen';
import { ProbingScreen, ProblemNotices, UnsupportedScreen } from './SupportScreen';
import { focusCss, rootStyle, styles, themeVariables, visuallyHidden, type FaceVerifyTheme } from './theme';
import { ElderlyProvider, useWords } from './words';

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
  /** Elder mode (适老化): larger text and targets, one action per screen, the instruction read aloud in H5. */
  elderly?: boolean | undefined;
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
      // Taro's errMsg (fixed platform text) or the error's name: nothing the page holds is printed.
      const why =
        typeof (reason as { errMsg?: unknown } | null)?.errMsg === 'string'
          ? (reason as { errMsg: string }).errMsg
          : reason instanceof Error
            ? reason.name
            : typeof reason;
      console.warn(`[taro-face-verify] could not scroll to the top of the page (${why})`);
    });
  }, [screenKey]);
}

/** The screen's instruction spoken aloud (H5 with the Web Speech API; mini-programs have no speech API). */
function speak(text: string, locale: string) {
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined' || !('speechSynthesis' in window)) return;
  if (!text) return;
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = locale;
  utterance.rate = 0.9;
  window.speechSynthesis.cancel();
  window.speechSynthesis.speak(utterance);
}

const canSpeak = () => process.env.TARO_ENV === 'h5' && typeof window !== 'undefined' && 'speechSynthesis' in window;

/**
 * On each new screen (not the first): H5 moves focus to the screen's heading (else the page title), so a
 * keyboard or screen-reader user starts reading there instead of at <body>.
 */
function useFocusHeadingOn(screenKey: string, root: () => HTMLElement | null) {
  const previous = useRef<string | null>(null);
  useEffect(() => {
    const from = previous.current;
    previous.current = screenKey;
    if (process.env.TARO_ENV !== 'h5' || from === null || from === screenKey) return;
    // The form right after the device check is where the page starts: leave focus where the user is.
    if (from === 'probing' && screenKey === 'ready') return;
    focusSoon(() => {
      const here = root();
      return here?.querySelector<HTMLElement>('[data-fv-heading="2"]') ?? here?.querySelector<HTMLElement>('[data-fv-heading]');
    });
  }, [screenKey, root]);
}

let rootCounter = 0;

export function FlowView(props: FlowViewProps) {
  const [store] = useState(() => props.store ?? createFaceVerify(props.options));
  useLatestOptions(store, props.store ? null : props.options);
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

  const elderly = props.elderly ?? false;
  // What the two live regions say: mounted empty with the page, written after, so every screen reader hears
  // the change (a region inserted already holding its text is often not read).
  const [said, setSaid] = useState({ status: '', alert: '' });
  const rootId = useState(() => `fv-root-${++rootCounter}`)[0];
  const [findRoot] = useState(() => () => (typeof document === 'undefined' ? null : document.getElementById(rootId)));

  useOutcomeCallbacks(flow, props.callbacks);
  const screenKey = screen.name === 'form' && screen.inputError ? 'input' : screen.name === 'form' ? 'ready' : screen.name;
  useScrollToTopOn(screenKey);
  useFocusHeadingOn(screenKey, findRoot);

  const message = screen.name === 'failed' || screen.name === 'cancelled' ? screen.error.message : '';
  // Whole sentences (the screen's heading with its detail), never a copy of one visible line.
  const announcement = (() => {
    const step = strings.stepLabel(screen.progress + 1, strings.steps.length, strings.steps[screen.progress]);
    switch (screen.name) {
      case 'probing':
        return { status: `${strings.probing} ${strings.probingDetail}`, alert: '' };
      case 'unsupported':
        return { status: [strings.unsupportedTitle, ...screen.problems.map((problem) => problem.message)].join(' '), alert: '' };
      case 'form':
        return { status: '', alert: screen.inputError ? `${strings.result.failedTitle} ${screen.inputError.message}` : '' };
      case 'capturing':
        return { status: `${step} ${strings.capture[screen.phase === 'capture' ? 'wechat' : screen.phase]}`, alert: '' };
      case 'submitting':
        return { status: `${strings.submitting} ${strings.submittingDetail}`, alert: '' };
      case 'success':
        return { status: `${strings.result.successTitle} ${strings.result.successDetail}`, alert: '' };
      case 'cancelled':
        return { status: `${strings.result.cancelledTitle} ${message}`, alert: '' };
      case 'failed':
        return { status: '', alert: `${strings.result.failedTitle} ${message}` };
    }
  })();
  const spoken = announcement.status || announcement.alert;
  useEffect(() => {
    setSaid(announcement);
    if (elderly) speak(spoken, table.locale);
    // Keyed by the screen and its words: the same screen re-rendering says nothing new.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [screenKey, spoken]);

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
            onBlocked={(problems) => setSaid({ status: '', alert: problems.join(' ') })}
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
  const title = props.title ?? strings.title;
  useEffect(() => {
    // H5: the document speaks the page's language and names it (WCAG 3.1.1, 2.4.2).
    if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return;
    document.documentElement.lang = table.locale;
    document.title = title;
  }, [table.locale, title]);
  return (
    <ElderlyProvider value={elderly}>
      <View
        id={rootId}
        className={props.className}
        style={{ ...rootStyle(elderly), ...themeVariables(props.theme), ...props.style }}
        data-status={status}
        data-step={step ?? ''}
        data-locale={table.locale}
        data-preview={preview ? 'true' : undefined}
        data-elderly={elderly ? 'true' : undefined}
        {...{ lang: table.locale }}
      >
        {process.env.TARO_ENV === 'h5' ? <style>{focusCss(`#${rootId}`)}</style> : null}
        {props.header}
        <View style={styles.container}>
          <Heading level={1} style={styles.title}>
            {title}
          </Heading>
          {/* The explanation matters before the user starts; afterwards the screen's own words take over. */}
          {screen.progress < 2 ? <Text style={styles.description}>{props.description ?? strings.description}</Text> : null}
          <StepBar
            steps={strings.steps}
            current={screen.progress}
            label={strings.stepLabel(screen.progress + 1, strings.steps.length, stepName)}
          />
          {content}
          {elderly && canSpeak() && spoken ? (
            <ActionButton id="fv-speak" kind="text" label={strings.actions.speakAgain} onPress={() => speak(spoken, table.locale)} />
          ) : null}
          <Text style={{ ...styles.small, marginTop: '1.5em', textAlign: 'center' }}>{strings.privacy}</Text>
        </View>
        <View id="fv-status" style={visuallyHidden} {...roleProps('status')} aria-live="polite">
          {said.status}
        </View>
        <View id="fv-alert" style={visuallyHidden} {...roleProps('alert')} aria-live="assertive">
          {said.alert}
        </View>
        {props.overlay}
      </View>
    </ElderlyProvider>
  );
}
