/**
 * One format for every platform's failure table: a platform code (or a driver's own key) → how the flow
 * handles it, in the port's words (`ClassifiedFailure` without its code). WeChat's catalogue, Alipay's outcomes
 * and any further platform use this type and this lookup.
 */
import type { ClassifiedFailure } from './ports';

/** How one code is handled: kind, whether a retry can help, what helps, where a retry resumes, the message key. */
export type FailureRow = Omit<ClassifiedFailure, 'code'>;

/** A platform's failure table: every code it can meet, by code. */
export type FailureTable<Code extends string | number = string | number> = { readonly [K in Code]: FailureRow };

/** True when the table has a row for `code` (never an inherited property such as `toString`). */
export function hasFailureRow<Code extends string | number>(table: FailureTable<Code>, code: string | number): code is Code {
  return Object.prototype.hasOwnProperty.call(table, code);
}

/** The row for `code` as a classified failure reported under `reportedAs` (the code itself by default); null without one. */
export function classifyByTable<Code extends string | number>(
  table: FailureTable<Code>,
  code: string | number,
  reportedAs: string | number = code,
): ClassifiedFailure | null {
  return hasFailureRow(table, code) ? { ...table[code], code: reportedAs } : null;
}
