/**
 * Issuance and attempt limits, on by default: every ticket is a paid or quota-bound platform call, and every
 * verify post is a guess an attacker with a leaked ticket could make. Counters are keyed by keyed digests
 * (the subject, the ID number's digest, the client IP), never by the values. Counting is rate-limiter-flexible's
 * (atomic on Redis); over a limit the request answers 429 with `Retry-After` and code `rate_limited`.
 */
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { HttpError } from './http/errors';

/** At most `points` requests per `perSeconds` seconds. */
export interface LimitRule {
  points: number;
  perSeconds: number;
}

/**
 * The limits of the handlers, per subject (your user: `userId` or openid, else the identity), per ID number
 * (its keyed digest: however many accounts ask for one person) and per client IP (`clientIp`). Each is a list
 * of rules, all of which must hold.
 */
export interface Limits {
  /** Tickets (platform calls) per subject. @default 5 a minute, 20 a day */
  ticketPerSubject: readonly LimitRule[];
  /** Tickets per ID number, whoever asks (Tencent's published limits). @default 15 a minute, 30 a day */
  ticketPerIdCard: readonly LimitRule[];
  /** Tickets per client IP (coarse: many users may share one NAT). @default 60 a minute, 1000 a day */
  ticketPerIp: readonly LimitRule[];
  /** Verify posts per subject (each is a guess with someone else's ticket or credential). @default 10 a minute, 60 a day */
  verifyPerSubject: readonly LimitRule[];
  /** Verify posts per client IP. @default 120 a minute */
  verifyPerIp: readonly LimitRule[];
}

const MINUTE = 60;
const DAY = 86_400;

/** The defaults of {@link Limits}. */
export const DEFAULT_LIMITS: Readonly<Limits> = {
  ticketPerSubject: [
    { points: 5, perSeconds: MINUTE },
    { points: 20, perSeconds: DAY },
  ],
  ticketPerIdCard: [
    { points: 15, perSeconds: MINUTE },
    { points: 30, perSeconds: DAY },
  ],
  ticketPerIp: [
    { points: 60, perSeconds: MINUTE },
    { points: 1000, perSeconds: DAY },
  ],
  verifyPerSubject: [
    { points: 10, perSeconds: MINUTE },
    { points: 60, perSeconds: DAY },
  ],
  verifyPerIp: [{ points: 120, perSeconds: MINUTE }],
};

/** A counter of one rule: counts one request for `key`, and answers how long until it may pass again when over the limit. */
export interface LimitCounter {
  consume(key: string): Promise<{ overLimitMs?: number }>;
}

/**
 * Where the counters live: in this process (the default) or shared (`createRedisStores({ client }).limiter`,
 * so two instances grant no more than one).
 */
export interface LimiterBackend {
  counter(name: string, rule: LimitRule): LimitCounter;
}

/** rate-limiter-flexible's `consume`, with "over the limit" (a rejection with a `RateLimiterRes`) as an answer. */
async function consumeOne(limiter: Pick<RateLimiterMemory, 'consume'>, key: string): Promise<{ overLimitMs?: number }> {
  try {
    await limiter.consume(key);
    return {};
  } catch (refusal) {
    if (refusal instanceof RateLimiterRes) return { overLimitMs: refusal.msBeforeNext };
    throw refusal;
  }
}

/** Counters in this process's memory. */
export function createMemoryLimiter(): LimiterBackend {
  return {
    counter(name, rule) {
      const limiter = new RateLimiterMemory({ keyPrefix: `tfv:limit:${name}`, points: rule.points, duration: rule.perSeconds });
      return { consume: (key) => consumeOne(limiter, key) };
    },
  };
}

/** Counters on Redis (node-redis v4+ client or cluster), wrapped by the caller's time bound. */
export function createRedisLimiter(client: unknown, prefix: string, bounded: <T>(call: () => Promise<T>) => Promise<T>): LimiterBackend {
  return {
    counter(name, rule) {
      const limiter = new RateLimiterRedis({
        storeClient: client,
        useRedisPackage: true,
        keyPrefix: `${prefix}tfv:limit:${name}`,
        points: rule.points,
        duration: rule.perSeconds,
      });
      // Over the limit is an answer, not a store failure: it leaves `bounded` as a value.
      return { consume: (key) => bounded(() => consumeOne(limiter, key)) };
    },
  };
}

/** The kinds of limit a handler checks. */
export type LimitKind = keyof Limits;

/** Checks a handler's limits; throws the 429 when one is spent. */
export interface LimitGate {
  /** Counts one request of `kind` for `key` (a keyed digest); a missing key counts nothing. */
  check(kind: LimitKind, key: string | undefined): Promise<void>;
}

/** Validated limits (defaults filled in), or an error saying which value is wrong. */
export function resolveLimits(limits: Partial<Limits> | undefined): Limits {
  const resolved = { ...DEFAULT_LIMITS, ...limits };
  for (const [kind, rules] of Object.entries(resolved)) {
    if (!Array.isArray(rules)) throw new TypeError(`limits.${kind} must be a list of { points, perSeconds }`);
    for (const rule of rules as LimitRule[]) {
      if (!Number.isInteger(rule.points) || rule.points < 1 || !Number.isInteger(rule.perSeconds) || rule.perSeconds < 1) {
        throw new TypeError(`limits.${kind}: points and perSeconds must be positive whole numbers`);
      }
    }
  }
  return resolved;
}

/** The 429 of a spent limit. */
export function rateLimited(msBeforeNext: number): HttpError {
  const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new HttpError(
    429,
    'rate_limited',
    `Too many attempts; try again in ${seconds} s.`,
    { 'retry-after': String(seconds) },
    { retryAfterSeconds: seconds },
  );
}

/** A gate over `limits` on `backend`; `false` lets everything through (and says so once at creation). */
export function createLimitGate(
  limits: Partial<Limits> | false | undefined,
  backend: LimiterBackend | undefined,
  where: string,
): LimitGate {
  if (limits === false) {
    if (process.env.NODE_ENV !== 'test') {
      console.warn(`[taro-face-verify] ${where}: limits are off (limits: false): ticket floods and guesses are not bounded.`);
    }
    return { check: async () => undefined };
  }
  const resolved = resolveLimits(limits);
  const store = backend ?? createMemoryLimiter();
  const counters = new Map<LimitKind, LimitCounter[]>();
  for (const kind of Object.keys(resolved) as LimitKind[]) {
    counters.set(
      kind,
      resolved[kind].map((rule) => store.counter(`${kind}:${rule.points}/${rule.perSeconds}`, rule)),
    );
  }
  return {
    async check(kind, key) {
      if (key === undefined) return;
      for (const counter of counters.get(kind) ?? []) {
        const { overLimitMs } = await counter.consume(key);
        if (overLimitMs !== undefined) throw rateLimited(overLimitMs);
      }
    },
  };
}
