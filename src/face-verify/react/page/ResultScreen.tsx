/** Work in progress (capture on the phone, submitting) and the outcome: success, failure or cancellation. */
import { Text, View } from '@tarojs/components';
import type { FaceVerifyError } from '../../core/types';
import { ActionButton, Heading, IdentitySummary, ProgressDots, StatusIcon } from './parts';
import { goBack, ProblemActions, type ProblemHandlers } from './SupportScreen';
import { styles } from './theme';
import { useElderly, useWords } from './words';

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
    <View style={{ ...styles.card, ...styles.center, padding: '2.5em min(1.25em, 4vw)' }} data-screen={screen} aria-busy="true">
      <ProgressDots />
      <Heading level={2} style={styles.heading}>
        {heading}
      </Heading>
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
    <View style={{ ...styles.card, padding: '2.5em min(1.25em, 4vw)' }} data-screen="success">
      <View style={styles.center}>
        <StatusIcon tone="success" />
        <Heading level={2} id="fv-message" style={styles.heading}>
          {strings.result.successTitle}
        </Heading>
        <Text style={styles.body}>{strings.result.successDetail}</Text>
      </View>
      {identity ? <IdentitySummary labels={{ name: strings.form.nameLabel, idCard: strings.form.idLabel }} {...identity} /> : null}
      {onDone ? (
        <ActionButton id="fv-done" label={strings.actions.done} onPress={onDone} />
      ) : (
        <ActionButton id="fv-back" kind="secondary" label={strings.actions.back} onPress={goBack} />
      )}
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
  const elderly = useElderly();
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
    <View
      style={{ ...styles.card, padding: '2.5em min(1.25em, 4vw)' }}
      data-screen={cancelled ? 'cancelled' : 'failed'}
      data-error-kind={error.kind}
    >
      <View style={styles.center}>
        <StatusIcon tone={cancelled ? 'cancelled' : 'failure'} />
        <Heading level={2} style={styles.heading}>
          {cancelled ? strings.result.cancelledTitle : strings.result.failedTitle}
        </Heading>
        <Text id="fv-message" style={{ ...styles.body, marginTop: '0.75em', fontSize: '1em' }}>
          {error.message}
        </Text>
      </View>
      {identity ? <IdentitySummary labels={{ name: strings.form.nameLabel, idCard: strings.form.idLabel }} {...identity} /> : null}
      {backFromSettings ? (
        <View id="fv-settings-hint" style={{ ...styles.banner('info'), marginTop: '1.25em' }}>
          <Text>{strings.hints.backFromSettings}</Text>
        </View>
      ) : null}
      <View style={{ marginTop: '0.75em' }}>
        {/* Elder mode: one action per screen, the one that helps most. */}
        {(elderly ? buttons.slice(0, 1) : buttons).map((button, index) => (
          <ActionButton key={button.id} {...button} kind={index === 0 ? 'primary' : 'secondary'} />
        ))}
        {elderly && buttons.length ? null : (
          <ProblemActions actions={extra} handlers={handlers} recheckId="fv-retry" firstKind={buttons.length ? 'secondary' : 'primary'} />
        )}
        {/* Never a dead end: a failure with nothing to try here still has a way out. */}
        {buttons.length === 0 && extra.length === 0 ? <ActionButton id="fv-back" label={strings.actions.back} onPress={goBack} /> : null}
      </View>
    </View>
  );
}
