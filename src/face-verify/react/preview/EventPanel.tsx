/**
 * The preview bar's event panel (H5 only): the flow's `onEvent` stream as it happens, collapsed by default,
 * so a developer sees what an app's analytics would receive (names and attributes; nothing personal).
 */
import { useSyncExternalStore } from 'react';
import type { FaceVerifyEvent } from '../../core/events';
import { color } from '../page/theme';
import type { PreviewEventLog } from './eventLog';
import { usePreviewWords } from './usePreviewWords';

/** One event on one line: time since the first shown, the name without its prefix, then its attributes. */
function describe(event: FaceVerifyEvent, origin: number): string {
  const attributes = Object.entries(event.attributes).map(([key, value]) => `${key}=${String(value)}`);
  return [`+${event.time - origin} ms`, event.name.replace('face_verify.', ''), ...attributes].join(' ');
}

export function EventPanel({ log, elderly = false }: { log: PreviewEventLog; elderly?: boolean }) {
  const words = usePreviewWords().bar;
  const events = useSyncExternalStore(log.subscribe, log.getSnapshot, log.getSnapshot);
  const origin = events[0]?.time ?? 0;
  return (
    <details id="fv-preview-events" style={{ marginTop: '0.375em' }}>
      <summary style={{ cursor: 'pointer', padding: '0.25em 0', ...(elderly ? { minHeight: '3em', lineHeight: '3em', padding: 0 } : {}) }}>
        {words.events(events.length)}
      </summary>
      {events.length === 0 ? (
        <p style={{ margin: '0.25em 0' }}>{words.noEvents}</p>
      ) : (
        <ol
          aria-live="polite"
          style={{
            margin: '0.25em 0',
            padding: '0.375em 0.5em 0.375em 2em',
            maxHeight: '12em',
            overflowY: 'auto',
            background: color.surface,
            border: `1px solid ${color.previewBorder}`,
            borderRadius: '0.5em',
            fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace',
            fontSize: elderly ? '1em' : '0.8125em',
            lineHeight: 1.5,
          }}
        >
          {events.map((event, index) => (
            <li key={index} data-event={event.name} style={{ wordBreak: 'break-word' }}>
              {describe(event, origin)}
            </li>
          ))}
        </ol>
      )}
      {events.length > 0 ? (
        <button
          id="fv-preview-events-clear"
          type="button"
          onClick={log.clear}
          style={{
            font: 'inherit',
            fontSize: elderly ? '1em' : '0.875em',
            padding: '0.125em 0.75em',
            ...(elderly ? { minHeight: '3em', minWidth: '3em' } : {}),
            border: `1px solid ${color.previewBorder}`,
            borderRadius: '0.5em',
            background: color.surface,
            color: color.previewText,
            cursor: 'pointer',
          }}
        >
          {words.clearEvents}
        </button>
      ) : null}
    </details>
  );
}
