/** How the stand-in delivers pushes: signed, optionally encrypted, as XML or JSON, to a URL or a handler. */
import { randomHex } from '../../digest';
import { buildFlatXml } from '../push/flat-xml';
import { encryptPushMessage, pushSignature } from '../push/crypto';

/** How the stand-in delivers a push: plain or safe mode, XML or JSON. */
export interface PushOptions {
  /** Safe mode (`encrypt_type=aes`). @default false */
  encrypt?: boolean;
  /** @default 'xml' */
  format?: 'xml' | 'json';
  /** Unix seconds. @default now */
  timestamp?: number;
  nonce?: string;
  /** Break something on purpose: a wrong signature, or a message sealed for another appid. */
  tamper?: 'signature' | 'appid';
}

export interface PushCredentials {
  appId: string;
  pushToken: string;
  encodingAESKey: string;
  now: () => number;
}

/** Where a push goes: a URL, or a handler called in process. */
export type PushTarget = string | ((request: Request) => Promise<Response>);

const serialize = (message: Record<string, string | number>, format: 'xml' | 'json') =>
  format === 'json' ? JSON.stringify(message) : buildFlatXml(message);

/** Builds the request WeChat would send for `message` (without sending it). */
export function buildPushRequest(
  target: string,
  message: Record<string, string | number>,
  credentials: PushCredentials,
  options: PushOptions = {},
): Request {
  const format = options.format ?? 'xml';
  const timestamp = String(options.timestamp ?? Math.floor(credentials.now() / 1000));
  const nonce = options.nonce ?? randomHex(8);
  const token = options.tamper === 'signature' ? `${credentials.pushToken}-forged` : credentials.pushToken;
  const url = new URL(target);
  url.searchParams.set('signature', pushSignature(token, timestamp, nonce));
  url.searchParams.set('timestamp', timestamp);
  url.searchParams.set('nonce', nonce);
  let body = serialize(message, format);
  if (options.encrypt) {
    const appId = options.tamper === 'appid' ? 'wx00000000otherapp' : credentials.appId;
    const encrypted = encryptPushMessage(body, { appId, encodingAESKey: credentials.encodingAESKey });
    const toUser = typeof message.ToUserName === 'string' ? message.ToUserName : 'gh_mock';
    body = serialize({ ToUserName: toUser, Encrypt: encrypted }, format);
    url.searchParams.set('encrypt_type', 'aes');
    url.searchParams.set('msg_signature', pushSignature(token, timestamp, nonce, encrypted));
  }
  const contentType = format === 'json' ? 'application/json' : 'text/xml';
  return new Request(url, { method: 'POST', headers: { 'content-type': contentType }, body });
}

/** Sends a push to a URL (over HTTP) or straight to a handler; returns WeChat's view of the answer. */
export async function sendPush(target: PushTarget, request: Request): Promise<{ status: number; body: string }> {
  const response = typeof target === 'string' ? await fetch(request) : await target(request);
  return { status: response.status, body: await response.text() };
}
