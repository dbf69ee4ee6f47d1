/**
 * The browser the H5 route runs in, as one small injected interface: where the page is, how to leave it, how to
 * tidy its address, and a session store that survives the round trip through Tencent's page. The default reads
 * the globals at call time (importing this file touches nothing); on a mini-program there is no browser.
 */

/** The part of `sessionStorage` the route uses. */
export interface SessionStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The browser as the Tencent driver sees it; inject one in tests (and in apps with their own router). */
export interface TencentBrowser {
  /** The page's current address. */
  href(): string;
  /** Leaves for another page. @default location.assign */
  navigate(url: string): void;
  /** Changes the address without a new history entry or a reload. @default history.replaceState */
  replaceUrl(url: string): void;
  /** Survives the navigation to Tencent's page and back (same tab). @default sessionStorage */
  storage: SessionStore;
  /**
   * Loads `url` as a new page even when only its hash differs from the current address (the preview's round
   * trip), without a `hashchange` a hash router would answer first. @default history.pushState, then location.reload
   */
  reload?(url: string): void;
  /**
   * Calls `listener` when the browser shows this page again from its back-forward cache (the JavaScript state
   * survived: no new load will resume the flow). Returns the unsubscribe.
   */
  onRestored?(listener: () => void): () => void;
}

interface BrowserGlobals {
  location?: { href: string; assign(url: string): void; reload(): void };
  history?: {
    state: unknown;
    replaceState(state: unknown, unused: string, url: string): void;
    pushState(state: unknown, unused: string, url: string): void;
  };
  sessionStorage?: SessionStore;
  addEventListener?(type: 'pageshow', listener: (event: { persisted?: boolean }) => void): void;
  removeEventListener?(type: 'pageshow', listener: (event: { persisted?: boolean }) => void): void;
}

/** Why the default browser is not there: no `location` (a mini-program), or `sessionStorage` refused. */
export type BrowserProblem = 'not-browser' | 'storage-blocked';

/**
 * The global browser, or why it cannot carry the route. Reading `sessionStorage` throws where storage is
 * disabled (some private modes, blocked cookies), so it is read inside a try.
 */
export function globalBrowser(): TencentBrowser | BrowserProblem {
  const scope = (typeof window === 'undefined' ? undefined : window) as (BrowserGlobals & typeof globalThis) | undefined;
  if (!scope?.location || typeof scope.location.assign !== 'function' || !scope.history) return 'not-browser';
  let storage: SessionStore | undefined;
  try {
    storage = scope.sessionStorage;
    const probe = '__taro_face_verify_probe__';
    storage?.setItem(probe, '1');
    storage?.removeItem(probe);
  } catch {
    return 'storage-blocked';
  }
  if (!storage) return 'storage-blocked';
  const { location, history } = scope;
  return {
    href: () => location.href,
    navigate: (url) => location.assign(url),
    reload: (url) => {
      history.pushState(null, '', url);
      location.reload();
    },
    replaceUrl: (url) => history.replaceState(history.state, '', url),
    storage,
    onRestored(listener) {
      const onShow = (event: { persisted?: boolean }) => {
        if (event.persisted) listener();
      };
      scope.addEventListener?.('pageshow', onShow);
      return () => scope.removeEventListener?.('pageshow', onShow);
    },
  };
}
