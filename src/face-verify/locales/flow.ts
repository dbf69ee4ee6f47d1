/**
 * The flow's words for a locale, without referring to every table (see known.ts): what core/ reads.
 */
import { knownLocale } from './known';
import type { FlowMessages, LocaleMessages } from './types';
import { zhCNFlow } from './zh-CN';

const warned = new Set<string>();

/**
 * The flow namespace of a table, of a named locale the build carries, or of Chinese (the default). A name the
 * build does not carry (the app never imported the table) falls back to Chinese, once with a warning that
 * says how to carry it.
 */
export function flowMessagesFor(locale: string | LocaleMessages | undefined): FlowMessages {
  if (typeof locale === 'object') return locale.flow;
  if (locale === undefined || locale === 'zh-CN') return zhCNFlow;
  const table = knownLocale(locale);
  if (table) return table.flow;
  if (!warned.has(locale)) {
    warned.add(locale);
    console.warn(
      `[taro-face-verify] locale '${locale}' is not in this build, so messages stay in Chinese: ` +
        `import its table (e.g. \`import { en } from 'taro-face-verify'\`) and pass it as \`locale: en\`.`,
    );
  }
  return zhCNFlow;
}
