/**
 * The URL WeChat pushes messages to: URL verification (GET), plain and safe-mode messages (POST), XML or
 * JSON. Answers `success` fast, calls back once per delivery, and never lets a slow or failing callback
 * hold WeChat past a short budget.
 */
import { constantTimeEqual, sha256Hex } from '../../digest';
import { readText, requireMethod, type FetchHandler } from '../../http/io';
import { withAudit, type AuditContext, type AuditOptions } from '../../audit';
import { HttpError, logError, withErrorMapping } from '../../http/errors';
import { decodeEncodingAESKey, decryptPushMessage, PushDecryptError, verifyPushSignature } from './crypto';
import { asFaceIdentifyEvent, deliveryKey, parsePushMessage, type FaceIdentifyEvent, type PushMessage } from './message';
import { createMemoryOnceStore, warnIfPerProcess, type OnceStore } from '../../stores';

/** Options of {@link createPushHandler}: the console's push settings and the callbacks. */
export interface PushHandlerOptions extends AuditOptions {
  /** The Token set in the WeChat console's message-push settings. */
  token: string;
  /** Your appid: safe-mode messages sealed for another appid are refused. */
  appId: string;
  /** For safe mode: the EncodingAESKey, or [current, previous] while rotating it. */
  encodingAESKey?: string | readonly string[];
  /** Every message, decrypted, as an object of its fields. */
  onMessage?: (message: PushMessage) => unknown;
  /** `face_identify` events (check `verify_result` with `getVerifyInfo` + `checkVerifyInfo` before trusting it). */
  onFaceIdentify?: (event: FaceIdentifyEvent) => unknown;
  /**
   * Remembers deliveries (`out_seq_no` + `verify_result`, else FromUserName + CreateTime) and signed URLs, so
   * WeChat's retries call back once and a logged URL cannot be posted again. With several instances, pass one
   * shared store: `createRedisStores({ client }).pushSeen`. @default a fresh in-memory store for this handler
   */
  seen?: OnceStore;
  /** The same as `seen`, under the name `createRedisStores` gives it, so `...stores` can be spread in. */
  pushSeen?: OnceStore;
  /** How long deliveries are remembered; at least `maxTimestampAgeSeconds`. @default 3600 */
  seenTtlSeconds?: number;
  /**
   * Refuse requests whose `timestamp` is further than this from now, so an old signed URL is worthless.
   * `Infinity` turns the check off. @default 300
   */
  maxTimestampAgeSeconds?: number;
  /**
   * Refuse plain (unencrypted) posts. A plain post's signature covers only token, timestamp and nonce, not
   * the body, so anyone who saw one signed URL could post a body of their own. Set `false` only while moving
   * the console from plain to safe mode. @default true when `encodingAESKey` is set, else false
   */
  requireEncryption?: boolean;
  /** How long the answer waits for the callbacks before saying `success` anyway. @default 1000 */
  callbackBudgetMs?: number;
  /** A body still arriving after this long answers 408. @default 10000 */
  bodyTimeoutMs?: number;
  /** @default Date.now */
  now?: () => number;
  /** Callback failures and unexpected errors. @default one console.error line */
  onError?: (error: unknown) => void;
}

const plainText = (body: string, status = 200) => new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });

/**
 * Creates the push endpoint. Bad signature, wrong appid, a timestamp more than 5 minutes off, or (with an
 * `encodingAESKey`) a plain post → 401 and no callback; malformed requests → 400; otherwise `success`.
 *
 * @example
 * const push = createPushHandler({
 *   token: process.env.WECHAT_PUSH_TOKEN!,
 *   appId: process.env.WECHAT_APPID!,
 *   encodingAESKey: process.env.WECHAT_AES_KEY,
 *   onFaceIdentify: async (event) => queue.add('check-face', { outSeqNo: event.out_seq_no, verifyResult: event.verify_result }),
 * });
 */
export function createPushHandler(options: PushHandlerOptions): FetchHandler {
  if (typeof options.token !== 'string' || options.token === '') throw new TypeError('createPushHandler needs the push token');
  if (typeof options.appId !== 'string' || options.appId === '') throw new TypeError('createPushHandler needs the appId');
  const encodingAESKeys =
    options.encodingAESKey === undefined
      ? []
      : typeof options.encodingAESKey === 'string'
        ? [options.encodingAESKey]
        : options.encodingAESKey;
  const keys = encodingAESKeys.map(decodeEncodingAESKey);
  const seen = options.seen ?? options.pushSeen ?? createMemoryOnceStore();
  warnIfPerProcess(seen, 'createPushHandler');
  const now = options.now ?? Date.now;
  const maxAge = options.maxTimestampAgeSeconds ?? 300;
  const seenTtl = options.seenTtlSeconds ?? 3600;
  const requireEncryption = options.requireEncryption ?? keys.length > 0;
  if (!(maxAge > 0)) throw new TypeError('maxTimestampAgeSeconds must be a positive number of seconds (Infinity turns the check off)');
  // A delivery forgotten while its timestamp is still accepted could be replayed within the window.
  if (Number.isFinite(maxAge) && seenTtl < maxAge) throw new TypeError('seenTtlSeconds must be at least maxTimestampAgeSeconds');
  const onError = options.onError ?? logError('push handler');
  const budgetMs = options.callbackBudgetMs ?? 1000;
  const bodyLimits = options.bodyTimeoutMs === undefined ? {} : { timeoutMs: options.bodyTimeoutMs };
  const { token } = options;

  type Signed = { signature: string; timestamp: string; nonce: string };
  function signedParams(url: URL, names: string[]): Signed {
    const [signature, timestamp, nonce] = names.map((name) => url.searchParams.get(name));
    if (!signature || !timestamp || !nonce) throw new HttpError(400, 'missing_parameters', `Expected ${names.join(', ')} in the query.`);
    if (Number.isFinite(maxAge) && !(/^\d{1,12}$/.test(timestamp) && Math.abs(now() / 1000 - Number(timestamp)) <= maxAge)) {
      throw new HttpError(401, 'stale_timestamp', 'The timestamp is too far from now.');
    }
    return { signature, timestamp, nonce };
  }

  /** The key a signed URL is remembered under: a plain POST and a GET URL check carry the same signature. */
  const urlKeyOf = (signed: Signed) => `tfv:push-url:${sha256Hex(`${signed.signature}:${signed.timestamp}:${signed.nonce}`)}`;

  async function verifyUrl(url: URL): Promise<Response> {
    const signed = signedParams(url, ['signature', 'timestamp', 'nonce']);
    const echostr = url.searchParams.get('echostr');
    if (echostr === null) throw new HttpError(400, 'missing_parameters', 'Expected echostr in the query.');
    if (!verifyPushSignature(signed.signature, token, signed.timestamp, signed.nonce))
      throw new HttpError(401, 'bad_signature', 'The signature does not match.');
    // The URL check's signature is spent: in plain mode it would otherwise sign a POST of anyone's body.
    await seen.claim(urlKeyOf(signed), seenTtl);
    return plainText(echostr);
  }

  /** The message of a POST and the signed URL it came with; throws the answer refusing it. */
  async function readMessage(request: Request, url: URL): Promise<{ message: PushMessage; signed: Signed }> {
    const encryptType = url.searchParams.get('encrypt_type') ?? 'raw';
    if (encryptType !== 'raw' && encryptType !== 'aes')
      throw new HttpError(400, 'unsupported_encrypt_type', 'encrypt_type must be aes or raw.');
    const safe = encryptType === 'aes';
    if (!safe && requireEncryption) throw new HttpError(401, 'encryption_required', 'Only safe-mode (encrypted) messages are accepted.');
    const signed = signedParams(url, [safe ? 'msg_signature' : 'signature', 'timestamp', 'nonce']);
    if (!safe && !verifyPushSignature(signed.signature, token, signed.timestamp, signed.nonce)) {
      throw new HttpError(401, 'bad_signature', 'The signature does not match.');
    }
    const outer = parsePushMessage(await readText(request, bodyLimits));
    if (outer === null) throw new HttpError(400, 'malformed_message', 'The body must be a WeChat XML or JSON message.');
    if (!safe) return { message: outer, signed };

    const encrypted = outer.Encrypt;
    if (typeof encrypted !== 'string' || encrypted === '') throw new HttpError(400, 'missing_encrypt', 'Safe mode needs an Encrypt field.');
    if (!verifyPushSignature(signed.signature, token, signed.timestamp, signed.nonce, encrypted)) {
      throw new HttpError(401, 'bad_signature', 'The msg_signature does not match.');
    }
    if (keys.length === 0) throw new Error('A safe-mode push arrived but createPushHandler has no encodingAESKey');
    let opened: { message: string; appId: string };
    try {
      opened = decryptPushMessage(encrypted, keys);
    } catch (error) {
      if (error instanceof PushDecryptError) throw new HttpError(400, 'decrypt_failed', 'The message could not be decrypted.');
      throw error;
    }
    if (!constantTimeEqual(opened.appId, options.appId))
      throw new HttpError(401, 'appid_mismatch', 'The message was sealed for another appid.');
    const message = parsePushMessage(opened.message);
    if (message === null) throw new HttpError(400, 'malformed_message', 'The decrypted message is neither XML nor JSON.');
    return { message, signed };
  }

  /** Runs the callbacks; waits for them at most `budgetMs`, reports their errors either way. */
  async function callBack(message: PushMessage): Promise<void> {
    const event = asFaceIdentifyEvent(message);
    const calls: Array<() => unknown> = [];
    if (options.onMessage) calls.push(() => options.onMessage?.(message));
    if (event && options.onFaceIdentify) calls.push(() => options.onFaceIdentify?.(event));
    if (calls.length === 0) return;
    const settled = Promise.all(calls.map((call) => Promise.resolve().then(call).catch(onError)));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const budget = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, budgetMs);
    });
    await Promise.race([settled, budget]);
    clearTimeout(timer);
  }

  async function handle(request: Request, audit: AuditContext): Promise<Response> {
    audit.platform = 'wechat';
    audit.success = 'handled';
    const url = new URL(request.url);
    requireMethod(request, 'GET', 'POST');
    if (request.method === 'GET') return verifyUrl(url);
    const { message, signed } = await readMessage(request, url);
    // Each signed URL is used once (WeChat's retry of it is a duplicate anyway), so a logged URL is worthless,
    // and each delivery calls back once however many instances WeChat's retries reach.
    const urlKey = urlKeyOf(signed);
    const key = deliveryKey(message);
    if (!(await seen.claim(urlKey, seenTtl))) {
      audit.success = 'duplicate';
      return plainText('success');
    }
    let fresh: boolean;
    try {
      fresh = key === null || (await seen.claim(`tfv:push:${sha256Hex(key)}`, seenTtl));
    } catch (error) {
      // The delivery could not be claimed (503): free the URL too, or WeChat's retry of it would be dropped unheard.
      await seen.release(urlKey).catch(onError);
      throw error;
    }
    if (fresh) await callBack(message);
    else audit.success = 'duplicate';
    return plainText('success');
  }

  return withAudit('face_verify.push', withErrorMapping(handle, onError), options, onError);
}
