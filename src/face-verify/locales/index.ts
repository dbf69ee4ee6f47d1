import type { Locale } from '../core/types';
import { en } from './en';
import type { Messages } from './messages';
import { zhCN } from './zh-CN';

export type { Messages } from './messages';

/**
 * A locale's whole table. `flow` is the flow's namespace (the agreed shape of the per-locale tables);
 * the flow's keys stay at the top level too until every caller reads them through `flow`.
 */
export type LocaleTable = Messages & { flow: Messages };

const LOCALES: Record<Locale, LocaleTable> = { 'zh-CN': { ...zhCN, flow: zhCN }, en: { ...en, flow: en } };

/** The messages for a locale; anything but 'en' gets Chinese, the kit's default. */
export function messagesFor(locale: Locale | undefined): LocaleTable {
  return LOCALES[locale ?? 'zh-CN'] ?? LOCALES['zh-CN'];
}
