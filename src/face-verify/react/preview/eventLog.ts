/**
 * The preview's record of the flow's events (H5 only): the page adds it to the flow's `onEvent`, the preview
 * bar's panel shows it. A small external store, so only the panel renders when an event arrives.
 */
import type { FaceVerifyEvent } from '../../core/events';

/** The last events of the page's flows, newest last. */
export interface PreviewEventLog {
  push(event: FaceVerifyEvent): void;
  clear(): void;
  subscribe(listener: () => void): () => void;
  getSnapshot(): readonly FaceVerifyEvent[];
}

/** How many events the panel keeps: a few verifications' worth. */
const KEPT = 60;

export function createPreviewEventLog(): PreviewEventLog {
  let events: readonly FaceVerifyEvent[] = [];
  const listeners = new Set<() => void>();
  const publish = (next: readonly FaceVerifyEvent[]) => {
    events = next;
    listeners.forEach((listener) => listener());
  };
  return {
    push: (event) => publish([...events.slice(1 - KEPT), event]),
    clear: () => publish([]),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => events,
  };
}
