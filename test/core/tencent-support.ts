/** A fake browser for the Tencent driver: an address bar, a session store, and the navigations it was asked for. */
import type { Clock, HttpPort, HttpRequest, TencentBrowser, VerifyVerdict } from 'taro-face-verify';

export interface FakeBrowser extends TencentBrowser {
  /** Where the page was sent (`navigate`), in order. */
  visits: string[];
  /** Every address written with `replaceUrl`. */
  replaced: string[];
  /** The session store's content, as a plain map. */
  saved: Map<string, string>;
  /** Loads another address in this tab (the session store survives, as in a real tab). */
  load(href: string): void;
  /** Shows the page again from the back-forward cache. */
  restore(): void;
}

export function fakeBrowser(href: string): FakeBrowser {
  let current = href;
  const saved = new Map<string, string>();
  const restored = new Set<() => void>();
  const browser: FakeBrowser = {
    visits: [],
    replaced: [],
    saved,
    href: () => current,
    navigate: (url) => void browser.visits.push(url),
    replaceUrl: (url) => {
      current = url;
      browser.replaced.push(url);
    },
    storage: {
      getItem: (key) => saved.get(key) ?? null,
      setItem: (key, value) => void saved.set(key, value),
      removeItem: (key) => void saved.delete(key),
    },
    onRestored: (listener) => {
      restored.add(listener);
      return () => restored.delete(listener);
    },
    load: (next) => {
      current = next;
    },
    restore: () => [...restored].forEach((listener) => listener()),
  };
  return browser;
}

/** A clock whose time the test sets; timers are never needed by these flows. */
export function manualClock(start = 1_780_000_000_000): Clock & { set(ms: number): void } {
  let now = start;
  return {
    now: () => now,
    set: (ms) => void (now = ms),
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
}

/**
 * A backend behind an HTTP port: the ticket endpoint issues BizTokens whose page URL is Tencent's; the verify
 * endpoint answers the `verdicts` in order (the last one again). Every request is kept, headers included.
 */
export function fakeTencentBackend(verdicts: Array<VerifyVerdict | 'unreachable'> = [{ ok: true, mock: false }]) {
  const requests: HttpRequest[] = [];
  /** The BizTokens issued, in order. */
  const tokens: string[] = [];
  let issued = 0;
  let answered = 0;
  const http: HttpPort = {
    request: (request) => {
      requests.push(request);
      if (request.url.endsWith('/ticket')) {
        issued += 1;
        tokens.push(`biz-${issued}-${Math.random().toString(36).slice(2)}`);
        const body = { bizToken: tokens[tokens.length - 1], url: `https://faceid.example/verify?ref=${issued}`, expiresIn: 7200 };
        return Promise.resolve({ status: 200, text: JSON.stringify(body) });
      }
      const verdict = verdicts[Math.min(answered++, verdicts.length - 1)] ?? { ok: true };
      if (verdict === 'unreachable') return Promise.resolve({ status: 503, text: 'unavailable' });
      return Promise.resolve({ status: 200, text: JSON.stringify(verdict) });
    },
  };
  const posted = () => requests.filter((request) => request.url.endsWith('/verify'));
  return { http, requests, posted, tokens, ticketEndpoint: 'https://api.example/face/ticket', endpoint: 'https://api.example/face/verify' };
}
