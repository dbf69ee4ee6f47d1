/**
 * One v2 gateway call: the app's alipay-sdk signs the request (`sdkExecute`), the kit posts it with `fetch`
 * and reads the answer text itself. alipay-sdk's own `exec` verifies the first `…_response` node in the text
 * while `JSON.parse` hands back the last, so the kit never lets the SDK read an answer: it verifies and parses
 * the same characters (./signed-answer.ts).
 */
import type { KeyObject } from 'node:crypto';
import { AlipayTransportError } from './errors';
import { readSignedAnswer } from './signed-answer';
import type { AlipaySdkLike } from './sdk';

/** Alipay's documented answers are a few KiB; this bounds what a misbehaving gateway can make the server hold. */
const MAX_ANSWER_BYTES = 1024 * 1024;

/** The parameters alipay-sdk's `exec` puts in the URL; everything else (biz_content) goes in the form body. */
const URL_PARAMS: ReadonlySet<string> = new Set([
  'app_id',
  'method',
  'format',
  'charset',
  'sign_type',
  'sign',
  'timestamp',
  'version',
  'notify_url',
  'return_url',
  'auth_token',
  'app_auth_token',
  'app_cert_sn',
  'alipay_root_cert_sn',
  'ws_service_url',
]);

export interface GatewaySettings {
  sdk: AlipaySdkLike;
  gateway: URL;
  alipayPublicKey: KeyObject;
  fetch: typeof fetch;
  timeoutMs: number;
}

/** A gateway call: the verified response node of `method`, whatever its `code`. */
export type GatewayCall = (method: string, bizContent: Record<string, unknown>) => Promise<Record<string, unknown>>;

export function createGatewayCall({ sdk, gateway, alipayPublicKey, fetch, timeoutMs }: GatewaySettings): GatewayCall {
  return async (method, bizContent) => {
    let signed: URLSearchParams;
    try {
      // bizContent is already snake_case; the SDK's automatic renaming stays off so it is sent as given.
      signed = new URLSearchParams(sdk.sdkExecute(method, { bizContent }, { bizContentAutoSnakeCase: false }));
    } catch {
      throw new AlipayTransportError(method, 'sdk-error');
    }
    const url = new URL(gateway);
    const form = new URLSearchParams();
    for (const [key, value] of signed) (URL_PARAMS.has(key) ? url.searchParams : form).append(key, value);

    const signal = AbortSignal.timeout(timeoutMs);
    let response: Response;
    try {
      // redirect 'manual': a gateway that redirects answers nothing the kit can trust (and might leave TLS).
      response = await fetch(url, { method: 'POST', body: form, headers: { accept: 'application/json' }, redirect: 'manual', signal });
    } catch {
      throw new AlipayTransportError(method, signal.aborted ? 'timeout' : 'network');
    }
    if (response.status !== 200) {
      await response.body?.cancel().catch(() => undefined);
      throw new AlipayTransportError(method, 'http-status', response.status);
    }
    return readSignedAnswer(method, await answerText(method, response, signal), alipayPublicKey);
  };
}

/** The answer as UTF-8 text, at most {@link MAX_ANSWER_BYTES}. */
async function answerText(method: string, response: Response, signal: AbortSignal): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    if (response.body !== null) {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        size += chunk.byteLength;
        // Leaving the loop by a throw cancels the rest of the body.
        if (size > MAX_ANSWER_BYTES) throw new AlipayTransportError(method, 'malformed-answer');
        chunks.push(chunk);
      }
    }
  } catch (error) {
    if (error instanceof AlipayTransportError) throw error;
    throw new AlipayTransportError(method, signal.aborted ? 'timeout' : 'network');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new AlipayTransportError(method, 'malformed-answer');
  }
}
