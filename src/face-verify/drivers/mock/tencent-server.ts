/**
 * What a fake Tencent Cloud would hold for the preview: the BizTokens it issued, with the scenario each one
 * plays and whether it was verified. The preview's round trip is a real page load, so this lives in the tab's
 * `sessionStorage` under a mock-only key (tokens and scenario names only: nothing personal).
 */
import type { TencentTicket, VerifyVerdict } from '../../contract';
import type { Clock } from '../../core/types';
import type { SessionStore } from '../tencent/browser';
import { withParam } from '../tencent/return-url';
import type { MockTencentScenario } from './tencent-scenarios';

/** @default the fake server's key in `sessionStorage` */
export const MOCK_TENCENT_SERVER_KEY = 'taro-face-verify:mock-tencent-server';
/**
 * The preview's own query parameters the simulated Tencent page sets on the way back, so the page that loads
 * is the Tencent preview with the same scenario (the preview bar may have switched without changing the address).
 */
const PREVIEW_PARAMS = { platform: 'tencent' } as const;

type Issued = Record<string, { errCode: number; used: boolean; issuedAt: number }>;

/** A BizToken's life on the fake Tencent Cloud, as on the real one (DetectAuth's default). */
const TOKEN_TTL_MS = 7200 * 1000;
/** The fake keeps at most this many tokens (the newest) in the tab's storage. */
const MOCK_TENCENT_KEPT_TOKENS = 20;

/** Only live tokens, newest first, at most {@link MOCK_TENCENT_KEPT_TOKENS}: the tab's storage does not grow. */
function pruned(issued: Issued, now: number): Issued {
  const live = Object.entries(issued).filter(([, entry]) => typeof entry.issuedAt === 'number' && now - entry.issuedAt < TOKEN_TTL_MS);
  live.sort(([, a], [, b]) => b.issuedAt - a.issuedAt);
  return Object.fromEntries(live.slice(0, MOCK_TENCENT_KEPT_TOKENS));
}

/** The fake Tencent Cloud: issues BizTokens (DetectAuth) and answers for them once (GetDetectInfoEnhanced). */
export interface MockTencentServer {
  /** A BizToken and the "verification page": this page's address, with the token when the scenario returns it. */
  issue(): TencentTicket;
  /** The verdict for a BizToken: its scenario's ErrCode, once; a replay or an unknown token is refused. */
  verify(bizToken: string): VerifyVerdict;
}

export interface MockTencentServerOptions {
  scenario: MockTencentScenario;
  scenarioName: string;
  storage: () => SessionStore | null;
  href: () => string;
  clock: Clock;
}

export function createMockTencentServer(options: MockTencentServerOptions): MockTencentServer {
  let counter = 0;
  const read = (): Issued => {
    try {
      const raw = options.storage()?.getItem(MOCK_TENCENT_SERVER_KEY);
      return raw ? (JSON.parse(raw) as Issued) : {};
    } catch {
      return {};
    }
  };
  const write = (issued: Issued) => {
    try {
      options.storage()?.setItem(MOCK_TENCENT_SERVER_KEY, JSON.stringify(pruned(issued, options.clock.now())));
    } catch {
      // A preview without storage loses its issued tokens: the return then reads as an unknown token.
    }
  };
  return {
    issue() {
      counter++;
      const bizToken = `mock-biz-${options.clock.now().toString(36)}${counter}${Math.random().toString(36).slice(2, 8)}`;
      write({ ...read(), [bizToken]: { errCode: options.scenario.errCode, used: false, issuedAt: options.clock.now() } });
      const back = withParam(withParam(options.href(), 'platform', PREVIEW_PARAMS.platform), 'scenario', options.scenarioName);
      return { bizToken, url: options.scenario.returnsToken ? withParam(back, 'token', bizToken) : back, expiresIn: 7200 };
    },
    verify(bizToken) {
      const issued = pruned(read(), options.clock.now());
      const entry = issued[bizToken];
      if (!entry) return { ok: false, code: 'unknown_ticket', message: 'biz_token not issued here' };
      if (entry.used) return { ok: false, code: 'replayed', message: 'biz_token already verified' };
      write({ ...issued, [bizToken]: { ...entry, used: true } });
      return entry.errCode === 0 ? { ok: true, mock: true } : { ok: false, code: entry.errCode, message: 'ErrCode is not 0' };
    },
  };
}
