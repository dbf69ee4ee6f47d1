/**
 * Alipay's callback APIs (`success` / `fail` / `complete`, failures as `{ error, errorMessage }`) turned into
 * promises at one edge: settled once, a synchronous throw or a missing API typed as a DriverError.
 */
import { DriverError } from '../driver';

/** The `my` global, or Taro's object on an alipay build (it copies each key of `my`); any object with these methods. */
export type AlipayNativeObject = Partial<Record<string, unknown>>;

type Callback = (result: unknown) => void;
type CallbackApi = (params: Record<string, unknown> & { success?: Callback; fail?: Callback; complete?: Callback }) => unknown;

/** How a callback API ended: `ok` is false for `fail`, and for a lone `complete` carrying an error. */
export interface AlipaySettled {
  ok: boolean;
  result: Record<string, unknown>;
}

const asRecord = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' ? (value as Record<string, unknown>) : {};

/** The API as a function bound to its object, or null when this client has none. */
export function nativeFunction(my: AlipayNativeObject | undefined, name: string): ((...args: unknown[]) => unknown) | null {
  const fn = my?.[name];
  return typeof fn === 'function' ? (fn as (...args: unknown[]) => unknown).bind(my) : null;
}

/** Alipay's failure shape: `{ error: number, errorMessage }` (no WeChat-style errMsg). */
export const isFailureResult = (result: Record<string, unknown>): boolean => 'error' in result || 'errorMessage' in result;

/** Calls a callback-style API once and settles on the first of success / fail / complete. */
export function callAlipay(my: AlipayNativeObject | undefined, name: string, params: Record<string, unknown> = {}): Promise<AlipaySettled> {
  const fn = nativeFunction(my, name) as CallbackApi | null;
  if (!fn) return Promise.reject(new DriverError('unsupported', name));
  return new Promise<AlipaySettled>((resolve, reject) => {
    let settled = false;
    const settle = (ok: boolean) => (result: unknown) => {
      if (settled) return;
      settled = true;
      resolve({ ok, result: asRecord(result) });
    };
    try {
      const returned = fn({
        ...params,
        success: settle(true),
        fail: settle(false),
        // complete alone means the runtime skipped success/fail; Alipay marks a failure by its error fields.
        complete: (result: unknown) => settle(!isFailureResult(asRecord(result)))(result),
      });
      // Newer clients (and promisified wrappers) also return a promise that rejects on fail; the callbacks
      // already carry the outcome, so the duplicate rejection is observed here only to keep it from going unhandled.
      if (returned && typeof (returned as Promise<unknown>).then === 'function') {
        (returned as Promise<unknown>).then(undefined, () => undefined);
      }
    } catch (error) {
      if (!settled) {
        settled = true;
        reject(new DriverError('threw', name, error instanceof Error ? error.message : undefined));
      }
    }
  });
}

/** The text of a failure result, for DriverError details (Alipay's own words; never identity). */
export function failureText(result: Record<string, unknown>): string {
  const code = typeof result.error === 'number' || typeof result.error === 'string' ? `error ${String(result.error)}` : '';
  const message = typeof result.errorMessage === 'string' ? result.errorMessage : '';
  return [code, message].filter(Boolean).join(': ');
}
