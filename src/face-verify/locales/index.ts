/**
 * The locale tables and the one lookup. Adding a locale: one file that exports a {@link LocaleMessages}
 * and its `flow` words (copy en.ts), plus its entries in list.ts (the `Locale` name type follows from the list).
 */
import { tableByName } from './list';
import type { FlowMessages, LocaleMessages } from './types';
import { zhCN } from './zh-CN';

export type { FlowMessages, LocaleMessages, PageMessages, PreviewMessages, ScenarioLabels } from './types';

/**
 * The flow namespace's shape (what `messagesFor` returned before 0.2).
 * @deprecated Use {@link FlowMessages}; `messagesFor(locale)` now returns the whole table, whose `flow` this is.
 */
export type Messages = FlowMessages;
export { en } from './en';
export { zhCN } from './zh-CN';

export { LOCALES } from './list';
export type { LocaleName } from './list';
import type { LocaleName } from './list';

/** A locale as the options take it: a name the kit ships, or a table (e.g. `en`, or your own). */
export type LocaleOption = LocaleName | LocaleMessages;

/**
 * A locale's whole table (`flow`, `page`, `preview`, `scenarios`): a table is returned as given, a name looks
 * it up, and anything else (or nothing) gets Chinese, the kit's default. A mini-program build carries Chinese
 * only by name: there `'en'` throws, with the fix (import `en` and pass the table).
 * @example
 * messagesFor('en').flow.errors.transient; // 'The system is busy. …'
 * messagesFor(undefined).page.title; // '人脸核身'
 */
export function messagesFor(locale: LocaleOption | undefined): LocaleMessages {
  if (typeof locale === 'object') return locale;
  return (typeof locale === 'string' ? tableByName(locale) : undefined) ?? zhCN;
}
