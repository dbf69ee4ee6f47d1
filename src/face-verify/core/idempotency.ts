/**
 * The `Idempotency-Key` of one submission: a random value made when a capture succeeds and sent with every
 * post of that credential (the transport's own retries and `retry()` after a failed submit), so the server
 * answers a retry with the verdict of its first post. It is not a secret; it only has to be unique.
 */

/** The part of Web Crypto the key needs; mini-programs may lack it. */
export type RandomSource = { getRandomValues<T extends Uint8Array>(array: T): T } | undefined;

const KEY_BYTES = 16;
/** Random bytes are drawn in batches (a call into the platform's crypto costs more than the bytes). */
const BATCH_BYTES = KEY_BYTES * 16;
let batch = new Uint8Array(0);
let taken = 0;

const webCrypto = (): RandomSource => {
  const candidate = (globalThis as { crypto?: { getRandomValues?: unknown } }).crypto;
  return candidate && typeof candidate.getRandomValues === 'function' ? (candidate as NonNullable<RandomSource>) : undefined;
};

/**
 * 128 random bits as 32 hex digits: from `crypto.getRandomValues` where present, else from `Math.random`
 * mixed with the time (enough for uniqueness, which is all a retry needs).
 */
export function newIdempotencyKey(source: RandomSource = webCrypto(), now: number = Date.now()): string {
  let bytes: Uint8Array;
  if (source) {
    if (taken + KEY_BYTES > batch.length) {
      batch = source.getRandomValues(new Uint8Array(BATCH_BYTES));
      taken = 0;
    }
    bytes = batch.subarray(taken, (taken += KEY_BYTES));
  } else {
    bytes = new Uint8Array(KEY_BYTES);
    for (let i = 0; i < KEY_BYTES; i++) bytes[i] = Math.floor(Math.random() * 256) ^ ((now / 2 ** (8 * (i % 6))) & 0xff);
  }
  let key = '';
  for (const byte of bytes) key += (byte < 16 ? '0' : '') + byte.toString(16);
  return key;
}
