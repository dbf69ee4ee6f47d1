/**
 * Alipay's callback APIs (`success` / `fail` / `complete`, failures as `{ error, errorMessage }`) turned into
 * promises at one edge: settled once, a synchronous throw or a missing API typed as a DriverError.
 */
import { callNative, nativeFunction, type Settled } from '../callback';

export { nativeFunction };

/** The `my` global, or Taro's object on an alipay build (it copies each key of `my`); any object with these methods. */
export type AlipayNativeObject = Partial<Record<string, unknown>>;

/** How a callback API ended: `ok` is false for `fail`, and for a lone `complete` carrying an error. */
export type AlipaySettled = Settled;

/** Alipay's failure shape: `{ error: number, errorMessage }` (no WeChat-style errMsg). */
export const isFailureResult = (result: Record<string, unknown>): boolean => 'error' in result || 'errorMessage' in result;

/** Calls a callback-style API once and settles on the first of success / fail / complete (a lone complete fails by its error fields). */
export const callAlipay = (
  my: AlipayNativeObject | undefined,
  name: string,
  params: Record<string, unknown> = {},
): Promise<AlipaySettled> => callNative(my, name, params, (result) => !isFailureResult(result));

/** The text of a failure result, for DriverError details (Alipay's own words; never identity). */
export function failureText(result: Record<string, unknown>): string {
  const code = typeof result.error === 'number' || typeof result.error === 'string' ? `error ${String(result.error)}` : '';
  const message = typeof result.errorMessage === 'string' ? result.errorMessage : '';
  return [code, message].filter(Boolean).join(': ');
}
