/** Work in progress (capture on the phone, submitting) and the outcome: success, failure or cancellation. */
import { Text, View } from '@tarojs/components';
import type { FaceVerifyError } from '../../core/types';
import { ActionButton, IdentitySummary, ProgressDots, StatusIcon } from './parts';
import { ProblemActions, type ProblemHandlers } from './SupportScreen';
import { styles } from './theme';
import { useWords } from './words';

export interface MaskedIdentity {
  name: string;
  idCardNumber: string;
}

export function WorkingScreen({
  screen,
  heading,
  detail,
  identity,
}: {
  screen: string;
  heading: string;
  detail?: string | undefined;
  identity: MaskedIdentity | null;
}) {
  const strings = useWords().page;
  return (
    <View style={{ ...styles.card, ...styles.center, padding: '2.5em 1.25em' }} data-screen={screen} aria-live="polite" aria-busy="true">
      <ProgressDots />
      <Text style={styles.heading}>{heading}</Text>
      {detail ? <Text style={styles.body}>{detail}</Text> : null}
      {identity ? <IdentitySummary labels={{ name: strings.form.nameLabel, idCard: strings.form.idLabel }} {...identity} /> : null}
    </View>
  );
}

export interface ResultHandlers extends ProblemHandlers {
  retry: () => void;
  restart: () => void;
  done?: (() => void) | undefined;
}

export function SuccessScreen({ identity, onDone }: { identity: MaskedIdentity | null; onDone?: (() => void) | undefined }) {
  const strings = useWords().page;
  return (
    <View style={{ ...styles.card, padding: '2.5em 1.25em' }} data-screen="success">
      <View style={styles.center}>
        <StatusIcon tone="success" />
        <Text id="fv-message" style={styles.heading} aria-live="polite">
          {strings.result.successTitle}
        </Text>
        <Text style={styles.body}>{strings.result.successDetail}</Text>
      </View>
      {identity ? <IdentitySummary labels={{ name: strings.form.nameLabel, idCard: strings.form.idLabel }} {...identity} /> : null}
      {onDone ? <ActionButton id="fv-done" label={strings.actions.done} onPress={onDone} /> : null}
    </View>
  );
}

/**
 * A failure or cancellation in plain words, with what helps: allow the camera, try again (where a retry can
 * make progress), start over (back to the form), or another channel.
 */
export function FailureScreen({
  error,
  cancelled,
  identity,
  handlers,
  backFromSettings = false,
  retryable = error.retryable,
}: {
  error: FaceVerifyError;
  cancelled: boolean;
  identity: MaskedIdentity | null;
  handlers: ResultHandlers;
  /** The user has been to the settings from this failure: retry comes first now. */
  backFromSettings?: boolean;
  /** Whether to offer retry. @default error.retryable */
  retryable?: boolean;
}) {
  const strings = useWords().page;
  const buttons: Array<{ id: string; label: string; onPress: () => void }> = [];
  const settings = { id: 'fv-open-settings', label: strings.actions.openSettings, onPress: handlers.openSettings };
  if (error.action === 'open-settings' && !backFromSettings) buttons.push(settings);
  if (retryable) buttons.push({ id: 'fv-retry', label: strings.actions.retry, onPress: handlers.retry });
  if (error.action === 'open-settings' && backFromSettings) buttons.push(settings);
  const dead = error.kind === 'device' || error.action === 'other-channel';
  if (!retryable && !dead) buttons.push({ id: 'fv-restart', label: strings.actions.restart, onPress: handlers.restart });
  const extra =
    error.action === 'other-channel' || error.action === 'update-wechat' || error.action === 'update-alipay' ? [error.action] : [];

  return (
    <View style={{ ...styles.card, padding: '2.5em 1.25em' }} data-screen={cancelled ? 'cancelled' : 'failed'} data-error-kind={error.kind}>
      <View style={styles.center}>
        <StatusIcon tone={cancelled ? 'cancelled' : 'failure'} />
        <Text style={styles.heading}>{cancelled ? strings.result.cancelledTitle : strings.result.failedTitle}</Text>
        <Text id="fv-message" style={{ ...styles.body, marginTop: '0.75em', fontSize: '1em' }} aria-live="assertive">
          {error.message}
        </Text>
      </View>
      {identity ? <IdentitySummary labels={{ name: strings.form.nameLabel, idCard: strings.form.idLabel }} {...identity} /> : null}
      {backFromSettings ? (
        <View id="fv-settings-hint" aria-live="polite" style={{ ...styles.banner('info'), marginTop: '1.25em' }}>
          <Text>{strings.hints.backFromSettings}</Text>
        </View>
      ) : null}
      <View style={{ marginTop: '0.75em' }}>
        {buttons.map((button, index) => (
          <ActionButton key={button.id} {...button} kind={index === 0 ? 'primary' : 'secondary'} />
        ))}
        <ProblemActions actions={extra} handlers={handlers} recheckId="fv-retry" firstKind={buttons.length ? 'secondary' : 'primary'} />
      </View>
    </View>
  );
}
