/**
 * Mini-program APIs (`wx`, `my`, Taro's object) are callback-style: this turns one call into a promise at
 * the edge. A missing API rejects with DriverError('unsupported'), a throw with DriverError('threw');
 * everything else settles on the first of success / fail / complete.
 */
import { DriverError } from '../core/ports';

type Callback = (result: Record<string, unknown>) => void;
type NativeFunction = (params: Record<string, unknown> & { success?: Callback; fail?: Callback; complete?: Callback }) => unknown;
/** The native API object a driver reads (`wx`, `my`, Taro's object); any object with these methods works. */
export type NativeApi = Partial<Record<string, unknown>>;

/** How a callback-style call ended: through success (ok) or fail, with the object it was given. */
export interface Settled {
  ok: boolean;
  result: Record<string, unknown>;
}

/** The bound function, or null when the object has none by that name. */
export function nativeFunction(api: NativeApi | undefined, name: string): NativeFunction | null {
  const fn = api?.[name];
  return typeof fn === 'function' ? (fn as NativeFunction).bind(api) : null;
}

/** WeChat's rule for a lone `complete` (the runtime skipped success / fail): its errMsg ends in ':ok' or ':fail …'. */
const completedWithErrMsgOk = (result: Record<string, unknown>) => /:ok$/.test(String(result?.errMsg ?? ''));

/**
 * Calls a callback-style API once and settles on the first of success / fail / complete. `completeOk` reads a
 * lone `complete` the platform's way (WeChat's errMsg by default; Alipay marks a failure by its error fields).
 */
export function callNative(
  api: NativeApi | undefined,
  name: string,
  params: Record<string, unknown> = {},
  completeOk: (result: Record<string, unknown>) => boolean = completedWithErrMsgOk,
): Promise<Settled> {
  const fn = nativeFunction(api, name);
  if (!fn) return Promise.reject(new DriverError('unsupported', name));
  return new Promise<Settled>((resolve, reject) => {
    let settled = false;
    const settle = (ok: boolean) => (result: unknown) => {
      if (settled) return;
      settled = true;
      resolve({ ok, result: result && typeof result === 'object' ? (result as Record<string, unknown>) : {} });
    };
    try {
      const returned = fn({
        ...params,
        success: settle(true),
        fail: settle(false),
        complete: (result: Record<string, unknown>) => settle(completeOk(result && typeof result === 'object' ? result : {}))(result),
      });
      // Taro's promisified wrappers also return a promise that rejects on fail; the callbacks above already
      // carry that outcome, so the duplicate rejection is observed here only to keep it from going unhandled.
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

/** The `errMsg` of a callback result, as text. */
export const errMsgOf = (result: Record<string, unknown>) => String(result.errMsg ?? '');

/** A number from a number or a numeric string, else the fallback. */
export function numberOr(value: unknown, fallback: number | null): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  return fallback;
}
