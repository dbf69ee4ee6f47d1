/**
 * WeChat message-push crypto: URL signatures, `msg_signature`, and the safe-mode AES envelope
 * (AES-256-CBC, key = base64decode(EncodingAESKey + "="), IV = the key's first 16 bytes, PKCS#7 padding to
 * 32-byte blocks, plaintext = 16 random bytes + 4-byte big-endian length + message + appid). Pure functions.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { constantTimeEqual, sha1Hex } from '../../digest';

const PAD_BLOCK = 32;

/** SHA-1 of the parts sorted and joined: `signature` (token, timestamp, nonce) and `msg_signature` (… plus Encrypt). */
export const pushSignature = (...parts: string[]): string => sha1Hex([...parts].sort().join(''));

/** Constant-time check of a push signature. */
export const verifyPushSignature = (signature: string, ...parts: string[]): boolean =>
  constantTimeEqual(pushSignature(...parts), signature.toLowerCase());

/**
 * The 32-byte AES key of an EncodingAESKey (43 characters of Base64 from the WeChat console).
 * Throws a TypeError (without the key in its message) when it is not one.
 */
export function decodeEncodingAESKey(encodingAESKey: string): Buffer {
  if (!/^[A-Za-z0-9+/]{43}$/.test(encodingAESKey)) throw new TypeError('EncodingAESKey must be 43 characters of Base64');
  const key = Buffer.from(`${encodingAESKey}=`, 'base64');
  if (key.length !== 32) throw new TypeError('EncodingAESKey must decode to 32 bytes');
  return key;
}

/** Encrypts a push message as WeChat does in safe mode; returns the Base64 `Encrypt` value. */
export function encryptPushMessage(message: string, options: { appId: string; encodingAESKey: string; random?: Buffer }): string {
  const key = decodeEncodingAESKey(options.encodingAESKey);
  const body = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length, 0);
  const plain = Buffer.concat([options.random ?? randomBytes(16), length, body, Buffer.from(options.appId, 'utf8')]);
  const padLength = PAD_BLOCK - (plain.length % PAD_BLOCK);
  const padded = Buffer.concat([plain, Buffer.alloc(padLength, padLength)]);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([cipher.update(padded), cipher.final()]).toString('base64');
}

/** A safe-mode message that cannot be decrypted: bad key, padding, length or appid. Carries no plaintext. */
export class PushDecryptError extends Error {
  override readonly name = 'PushDecryptError';
}

/**
 * Decrypts a safe-mode `Encrypt` value with the first key that yields a well-formed envelope (pass the
 * current EncodingAESKey first and the previous one during rotation). Returns the message and the appid it
 * was sealed for; the caller compares that appid. Throws {@link PushDecryptError} otherwise.
 */
export function decryptPushMessage(encrypted: string, keys: readonly Buffer[]): { message: string; appId: string } {
  const data = Buffer.from(encrypted, 'base64');
  if (data.length === 0 || data.length % 16 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(encrypted.trim())) {
    throw new PushDecryptError('Encrypt is not Base64 of whole AES blocks');
  }
  for (const key of keys) {
    const opened = open(data, key);
    if (opened) return opened;
  }
  throw new PushDecryptError('Encrypt could not be decrypted with the configured EncodingAESKey');
}

function open(data: Buffer, key: Buffer): { message: string; appId: string } | null {
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
    plain = Buffer.concat([decipher.update(data), decipher.final()]);
  } catch {
    return null;
  }
  const padLength = plain[plain.length - 1] ?? 0;
  if (padLength < 1 || padLength > PAD_BLOCK || padLength > plain.length) return null;
  for (let i = plain.length - padLength; i < plain.length; i++) if (plain[i] !== padLength) return null;
  const unpadded = plain.subarray(0, plain.length - padLength);
  if (unpadded.length < 20) return null;
  const length = unpadded.readUInt32BE(16);
  if (20 + length > unpadded.length) return null;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    return { message: decoder.decode(unpadded.subarray(20, 20 + length)), appId: decoder.decode(unpadded.subarray(20 + length)) };
  } catch {
    return null;
  }
}
