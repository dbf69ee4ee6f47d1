/** The flow's words for a locale: what core/ reads (a name resolves in this build, a table is used as given). */
import { flowWordsByName } from './list';
import type { FlowMessages, LocaleMessages } from './types';

/**
 * The flow namespace of a table, of a locale this build carries by name, or of Chinese (the default, also for a
 * name the kit does not ship). Throws for a shipped name the build does not carry (see `flowWordsByName`).
 */
export function flowMessagesFor(locale: string | LocaleMessages | undefined): FlowMessages {
  if (typeof locale === 'object') return locale.flow;
  return flowWordsByName(locale ?? 'zh-CN') ?? flowWordsByName('zh-CN')!;
}
