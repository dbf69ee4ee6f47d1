/** The flow's own errors, and a driver's classified failure worded in the flow's locale. */
import { flowMessagesFor } from '../locales/flow';
import type { ClassifiedFailure, FailureMessage } from './ports';
import type { ErrorKind, FaceVerifyError, FlowStep, LocaleOption, ProblemAction } from './types';

/** The kit's own error codes (not a platform's), with their classes. */
export function flowError(
  code: string,
  kind: ErrorKind,
  message: string,
  retryable: boolean,
  step: FlowStep,
  action?: ProblemAction,
): FaceVerifyError {
  return action ? { code, kind, message, retryable, step, action } : { code, kind, message, retryable, step };
}

/**
 * A platform's own words (its messages, page words, scenario labels) for a locale: Chinese for zh-CN, English for
 * every other locale, a custom one included (a platform ships these two).
 */
export function platformWordsFor<T>(words: { readonly 'zh-CN': T; readonly en: T }, locale: string | { locale: string } | undefined): T {
  const name = typeof locale === 'object' ? locale.locale : (locale ?? 'zh-CN');
  return name === 'zh-CN' ? words['zh-CN'] : words.en;
}

/** A failure's message in `locale`: the flow table's entry, or a platform's own words (English for a custom locale). */
export function wordsOf(message: FailureMessage, locale: LocaleOption | undefined): string {
  return typeof message === 'string' ? flowMessagesFor(locale).errors[message] : platformWordsFor(message, locale);
}

/** A classified failure as the user sees it: its message in `locale`, its step where a retry resumes. */
export function describeFailure(failure: ClassifiedFailure, step: FlowStep, locale: LocaleOption | undefined): FaceVerifyError {
  const error: FaceVerifyError = {
    code: failure.code,
    kind: failure.kind,
    message: wordsOf(failure.message, locale),
    retryable: failure.retryable,
    step: failure.resumeAt ?? step,
  };
  if (failure.action) error.action = failure.action;
  return error;
}
