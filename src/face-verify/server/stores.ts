/**
 * The two small async stores the handlers need, so Redis (or any shared store) can back several
 * instances, and their in-memory defaults with expiry. Keys are SHA-256 digests of credentials, never the
 * credentials themselves.
 */
import { sha256Hex } from './digest';

/**
 * Remembers keys for a while; `claim` is an atomic "set if absent" (Redis: `SET key 1 NX EX ttl`).
 *
 * @example
 * const replayStore: OnceStore = {
 *   claim: async (key, ttlSeconds) => (await redis.set(key, '1', 'EX', ttlSeconds, 'NX')) === 'OK',
 *   release: async (key) => void (await redis.del(key)),
 * };
 */
export interface OnceStore {
  /** True the first time a key is claimed within its time to live, false after. */
  claim(key: string, ttlSeconds: number): Promise<boolean>;
  /** Forget a claim (used when WeChat could not be asked, so the user may try the same credential again). */
  release(key: string): Promise<void>;
}

/** What the ticket handler issued for one user (digests only: no name or ID number is kept). */
export interface IssuedTicket {
  protocol: 'v1' | 'v2';
  /** MD5 of the UTF-8 name, as getinfo reports it. */
  nameMd5: string;
  /** MD5 of the ID number (final X upper-case), as getinfo reports it. */
  idCardMd5: string;
  /** v2: the cert_hash queryverifyinfo needs. */
  certHash?: string;
  openid?: string;
  outSeqNo: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

/**
 * Where issued tickets wait for the verify handler, keyed by a digest of the `userIdKey` / `verifyId`.
 *
 * @example
 * const tickets: TicketStore = {
 *   put: async (key, ticket, ttl) => void (await redis.set(key, JSON.stringify(ticket), 'EX', ttl)),
 *   get: async (key) => JSON.parse((await redis.get(key)) ?? 'null') ?? undefined,
 *   delete: async (key) => void (await redis.del(key)),
 * };
 */
export interface TicketStore {
  put(key: string, ticket: IssuedTicket, ttlSeconds: number): Promise<void>;
  get(key: string): Promise<IssuedTicket | undefined>;
  delete(key: string): Promise<void>;
}

/** Limits of the in-memory stores (one process only; share a store such as Redis across instances). */
export interface MemoryStoreOptions {
  /** Oldest entries are dropped beyond this many. @default 100000 */
  maxEntries?: number;
  /** @default Date.now */
  now?: () => number;
}

/** A map whose entries expire; expired entries are swept as new ones arrive. */
class ExpiringMap<T> {
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
    this.entries.set(key, { value, expiresAt: this.now() + ttlSeconds * 1000 });
    this.sweep();
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  private sweep(): void {
    const now = this.now();
    // Entries are in insertion order; with one TTL per store that is expiry order, so stop at the first live one.
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt > now && this.entries.size <= this.maxEntries) break;
      this.entries.delete(key);
    }
  }
}

/** An {@link OnceStore} in this process's memory (one per handler unless you share it). */
export function createMemoryOnceStore(options: MemoryStoreOptions = {}): OnceStore {
  const map = new ExpiringMap<true>(options.maxEntries ?? 100_000, options.now ?? Date.now);
  return {
    async claim(key, ttlSeconds) {
      if (map.get(key)) return false;
      map.set(key, true, ttlSeconds);
      return true;
    },
    release: async (key) => map.delete(key),
  };
}

/** A {@link TicketStore} in this process's memory. */
export function createMemoryTicketStore(options: MemoryStoreOptions = {}): TicketStore {
  const map = new ExpiringMap<IssuedTicket>(options.maxEntries ?? 100_000, options.now ?? Date.now);
  return {
    put: async (key, ticket, ttlSeconds) => map.set(key, ticket, ttlSeconds),
    get: async (key) => map.get(key),
    delete: async (key) => map.delete(key),
  };
}

/** The store key for a ticket (`userIdKey` for v1, `verifyId` for v2): a digest, so a dump of the store holds no usable ticket. */
export const ticketKey = (protocol: 'v1' | 'v2', id: string): string => `tfv:ticket:${sha256Hex(`${protocol}:${id}`)}`;
