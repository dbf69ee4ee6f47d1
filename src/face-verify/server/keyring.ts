/**
 * The key behind every digest the server keeps: HMAC-SHA256 with the app's `secret`, so a dump of a store
 * (Redis, a heap snapshot) holds nothing that can be matched against a guessed name or ID number. Without a
 * `secret`, memory stores use one random key per process; Redis stores keep one in Redis (weaker: a dump
 * holds both), with a production warning.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

/**
 * Where the key comes from. `createRedisStores` gives one shared by every instance on that Redis; handlers
 * take it with the rest of the stores (`...stores`), or make one from their `secret` option.
 */
export interface Keyring {
  /** The 32-byte key (fetched once, then kept). */
  key(): Promise<Buffer>;
}

/** A keyring over the app's secret (any string of at least 32 characters: from your config, never from code). */
export function keyringFromSecret(secret: string): Keyring {
  if (typeof secret !== 'string' || secret.length < 32) {
    throw new TypeError('secret must be a string of at least 32 characters (e.g. `openssl rand -hex 32`), kept in your config');
  }
  const key = createHash('sha256').update(`taro-face-verify:${secret}`, 'utf8').digest();
  return { key: async () => key };
}

let processKey: Buffer | undefined;
/** One random key for this process: enough for in-memory stores, which never outlive it. */
export const processKeyring: Keyring = {
  key: async () => (processKey ??= randomBytes(32)),
};

/** HMAC-SHA256 of `text` under `key`, for one `purpose` (so a digest made for one use never matches another). */
export const macHex = (key: Buffer, purpose: string, text: string): string =>
  createHmac('sha256', key).update(`${purpose}\u0000${text}`, 'utf8').digest('hex');

/**
 * Seals a value the server must read back (v2's cert_hash) with AES-256-GCM under a key derived from the
 * keyring's: at rest it is neither the value nor a digest of the identity.
 */
export function seal(key: Buffer, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', macKey(key), iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

/** Opens what {@link seal} made; undefined when it was sealed under another key or altered. */
export function unseal(key: Buffer, sealed: string): string | undefined {
  try {
    const raw = Buffer.from(sealed, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', macKey(key), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

const macKey = (key: Buffer): Buffer => createHmac('sha256', key).update('taro-face-verify:seal').digest();

/** The keyring a handler uses: its `secret`, else the one its stores carry, else this process's. */
export function resolveKeyring(
  options: { secret?: string | undefined; keyring?: Keyring | undefined },
  ...fallbacks: Array<Keyring | undefined>
): Keyring {
  if (options.secret !== undefined) return keyringFromSecret(options.secret);
  return options.keyring ?? fallbacks.find((keyring) => keyring !== undefined) ?? processKeyring;
}
