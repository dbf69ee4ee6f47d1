import type { Locale } from '../core/types';
import { en } from './en';
import type { Messages } from './messages';
import { zhCN } from './zh-CN';

export type { Messages } from './messages';

const LOCALES: Record<Locale, Messages> = { 'zh-CN': zhCN, en };

/** The messages for a locale; anything but 'en' gets Chinese, the kit's default. */
export function messagesFor(locale: Locale | undefined): Messages {
  return LOCALES[locale ?? 'zh-CN'] ?? zhCN;
}
