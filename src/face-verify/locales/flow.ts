/** The flow's words for a locale: what core/ reads (a name resolves against the shipped list, a table is used as given). */
import { FLOW_WORDS } from './list';
import type { FlowMessages, LocaleMessages } from './types';

/** The flow namespace of a table, of a locale the kit ships by name, or of Chinese (the default). */
export function flowMessagesFor(locale: string | LocaleMessages | undefined): FlowMessages {
  if (typeof locale === 'object') return locale.flow;
  return Object.prototype.hasOwnProperty.call(FLOW_WORDS, locale ?? '')
    ? FLOW_WORDS[locale as keyof typeof FLOW_WORDS]
    : FLOW_WORDS['zh-CN'];
}
