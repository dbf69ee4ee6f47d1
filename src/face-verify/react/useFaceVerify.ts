import { useEffect, useLayoutEffect, useState, useSyncExternalStore } from 'react';
import type { FaceVerifyState, FaceVerifyStore } from '../core/flow';
import { createFaceVerify, type FaceVerifyConfig } from '../defaults';

/** Options of {@link useFaceVerify}: the flow's options plus what the hook does on mount. */
export interface UseFaceVerifyOptions extends FaceVerifyConfig {
  /** Probe the device when the component mounts, so support shows before the user types. @default true */
  probeOnMount?: boolean;
}

/** The flow's state and actions, plus its store (for a child component or a test). */
export type UseFaceVerifyResult = FaceVerifyState & { store: FaceVerifyStore };

/**
 * The verification flow for a component: one flow per mounted component, probed on mount, disposed on
 * unmount. Options may be written inline; later values apply to later steps and never restart the flow.
 * @example
 * const { status, error, start, retry } = useFaceVerify({ endpoint: '/api/face/verify' });
 */
export function useFaceVerify(options: UseFaceVerifyOptions = {}): UseFaceVerifyResult {
  const [store] = useState(() => createFaceVerify(options));
  useLatestOptions(store, options);
  return useFlowStore(store, { owned: true, probeOnMount: options.probeOnMount ?? true });
}

/**
 * A flow store's state for a component. An owned store (the hook made it) is disposed on unmount; a store
 * the app made and passed in (the page's `store` prop) is only probed and watched: the app disposes it.
 */
export function useFlowStore(store: FaceVerifyStore, how: { owned: boolean; probeOnMount: boolean }): UseFaceVerifyResult {
  const state = useSyncExternalStore(store.subscribe, store.getState, store.getState);
  const { owned, probeOnMount } = how;

  useEffect(() => {
    const detach = owned ? store.getState().attach() : undefined;
    const { status } = store.getState();
    // 'probing' again after a StrictMode remount: re-attach to the probe under way.
    if (probeOnMount && (status === 'idle' || status === 'probing')) void store.getState().probe();
    // A capture that left the page (Tencent's H5 route) comes back on this load: the flow submits it by itself.
    if (process.env.TARO_ENV !== 'weapp' && process.env.TARO_ENV !== 'alipay') void store.getState().resume();
    return detach;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the flow is created once; probing is a mount-time choice
  }, [store]);

  return { ...state, store };
}

/**
 * Hands the latest render's options to a flow the component owns, after the commit (the latest-ref pattern):
 * the flow was made with the first render's options, and a later callback, header or endpoint reaches its
 * next step without an update during render.
 */
export function useLatestOptions(store: FaceVerifyStore, options: FaceVerifyConfig | null): void {
  // A layout effect runs before any event the new render's UI can receive, so a click never meets old options.
  useLayoutEffect(() => {
    if (options) store.getState().setOptions(options);
  });
}
