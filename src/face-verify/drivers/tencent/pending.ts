/**
 * The record that crosses the navigation to Tencent's page and back: the Idempotency-Key the submission will
 * carry, when the person left, and a digest of the BizToken (to know the token that comes back is the one this
 * tab left with). Never the token itself, never a name or an ID number.
 */
import type { SessionStore } from './browser';

/** What is stored in `sessionStorage` while the person is on Tencent's page. */
export interface PendingCapture {
  /** The format, so a later kit can refuse an older record. */
  v: 1;
  /** The Idempotency-Key every post of this verification carries. */
  key: string;
  /** When the person left, in ms (the driver's clock). */
  at: number;
  /** `sha256:<hex>` (or `fnv1a:<hex>` where Web Crypto is missing) of the BizToken. */
  token: string;
}

/** @default key of the pending record in `sessionStorage` */
export const DEFAULT_PENDING_KEY = 'taro-face-verify:tencent-pending';

const isPending = (value: unknown): value is PendingCapture => {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return record.v === 1 && typeof record.key === 'string' && typeof record.at === 'number' && typeof record.token === 'string';
};

export function writePending(storage: SessionStore, storageKey: string, record: PendingCapture): void {
  storage.setItem(storageKey, JSON.stringify(record));
}

/** Reads and removes the record (it is used once, whatever happens next); a malformed one counts as none. */
export function takePending(storage: SessionStore, storageKey: string): PendingCapture | null {
  let raw: string | null = null;
  try {
    raw = storage.getItem(storageKey);
    storage.removeItem(storageKey);
  } catch {
    return null;
  }
  if (raw === null) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    return isPending(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

/** FNV-1a over UTF-16 units, twice with different offsets: 64 bits, enough to tell two random tokens apart. */
function fnv1a(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    a = Math.imul(a ^ unit, 0x01000193) >>> 0;
    b = Math.imul(b ^ unit, 0x01000193) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

/** A digest of the BizToken: SHA-256 through Web Crypto where the page is a secure context, else FNV-1a. */
export async function digestToken(token: string): Promise<string> {
  const subtle = (globalThis as { crypto?: { subtle?: SubtleCrypto } }).crypto?.subtle;
  if (subtle && typeof TextEncoder !== 'undefined') {
    const bytes = new Uint8Array(await subtle.digest('SHA-256', new TextEncoder().encode(token)));
    return `sha256:${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
  }
  return `fnv1a:${fnv1a(token)}`;
}
