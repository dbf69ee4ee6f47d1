/** What the WeChat stand-in remembers: tokens, user_id_keys, verify_ids, the scenario and call counts. */
import { randomHex } from '../../digest';

/**
 * - `success`: everything works.
 * - `identity-mismatch`: getinfo reports another person's MD5s and openid; queryverifyinfo answers 84003.
 * - `identify-ret-failure`: errcode 0 with identify_ret / verify_ret 10004 (face does not match).
 * - `expired-user-info`: getinfo and queryverifyinfo answer 84002.
 * - `token-expiry`: each access token stops working after `tokenUses` calls (42001).
 * - `busy`: the first `busyTimes` calls answer -1.
 * - `slow`: every answer waits `slowMs`.
 */
export type MockWeChatScenario =
  'success' | 'identity-mismatch' | 'identify-ret-failure' | 'expired-user-info' | 'token-expiry' | 'busy' | 'slow';

/** Every scenario the WeChat stand-in can play. */
export const MOCK_WECHAT_SCENARIOS: readonly MockWeChatScenario[] = [
  'success',
  'identity-mismatch',
  'identify-ret-failure',
  'expired-user-info',
  'token-expiry',
  'busy',
  'slow',
];

/** The stand-in's credentials, for `createWeChatApi` and `createPushHandler` in previews and tests (not secrets). */
export const MOCK_WECHAT_DEFAULTS = {
  appId: 'wx00000000mockapp',
  appSecret: 'mock-app-secret',
  pushToken: 'mock-push-token',
  encodingAESKey: 'bW9jay1lbmNvZGluZy1hZXMta2V5LWZvci10ZXN0cyE',
  openid: 'oMock0000000000000000000000',
} as const;

/** Options of the WeChat stand-in: scenario, credentials it accepts, and the push settings it signs with. */
export interface MockWeChatOptions {
  /** @default 'success' */
  scenario?: MockWeChatScenario;
  appId?: string;
  appSecret?: string;
  pushToken?: string;
  encodingAESKey?: string;
  /** The openid getinfo reports for the mock user. */
  openid?: string;
  /** `busy`: how many calls answer -1. @default 2 */
  busyTimes?: number;
  /** `token-expiry`: calls each token serves before it expires. @default 2 */
  tokenUses?: number;
  /** `slow`: delay of every answer. @default 1000 */
  slowMs?: number;
  /** @default Date.now */
  now?: () => number;
}

interface TokenRecord {
  expiresAt: number;
  usesLeft: number;
}
export interface UserKeyRecord {
  nameMd5: string;
  idMd5: string;
  outSeqNo?: string;
  expiresAt: number;
}
export interface VerifyIdRecord {
  certHash: string;
  openid: string;
  outSeqNo: string;
  expiresAt: number;
  /** verify_ret the simulated phone reported for this verifyId (see `reportCapture`); 10000 when none was. */
  captureRet?: number;
}

const TOKEN_LIFETIME_S = 7200;
const TICKET_LIFETIME_S = 3600;

export class MockRegistry {
  scenario: MockWeChatScenario;
  busyLeft = 0;
  /** Calls per endpoint name (`stable_token`, `token`, `getinfo`, …). */
  readonly calls: Record<string, number> = {};
  private readonly tokens = new Map<string, TokenRecord>();
  private stableToken: string | null = null;
  readonly userKeys = new Map<string, UserKeyRecord>();
  readonly verifyIds = new Map<string, VerifyIdRecord>();

  constructor(readonly options: Required<Omit<MockWeChatOptions, 'scenario'>> & { scenario: MockWeChatScenario }) {
    this.scenario = options.scenario;
    this.setScenario(options.scenario);
  }

  setScenario(scenario: MockWeChatScenario): void {
    this.scenario = scenario;
    this.busyLeft = scenario === 'busy' ? this.options.busyTimes : 0;
    // Tokens issued before the switch follow the new scenario too (a token can stop working mid-run).
    for (const record of this.tokens.values()) {
      if (scenario === 'token-expiry') record.usesLeft = Math.min(record.usesLeft, this.options.tokenUses);
      else if (record.usesLeft > 0) record.usesLeft = Number.POSITIVE_INFINITY;
    }
  }

  count(endpoint: string): void {
    this.calls[endpoint] = (this.calls[endpoint] ?? 0) + 1;
  }

  /** True when this call should answer -1 (scenario `busy`). */
  takeBusy(): boolean {
    if (this.busyLeft <= 0) return false;
    this.busyLeft--;
    return true;
  }

  private issueToken(): { access_token: string; expires_in: number } {
    const token = `mock-token-${randomHex(16)}`;
    const usesLeft = this.scenario === 'token-expiry' ? this.options.tokenUses : Number.POSITIVE_INFINITY;
    this.tokens.set(token, { expiresAt: this.options.now() + TOKEN_LIFETIME_S * 1000, usesLeft });
    return { access_token: token, expires_in: TOKEN_LIFETIME_S };
  }

  /** `cgi-bin/token`: a new token each time (the previous ones keep working until they expire). */
  classicToken(): { access_token: string; expires_in: number } {
    return this.issueToken();
  }

  /** `cgi-bin/stable_token`: the same token while it is valid, unless forced. */
  stable(forceRefresh: boolean): { access_token: string; expires_in: number } {
    const current = this.stableToken === null ? undefined : this.tokens.get(this.stableToken);
    if (!forceRefresh && this.stableToken !== null && current && this.live(current)) {
      return { access_token: this.stableToken, expires_in: Math.floor((current.expiresAt - this.options.now()) / 1000) };
    }
    const issued = this.issueToken();
    this.stableToken = issued.access_token;
    return issued;
  }

  private live(record: TokenRecord): boolean {
    return record.expiresAt > this.options.now() && record.usesLeft > 0;
  }

  /** 0 when the token may be used (and counts the use), else WeChat's errcode for it. */
  useToken(token: string | null): number {
    if (token === null || token === '') return 41001;
    const record = this.tokens.get(token);
    if (record === undefined) return 40001;
    if (!this.live(record)) return 42001;
    record.usesLeft--;
    return 0;
  }

  registerUserKey(record: Omit<UserKeyRecord, 'expiresAt'>): { user_id_key: string; expires_in: number } {
    const key = `mock-uik-${randomHex(16)}`;
    this.userKeys.set(key, { ...record, expiresAt: this.options.now() + TICKET_LIFETIME_S * 1000 });
    return { user_id_key: key, expires_in: TICKET_LIFETIME_S };
  }

  private readonly captureTimes = new Map<string, number>();
  private readonly takenSeconds = new Set<string>();

  /**
   * The identify_time WeChat reports for a capture. A real capture takes seconds, so one person never finishes
   * two in the same second; the preview's fast mock captures can, and a backend may rightly read that as one
   * capture posted twice. So when a person's second is already taken by another capture, the stand-in reports
   * the next free one; the same capture gets the same time however its credential is spelt, as from WeChat.
   */
  captureTime(nonce: string, person: string, claimed: number): number {
    const known = this.captureTimes.get(nonce);
    if (known !== undefined) return known;
    let time = claimed;
    while (this.takenSeconds.has(`${person}@${time}`)) time++;
    this.takenSeconds.add(`${person}@${time}`);
    this.captureTimes.set(nonce, time);
    return time;
  }

  /**
   * What the phone tells WeChat when a v2 capture ends: the mock driver reports it through the demo backend,
   * so the stand-in's queryverifyinfo answers the outcome the preview simulated. False for an unknown verifyId.
   */
  reportCapture(verifyId: string, verifyRet: number): boolean {
    const record = this.verifyIds.get(verifyId);
    if (!record) return false;
    record.captureRet = verifyRet;
    return true;
  }

  registerVerifyId(record: Omit<VerifyIdRecord, 'expiresAt'>): { verify_id: string; expires_in: number } {
    const id = `mock-vid-${randomHex(16)}`;
    this.verifyIds.set(id, { ...record, expiresAt: this.options.now() + TICKET_LIFETIME_S * 1000 });
    return { verify_id: id, expires_in: TICKET_LIFETIME_S };
  }
}
