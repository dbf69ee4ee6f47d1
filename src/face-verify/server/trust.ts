/**
 * What the ticket and verify handlers share above every platform: the key digests are made with, the subject
 * of a request, and the limits. One place, so a new platform or feature inherits the rules instead of
 * re-stating them.
 */
import { macHex, resolveKeyring, type Keyring } from './keyring';
import { createLimitGate, type LimitKind, type LimiterBackend, type Limits } from './limits';
import { isInMemoryStore } from './stores';
import { subjectOf, type Subject, type SubjectFields } from './subject';

/** The options every handler that keeps records takes: pass `...createRedisStores({ client })` to share them. */
export interface TrustOptions {
  /**
   * The key of every digest kept at rest (HMAC-SHA256): at least 32 characters from your config. @default the
   * stores' keyring (Redis: one kept in Redis), else a random key per process
   */
  secret?: string;
  /** The stores' keyring (`createRedisStores` gives one). Overridden by `secret`. */
  keyring?: Keyring;
  /**
   * Issuance and attempt limits (see `Limits`); `false` turns them off (a warning at creation). Over a limit:
   * 429 `rate_limited` with `Retry-After`. @default DEFAULT_LIMITS
   */
  limits?: Partial<Limits> | false;
  /** Where the limit counters live: `createRedisStores(…).limiter` to share them. @default this process's memory */
  limiter?: LimiterBackend;
  /**
   * The client's IP, for the coarse per-IP caps (e.g. the first `X-Forwarded-For` hop your own proxy sets).
   * Without it there is no per-IP cap: the per-subject and per-ID-number limits still hold.
   */
  clientIp?: (request: Request) => string | undefined;
}

/** The trust rules of one handler. */
export interface Trust {
  key(): Promise<Buffer>;
  subject(fields: SubjectFields): Promise<Subject>;
  /** Counts one request of `kind` for the client's IP (when `clientIp` says it). */
  limitIp(kind: Extract<LimitKind, 'ticketPerIp' | 'verifyPerIp'>, request: Request): Promise<void>;
  /** The keyed digest of the client's IP (when `clientIp` says it). */
  ipDigest(request: Request): Promise<string | undefined>;
  /** Counts one request of `kind` for a keyed digest (the subject id, the ID number's digest). */
  limit(kind: LimitKind, digest: string | undefined): Promise<void>;
}

export function createTrust(
  options: TrustOptions,
  where: string,
  storeKeyring?: Keyring,
  sharedStores: Array<object | undefined> = [],
): Trust {
  const keyring = resolveKeyring(options, storeKeyring);
  warnIfLimitsPerProcess(options, where, sharedStores);
  const gate = createLimitGate(options.limits, options.limiter, where);
  const key = () => keyring.key();
  async function ipDigest(request: Request): Promise<string | undefined> {
    const ip = options.clientIp?.(request);
    return typeof ip === 'string' && ip !== '' ? macHex(await key(), 'ip', ip) : undefined;
  }
  return {
    key,
    subject: async (fields) => subjectOf(await key(), fields),
    ipDigest,
    limitIp: async (kind, request) => gate.check(kind, await ipDigest(request)),
    limit: (kind, digest) => gate.check(kind, digest),
  };
}

/**
 * In production, shared stores with per-process limit counters: each instance would grant the whole limit. Said
 * once at creation (spread `createRedisStores(…)` to share the counters too).
 */
function warnIfLimitsPerProcess(options: TrustOptions, where: string, stores: Array<object | undefined>): void {
  if (process.env.NODE_ENV !== 'production' || options.limits === false || options.limiter !== undefined) return;
  if (stores.some((store) => store !== undefined && !isInMemoryStore(store))) {
    console.warn(
      `[taro-face-verify] ${where}: the stores are shared but the limit counters are per process (each instance grants the whole limit). ` +
        'Spread createRedisStores({ client }) into the handler to share them.',
    );
  }
}
