/**
 * Accepting each credential once, with idempotent retries. A post claims the credential's key in the replay
 * store with a "pending" record naming a digest of its `Idempotency-Key`; an accepted verdict is then settled
 * into the record (compare-and-set, so a claim that expired and was taken by another post is never
 * overwritten). Another post of the same credential gets `replayed`, unless it carries the same key AND names
 * the same subject (the fingerprint of what `expect` returned): then it gets the first post's verdict, waiting
 * (bounded) while that post is still asking the platform. The key is not a secret (it travels with the
 * credential), so a remembered verdict is given back only to the person it was given to; a request that names
 * nobody (`expect` returned `{}`) gets none back. A post that finds the credential being checked by another post
 * waits (bounded) for that post's outcome, whoever made it: an attacker posting someone's leaked credential cannot
 * make its owner see "already used" for a result that was never accepted.
 */
import { constantTimeEqual, randomHex, sha256Hex } from './digest';
import { HttpError } from './http/errors';
import type { OnceStore } from './stores';
import { rejectionResponse } from './verdict';

/** The verdict of one guarded check: accepted with the fields of the answer, or any other answer. */
export type Outcome =
  | {
      accepted: true;
      fields: Record<string, unknown>;
      /** Gives back what the check consumed (a ticket), when the acceptance could not be recorded. */
      restore?: () => Promise<void>;
    }
  | { accepted: false; response: Response };

export interface ReplayGuardOptions {
  store: OnceStore;
  /** How long an accepted credential is remembered. */
  ttlSeconds: number;
  /** How long a claim may stay pending (a crashed instance's claim frees itself after this). */
  pendingTtlSeconds: number;
  /** How long a retry waits for the verdict of the post it repeats. */
  waitMs: number;
  /** Release failures (the answer stands; the pending claim expires by itself). */
  onError: (error: unknown) => void;
}

type ClaimRecord = { s: 'pending'; o: string; k: string; f?: string } | { s: 'done'; k: string; f?: string; v: Record<string, unknown> };

const POLL_MS = 50;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function parseRecord(raw: string): ClaimRecord | undefined {
  try {
    const value = JSON.parse(raw) as ClaimRecord;
    return typeof value === 'object' && value !== null && typeof value.k === 'string' ? value : undefined;
  } catch {
    return undefined; // a claim made by an older version of the kit ('1'): another post's
  }
}

/** Guards checks so each credential is accepted once; see the module comment. */
export function createReplayGuard(options: ReplayGuardOptions) {
  const { store } = options;
  const canSettle = store.settle !== undefined && store.read !== undefined;

  type Claim =
    { kind: 'claimed'; value: string; k: string; f: string } | { kind: 'settled'; fields: Record<string, unknown> } | { kind: 'replayed' };

  async function claim(key: string, idempotencyKey: string | undefined, fingerprint: string | undefined): Promise<Claim> {
    // Without a subject to bind it to, the key is worthless: no verdict is remembered for it.
    const k = idempotencyKey === undefined || fingerprint === undefined ? '' : sha256Hex(`idempotency:${idempotencyKey}`);
    const f = fingerprint ?? '';
    const value = JSON.stringify({ s: 'pending', o: randomHex(8), k, f });
    // Without compare-and-set the claim itself is the record of acceptance, so it lives as long as one.
    const ttl = canSettle ? options.pendingTtlSeconds : options.ttlSeconds;
    const waitUntil = Date.now() + options.waitMs;
    for (;;) {
      if (await store.claim(key, ttl, value)) return { kind: 'claimed', value, k, f };
      if (!canSettle) return { kind: 'replayed' };
      const raw = await store.read?.(key);
      if (raw === undefined) continue; // released (or expired) meanwhile: claim again
      const record = parseRecord(raw);
      if (record === undefined) return { kind: 'replayed' };
      if (record.s === 'done') {
        // Both must match: the same retry (key) from the same person (fingerprint); the two are compared in full.
        const sameKey = constantTimeEqual(record.k, k);
        const samePerson = constantTimeEqual(record.f ?? '', f);
        return k !== '' && sameKey && samePerson ? { kind: 'settled', fields: record.v } : { kind: 'replayed' };
      }
      // Someone is checking this credential right now. Whoever it is, their post may yet fail (someone else's
      // ticket, an outage) and release it: wait for the outcome instead of calling unused "already used".
      if (Date.now() + POLL_MS > waitUntil) {
        throw new HttpError(503, 'verification_pending', 'This submission is still being checked; retry shortly.', { 'retry-after': '1' });
      }
      await sleep(POLL_MS);
    }
  }

  /**
   * Claims `key` for `check` on behalf of the subject `fingerprint`, records an accepted verdict (for retries with the same idempotency key) and
   * releases the claim otherwise, so a credential whose check failed can be checked again.
   */
  async function guard(
    key: string,
    idempotencyKey: string | undefined,
    fingerprint: string | undefined,
    check: () => Promise<Outcome>,
  ): Promise<Outcome> {
    const claimed = await claim(key, idempotencyKey, fingerprint);
    if (claimed.kind === 'settled') return { accepted: true, fields: claimed.fields };
    if (claimed.kind === 'replayed') return { accepted: false, response: replayedResponse() };
    let kept = false;
    try {
      const outcome = await check();
      if (!outcome.accepted) return outcome;
      if (canSettle) {
        const done = JSON.stringify({ s: 'done', k: claimed.k, f: claimed.f, v: outcome.fields });
        // Acceptance counts only once it is recorded: a lost claim is another post's credential now. A record
        // that failed (or answered too late) gives back what the check took, so the user's retry still works.
        let settled: boolean;
        try {
          settled = (await store.settle?.(key, claimed.value, done, options.ttlSeconds)) === true;
        } catch (error) {
          await outcome.restore?.().catch(options.onError);
          throw error;
        }
        if (!settled) {
          await outcome.restore?.().catch(options.onError);
          return { accepted: false, response: replayedResponse() };
        }
      }
      kept = true;
      return outcome;
    } finally {
      if (!kept) await store.release(key, claimed.value).catch(options.onError);
    }
  }

  return guard;
}

const replayedResponse = (): Response => rejectionResponse({ problems: ['replayed'] });
