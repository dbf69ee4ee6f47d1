/**
 * The locales the kit ships. Adding a locale: one file that exports a `LocaleMessages` and its `flow` words
 * (copy en.ts), plus its entry in the lists here (the compiler asks for the others once the first is there).
 */
import * as en from './en';
import type { FlowMessages, LocaleMessages } from './types';
import * as zhCN from './zh-CN';

/**
 * Every locale the kit ships, the default (`zh-CN`) first. Importing this list carries every table into a
 * bundle; a flow or page that is given a name resolves only the tables its build carries by name.
 * @example
 * LOCALES.map((table) => table.locale); // ['zh-CN', 'en']
 */
export const LOCALES = [zhCN.zhCN, en.en] as const;

/** A locale the kit ships, by name: `'zh-CN'` (the default) or `'en'`. */
export type LocaleName = (typeof LOCALES)[number]['locale'];

/**
 * What a name resolves to in this build. A mini-program build (weapp, alipay) carries Chinese only by name, so
 * an app in one language carries one: another language is imported and passed as a table (`locale: en`), which
 * works in every build. H5 (the preview's `locale` parameter) and Node resolve every shipped name. Two lists, so
 * a flow without the page carries the flow's words only; each check written out (not behind a helper) so the
 * bundler folds it and drops the other tables.
 */
const NAMED_FLOWS: Readonly<Partial<Record<LocaleName, FlowMessages>>> =
  process.env.TARO_ENV === 'weapp' || process.env.TARO_ENV === 'alipay' ? { 'zh-CN': zhCN.flow } : { 'zh-CN': zhCN.flow, en: en.flow };
const NAMED_TABLES: ReadonlyArray<LocaleMessages> =
  process.env.TARO_ENV === 'weapp' || process.env.TARO_ENV === 'alipay' ? [zhCN.zhCN] : [zhCN.zhCN, en.en];

/** Every name the kit ships (cheap to carry: names only), to tell "not in this build" from "not a locale". */
const SHIPPED_NAMES: ReadonlyArray<string> = ['zh-CN', 'en'] satisfies LocaleName[];

/** The whole table of a name this build carries (H5: every shipped locale; mini-programs: Chinese), else null. @internal */
export const carriedByName = (name: string): LocaleMessages | null => NAMED_TABLES.find((table) => table.locale === name) ?? null;

/** A name of a locale the kit ships, whether or not this build carries it by name. @internal */
export const isShippedName = (name: string): boolean => SHIPPED_NAMES.includes(name);

/** Throws, with the fix, for a name the kit ships that this build does not carry by name (`'en'` on a mini-program). */
function notCarried(name: string): null {
  if (!isShippedName(name)) return null;
  throw new Error(
    `taro-face-verify: locale '${name}' is not carried by name in a mini-program build (so a bundle holds only the languages it uses). ` +
      `Pass its table instead: import the kit's \`en\` export, then locale: en (the flow) or ui={{ locale: en }} (the page).`,
  );
}

/** The whole table of a name, in this build; null for a name the kit does not ship. @internal */
export const tableByName = (name: string): LocaleMessages | null => carriedByName(name) ?? notCarried(name);

/** The flow's words of a name, in this build; null for a name the kit does not ship. @internal */
export const flowWordsByName = (name: string): FlowMessages | null =>
  (Object.prototype.hasOwnProperty.call(NAMED_FLOWS, name) ? NAMED_FLOWS[name as LocaleName] : undefined) ?? notCarried(name);
