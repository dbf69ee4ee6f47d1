/**
 * Turns whatever alipay-sdk 4.x throws from `exec` into the kit's typed errors. The SDK is recognised by shape
 * and by its (stable, Chinese) message prefixes, since the server entry never imports it. The SDK's error is
 * dropped, cause included: its message quotes the raw answer, which can hold identity data.
 */
import { AlipaySignatureError, AlipayTransportError } from './errors';

const TIMEOUT_ERRORS = new Set(['HttpClientRequestTimeoutError', 'HttpClientConnectTimeoutError']);

/** Read by shape, not `instanceof`: Node's own errors may come from another realm (a VM context, Jest). */
function fieldOf(value: unknown, key: 'name' | 'message' | 'code'): string {
  const field = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  return typeof field === 'string' ? field : '';
}

/** The typed error for a failure of `sdk.exec(method, …, { validateSign: true })`. */
export function fromSdkError(method: string, error: unknown): AlipaySignatureError | AlipayTransportError {
  const name = fieldOf(error, 'name');
  // With validateSign on, an answer without `sign` (Alipay's unsigned error_response) reaches
  // crypto.verify(key, undefined): Node refuses the missing signature with ERR_INVALID_ARG_TYPE.
  if (name === 'TypeError' && fieldOf(error, 'code') === 'ERR_INVALID_ARG_TYPE') return new AlipaySignatureError(method, 'missing');
  if (name !== 'AlipayRequestError') return new AlipayTransportError(method, 'sdk-error');
  const message = fieldOf(error, 'message');
  if (message.startsWith('验签失败')) return new AlipaySignatureError(method, 'invalid');
  if (message.startsWith('HttpClient Request error')) {
    return new AlipayTransportError(
      method,
      TIMEOUT_ERRORS.has(fieldOf((error as { cause?: unknown }).cause, 'name')) ? 'timeout' : 'network',
    );
  }
  const status = /^HTTP 请求错误, status: (\d+)/.exec(message)?.[1];
  if (status !== undefined) return new AlipayTransportError(method, 'http-status', Number(status));
  if (message.startsWith('Response 格式错误')) return new AlipayTransportError(method, 'malformed-answer');
  return new AlipayTransportError(method, 'sdk-error');
}
