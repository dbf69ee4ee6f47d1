/** The flow's words for a locale: what core/ reads (a name resolves against the shipped list, a table is used as given). */
import { LOCALES } from './list';
import type { FlowMessages, LocaleMessages } from './types';
import { zhCN } from './zh-CN';

/** The flow namespace of a table, of a locale the kit ships by name, or of Chinese (the default). */
export function flowMessagesFor(locale: string | LocaleMessages | undefined): FlowMessages {
  if (typeof locale === 'object') return locale.flow;
  return (LOCALES.find((table) => table.locale === locale) ?? zhCN).flow;
}
