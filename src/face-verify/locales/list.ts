/**
 * The locales the kit ships. Adding a locale: one file that exports a `LocaleMessages` and its `flow` words
 * (copy en.ts), plus its entry in both lists here (the compiler asks for the second once the first is there).
 */
import * as en from './en';
import type { FlowMessages } from './types';
import * as zhCN from './zh-CN';

/**
 * Every locale the kit ships, the default (`zh-CN`) first.
 * @example
 * LOCALES.map((table) => table.locale); // ['zh-CN', 'en']
 */
export const LOCALES = [zhCN.zhCN, en.en] as const;

/** A locale the kit ships, by name: `'zh-CN'` (the default) or `'en'`. */
export type LocaleName = (typeof LOCALES)[number]['locale'];

/**
 * The flow's words of every shipped locale, by name: what a flow resolves a locale name against, in every
 * build (a bundle without the page carries these and not the page's words).
 */
export const FLOW_WORDS: Readonly<Record<LocaleName, FlowMessages>> = { 'zh-CN': zhCN.flow, en: en.flow };
