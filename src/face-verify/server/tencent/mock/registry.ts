/**
 * What the FaceID stand-in remembers: the BizTokens it issued, with the person and redirect URL given to
 * DetectAuth (kept in memory only, so `pass` can report them back as Tencent does; dropped when the result's
 * 3-day window ends) and how each verification page ended.
 */
import { randomUUID } from 'node:crypto';

/**
 * How the stand-in's verification page ends, one button each:
 * - `pass`: ErrCode 0, Sim 95, the person given to DetectAuth.
 * - `mismatch`: 2006, name and ID number do not match.
 * - `low-similarity`: 2016, Sim 45.
 * - `low-sim-zero`: ErrCode 0 but Sim "40" (inconsistent: the kit must refuse).
 * - `liveness`: 1001, the liveness check failed.
 * - `leave`: back to the app without finishing (17).
 * - `expired`: 15, the token expired.
 * - `other-person`: ErrCode 0, Sim 90, but another person's name and ID number (the kit must refuse).
 */
export type MockTencentScenario =
  'pass' | 'mismatch' | 'low-similarity' | 'low-sim-zero' | 'liveness' | 'leave' | 'expired' | 'other-person';

/** Every scenario of the stand-in's page, in the page's order. */
export const MOCK_TENCENT_SCENARIOS: readonly MockTencentScenario[] = [
  'pass',
  'mismatch',
  'low-similarity',
  'low-sim-zero',
  'liveness',
  'leave',
  'expired',
  'other-person',
];

export const isMockTencentScenario = (value: unknown): value is MockTencentScenario =>
  typeof value === 'string' && (MOCK_TENCENT_SCENARIOS as readonly string[]).includes(value);

/** A BizToken's lifetime for the verification itself (Tencent: 7,200 s). */
export const BIZ_TOKEN_TTL_SECONDS = 7200;
/** How long a result can be fetched (Tencent: 3 days). */
export const RESULT_TTL_SECONDS = 3 * 24 * 3600;

export interface BizTokenRecord {
  ruleId: string;
  name: string;
  idCard: string;
  redirectUrl: string | undefined;
  extra: string | undefined;
  issuedAt: number;
  /** How the page ended; undefined while nobody finished it. */
  outcome?: Exclude<MockTencentScenario, 'leave'>;
}

export interface MockTencentSettings {
  secretId: string;
  secretKey: string;
  ruleId: string;
  /** The clock of token lifetimes (signatures are checked against the real time: the SDK signs with it). */
  now: () => number;
}

export class MockTencentRegistry {
  /** Calls per action (`DetectAuth`, `GetDetectInfoEnhanced`), page views (`page`) and `refused` requests. */
  readonly calls: Record<string, number> = {};
  private readonly tokens = new Map<string, BizTokenRecord>();

  constructor(readonly settings: MockTencentSettings) {}

  count(name: string): void {
    this.calls[name] = (this.calls[name] ?? 0) + 1;
  }

  issue(fields: Omit<BizTokenRecord, 'issuedAt' | 'outcome'>): string {
    this.prune();
    const bizToken = randomUUID().toUpperCase();
    this.tokens.set(bizToken, { ...fields, issuedAt: this.settings.now() });
    return bizToken;
  }

  /**
   * The record and its age: `expired` past 7,200 s (the page can no longer be used), `resultGone` past 3 days
   * (the result can no longer be fetched).
   */
  lookup(bizToken: string): { record: BizTokenRecord; expired: boolean; resultGone: boolean } | undefined {
    this.prune();
    const record = this.tokens.get(bizToken);
    if (record === undefined) return undefined;
    const age = this.settings.now() - record.issuedAt;
    return { record, expired: age >= BIZ_TOKEN_TTL_SECONDS * 1000, resultGone: age >= RESULT_TTL_SECONDS * 1000 };
  }

  /**
   * Records how the page ended (`leave` records nothing). False when the token is unknown, expired or already
   * finished (Tencent's page allows one verification per token).
   */
  complete(bizToken: string, scenario: MockTencentScenario): boolean {
    const found = this.lookup(bizToken);
    if (found === undefined || found.expired || found.record.outcome !== undefined) return false;
    if (scenario !== 'leave') found.record.outcome = scenario;
    return true;
  }

  /** Forgets tokens long past their result window, with the identities they held. */
  private prune(): void {
    const now = this.settings.now();
    for (const [token, record] of this.tokens) {
      if (now - record.issuedAt >= 2 * RESULT_TTL_SECONDS * 1000) this.tokens.delete(token);
    }
  }
}
