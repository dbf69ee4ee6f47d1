/** The support check: progress while probing, then the problems found with what helps for each. */
import { Text, View } from '@tarojs/components';
import type { ProblemAction, SupportProblem } from '../../core/types';
import Taro from '@tarojs/taro';
import { ActionButton, Heading, ProgressDots, StatusIcon } from './parts';
import { color, size, styles } from './theme';
import { useElderly, useWords } from './words';

export interface ProblemHandlers {
  openSettings: () => void;
  /** Re-runs the device check. */
  recheck: () => void;
  /** Only when the app offers another way to complete the service; without it the page offers "go back". */
  otherChannel?: (() => void) | undefined;
}

/**
 * The way out that needs no app code: back to the previous page (or, opened directly, the browser's
 * history in H5; on a mini-program's first page there is nowhere to go back to, so the hint is all).
 */
export function goBack() {
  Promise.resolve(Taro.navigateBack()).catch(() => {
    if (process.env.TARO_ENV === 'h5' && typeof history !== 'undefined') history.back();
  });
}

/** The buttons and hints for a set of actions: each action once, the first button primary. */
export function ProblemActions({
  actions,
  handlers,
  recheckId,
  firstKind = 'primary',
}: {
  actions: ProblemAction[];
  handlers: ProblemHandlers;
  recheckId: string;
  firstKind?: 'primary' | 'secondary';
}) {
  const strings = useWords().page;
  const elderly = useElderly();
  const unique = [...new Set(actions.map((action) => (action === 'check-network' ? 'retry' : action)))];
  const buttons: Array<{ id: string; label: string; onPress: () => void }> = [];
  const hints: string[] = [];
  for (const action of unique) {
    if (action === 'open-settings')
      buttons.push({ id: 'fv-open-settings', label: strings.actions.openSettings, onPress: handlers.openSettings });
    else if (action === 'retry') buttons.push({ id: recheckId, label: strings.actions.recheck, onPress: handlers.recheck });
    else if (action === 'other-channel' && handlers.otherChannel) {
      buttons.push({ id: 'fv-other-channel', label: strings.actions.otherChannel, onPress: handlers.otherChannel });
    } else if (action === 'other-channel') {
      hints.push(strings.hints.otherChannel);
      buttons.push({ id: 'fv-back', label: strings.actions.back, onPress: goBack });
    } else if (action === 'update-wechat') hints.push(strings.hints.updateWeChat);
    else if (action === 'open-in-wechat') hints.push(strings.hints.openInWeChat);
    else if (action === 'update-alipay') hints.push(strings.hints.updateAlipay);
    else if (action === 'open-in-alipay') hints.push(strings.hints.openInAlipay);
    else if (action === 'open-system-settings') hints.push(strings.hints.systemSettings);
  }
  return (
    <View>
      {hints.map((hint) => (
        <Text key={hint} style={{ ...styles.small, marginTop: '0.75em' }} data-hint="">
          {hint}
        </Text>
      ))}
      {/* Elder mode: one action per screen, the one that helps most. */}
      {(elderly ? buttons.slice(0, 1) : buttons).map((button, index) => (
        <ActionButton key={button.id} {...button} kind={index === 0 ? firstKind : 'secondary'} />
      ))}
    </View>
  );
}

function ProblemList({ problems }: { problems: SupportProblem[] }) {
  return (
    <View style={{ marginTop: '1em', width: '100%', textAlign: 'left' }}>
      {problems.map((problem) => (
        <View
          key={problem.code}
          data-problem={problem.code}
          style={{ display: 'flex', alignItems: 'flex-start', padding: '0.625em 0', borderTop: `1px solid ${color.border}` }}
        >
          <View
            aria-hidden="true"
            style={{
              flex: 'none',
              width: '0.5em',
              height: '0.5em',
              marginTop: '0.55em',
              marginRight: '0.75em',
              borderRadius: '50%',
              background: problem.blocking ? color.danger : color.warning,
            }}
          />
          <Text style={{ flex: 1, fontSize: size.body }}>{problem.message}</Text>
        </View>
      ))}
    </View>
  );
}

export function ProbingScreen() {
  const strings = useWords().page;
  return (
    <View style={{ ...styles.card, ...styles.center, padding: '2.5em min(1.25em, 4vw)' }} data-screen="probing" aria-busy="true">
      <ProgressDots />
      <Heading level={2} style={styles.heading}>
        {strings.probing}
      </Heading>
      <Text style={styles.body}>{strings.probingDetail}</Text>
    </View>
  );
}

/** The problems that stop verification on this device (blocking ones first, as the screen selector orders them). */
export function UnsupportedScreen({ problems, handlers }: { problems: SupportProblem[]; handlers: ProblemHandlers }) {
  const strings = useWords().page;
  const ordered = problems;
  const actions = ordered.flatMap((problem) => (problem.action ? [problem.action] : []));
  return (
    <View style={styles.card} data-screen="unsupported">
      <View style={styles.center}>
        <StatusIcon tone="warning" />
        <Heading level={2} style={styles.heading}>
          {strings.unsupportedTitle}
        </Heading>
      </View>
      <ProblemList problems={ordered} />
      <ProblemActions actions={actions} handlers={handlers} recheckId="fv-retry" />
    </View>
  );
}

/** Problems that do not stop the flow (camera not yet allowed, offline, …), shown above the form. */
export function ProblemNotices({ problems, handlers }: { problems: SupportProblem[]; handlers: ProblemHandlers }) {
  const strings = useWords().page;
  const elderly = useElderly();
  if (problems.length === 0) return null;
  const actions = problems.flatMap((problem) => (problem.action ? [problem.action] : []));
  return (
    <View style={{ ...styles.card, ...styles.banner('warning'), padding: '1em 1.25em' }} data-screen="notices">
      <Text style={{ display: 'block', fontWeight: 600 }}>{strings.noticeTitle}</Text>
      {problems.map((problem) => (
        <Text key={problem.code} data-problem={problem.code} style={{ display: 'block', marginTop: '0.375em', color: color.text }}>
          {problem.message}
        </Text>
      ))}
      {/* Elder mode: the form's start is the screen's one action; a denied camera is asked for when it is needed. */}
      {elderly ? null : <ProblemActions actions={actions} handlers={handlers} recheckId="fv-recheck" firstKind="secondary" />}
    </View>
  );
}
