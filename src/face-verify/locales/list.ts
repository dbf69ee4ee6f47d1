/** The locales the kit ships. Adding a locale: one file that exports a `LocaleMessages` (copy en.ts), plus its line here. */
import { en } from './en';
import { zhCN } from './zh-CN';

/**
 * Every locale the kit ships, the default (`zh-CN`) first. A locale name resolves against this list in every
 * build, so `locale: 'en'` always speaks English.
 * @example
 * LOCALES.map((table) => table.locale); // ['zh-CN', 'en']
 */
export const LOCALES = [zhCN, en] as const;
