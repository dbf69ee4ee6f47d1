/**
 * The two small async stores the handlers need, so Redis (or any shared store) can back several
 * instances, and their in-memory defaults with expiry. Keys are SHA-256 digests of credentials, never the
 * credentials themselves.
 */
import type { PlatformName } from '../contract';
import { sha256Hex } from './digest';
import { HttpError } from './http/errors';
import type { Keyring } from './keyring';
import type { SubjectMacs } from './subject';

/**
 * Remembers keys for a while; `claim` is an atomic "set if absent" (Redis: `SET key value NX PX ttl`).
 * `createRedisStores` gives one backed by Redis; `createMemoryOnceStore` one for a single process.
 *
 * @example
 * const { replayStore, pushSeen } = createRedisStores({ client: redis });
 */
export interface OnceStore {
  /** True the first time a key is claimed within its time to live, false after. `value` is kept with the claim. @default value '1' */
  claim(key: string, ttlSeconds: number, value?: string): Promise<boolean>;
  /** Forget a claim (WeChat could not be asked, so the same credential may be tried again); with `value`, only while the claim still holds it. */
  release(key: string, value?: string): Promise<void>;
  /** Optional: the value a claim holds. With {@link OnceStore.settle}, lets a retry with the same `Idempotency-Key` get the first verdict. */
  read?(key: string): Promise<string | undefined>;
  /** Optional: replaces the claim's value and time to live if it still holds `expected` (compare-and-set); true when it did. */
  settle?(key: string, expected: string, value: string, ttlSeconds: number): Promise<boolean>;
}

/**
 * What the ticket handler issued for one user: keyed digests of whom it is for, and nothing that names anyone
 * (no name, ID number, MD5 or SHA-256 of them, no openid in the clear).
 */
export interface IssuedTicket {
  /** WeChat's v1 / v2, or an Alipay certify id. */
  protocol: TicketKind;
  /** Whom it was issued to (HMAC digests; see `SubjectMacs`). */
  subject: SubjectMacs;
  /** v2: the cert_hash and openid queryverifyinfo needs, sealed with AES-256-GCM under the keyring's key. */
  sealed?: string;
  /** WeChat's `out_seq_no`, or Alipay's `outer_order_no` (random, issued here). */
  outSeqNo: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
  /** When it was issued (milliseconds since the epoch), for the verify handler's own age limit. */
  issuedAt: number;
}

/** What a ticket was issued for: WeChat's v1 `userIdKey`, v2 `verifyId`, or an Alipay `certifyId`. */
export type TicketKind = 'v1' | 'v2' | Exclude<PlatformName, 'wechat'>;

/**
 * Where issued tickets wait for the verify handler, keyed by a digest of the `userIdKey` / `verifyId`.
 * `createRedisStores` gives one backed by Redis.
 *
 * @example
 * const { tickets } = createRedisStores({ client: redis });
 * const ticket = createTicketHandler({ api, identity, tickets });
 */
export interface TicketStore {
  put(key: string, ticket: IssuedTicket, ttlSeconds: number): Promise<void>;
  get(key: string): Promise<IssuedTicket | undefined>;
  delete(key: string): Promise<void>;
  /**
   * Optional but needed across instances: reads and removes the ticket in one atomic step (Redis `GETDEL`), so
   * two concurrent posts of one ticket cannot both use it. Without it the handler reads, then deletes.
   */
  take?(key: string): Promise<IssuedTicket | undefined>;
  /** The key its records are digested under, when the store brings one (`createRedisStores` does: shared by every instance). */
  readonly keyring?: Keyring;
}

/** Limits of the in-memory stores (one process only; share a store such as Redis across instances). */
export interface MemoryStoreOptions {
  /** At most this many live entries: beyond, the store answers 503 (a live claim or ticket is never dropped). @default 100000 */
  maxEntries?: number;
  /** @default Date.now */
  now?: () => number;
}

/** How many writes between two sweeps of expired entries (TTLs differ, so every entry is looked at). */
const SWEEP_EVERY = 1000;

/** A memory store is full of live entries: 503, and nothing already stored is lost. */
class StoreFullError extends HttpError {
  constructor() {
    super(503, 'store_full', 'The in-memory store is full of live entries; try again shortly (or use a shared store).', {
      'retry-after': '5',
    });
  }
}

/** A map whose entries expire; expired entries are swept as new ones arrive. */
class ExpiringMap<T> {
  private sinceSweep = 0;
  private readonly entries = new Map<string, { value: T; expiresAt: number }>();
  constructor(
    private readonly maxEntries: number,
    private readonly now: () => number,
  ) {}

  get(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt > this.now()) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  set(key: string, value: T, ttlSeconds: number): void {
    this.entries.delete(key);
    this.sweep();
    // Dropping a live entry would forget an accepted credential or a user's ticket: refuse the new one instead.
    if (this.entries.size >= this.maxEntries) throw new StoreFullError();
    this.entries.set(key, { value, expiresAt: this.now() + ttlSeconds * 1000 });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  private sweep(): void {
    if (this.entries.size < this.maxEntries && this.sinceSweep++ < SWEEP_EVERY) return;
    this.sinceSweep = 0;
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }
}

/** The stores made by this module: a handler on one of them in production warns that it is per process. */
const IN_MEMORY = new WeakSet<object>();
export const isInMemoryStore = (store: object): boolean => IN_MEMORY.has(store);

/**
 * One warning at creation when a handler in production remembers replays in this process only (several
 * instances behind a load balancer would each accept a credential once).
 */
export function warnIfPerProcess(store: object, where: string): void {
  if (process.env.NODE_ENV === 'production' && isInMemoryStore(store)) {
    console.warn(
      `[taro-face-verify] ${where}: replays are only caught within this process (in-memory store). ` +
        'With several instances, pass a shared store: createRedisStores({ client }).',
    );
  }
}

/** An {@link OnceStore} in this process's memory (one per handler unless you share it). */
export function createMemoryOnceStore(options: MemoryStoreOptions = {}): OnceStore {
  const map = new ExpiringMap<string>(options.maxEntries ?? 100_000, options.now ?? Date.now);
  const store: OnceStore = {
    async claim(key, ttlSeconds, value = '1') {
      if (map.get(key) !== undefined) return false;
      map.set(key, value, ttlSeconds);
      return true;
    },
    async release(key, value) {
      if (value === undefined || map.get(key) === value) map.delete(key);
    },
    read: async (key) => map.get(key),
    async settle(key, expected, value, ttlSeconds) {
      if (map.get(key) !== expected) return false;
      map.set(key, value, ttlSeconds);
      return true;
    },
  };
  IN_MEMORY.add(store);
  return store;
}

/** A {@link TicketStore} in this process's memory. */
export function createMemoryTicketStore(options: MemoryStoreOptions = {}): TicketStore {
  const map = new ExpiringMap<IssuedTicket>(options.maxEntries ?? 100_000, options.now ?? Date.now);
  const store: TicketStore = {
    put: async (key, ticket, ttlSeconds) => map.set(key, ticket, ttlSeconds),
    get: async (key) => map.get(key),
    delete: async (key) => map.delete(key),
    async take(key) {
      const ticket = map.get(key);
      map.delete(key);
      return ticket;
    },
  };
  IN_MEMORY.add(store);
  return store;
}

/**
 * The store key for a ticket (`userIdKey` for v1, `verifyId` for v2, `certifyId` for Alipay): a digest, so a
 * dump of the store holds no usable ticket.
 */
export const ticketKey = (protocol: TicketKind, id: string): string => `tfv:ticket:${sha256Hex(`${protocol}:${id}`)}`;
