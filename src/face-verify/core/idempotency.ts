/**
 * The `Idempotency-Key` of one submission: a random value made when a capture succeeds and sent with every
 * post of that credential (the transport's own retries and `retry()` after a failed submit), so the server
 * answers a retry with the verdict of its first post. It is not a secret; it only has to be unique.
 */

/** The part of Web Crypto the key needs; mini-programs may lack it. */
export type RandomSource = { getRandomValues<T extends Uint8Array>(array: T): T } | undefined;

const webCrypto = (): RandomSource => {
  const candidate = (globalThis as { crypto?: { getRandomValues?: unknown } }).crypto;
  return candidate && typeof candidate.getRandomValues === 'function' ? (candidate as NonNullable<RandomSource>) : undefined;
};

/**
 * 128 random bits as 32 hex digits: from `crypto.getRandomValues` where present, else from `Math.random`
 * mixed with the time (enough for uniqueness, which is all a retry needs).
 */
export function newIdempotencyKey(source: RandomSource = webCrypto(), now: number = Date.now()): string {
  const bytes = new Uint8Array(16);
  if (source) source.getRandomValues(bytes);
  else {
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256) ^ ((now / 2 ** (8 * (i % 6))) & 0xff);
  }
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
