/**
 * The page's words reach its components through context, not props: the page provides its locale's whole
 * table once, and each component reads the namespace it needs.
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { LocaleMessages } from '../../locales';
import { zhCN } from '../../locales/zh-CN';

const WordsContext = createContext<LocaleMessages>(zhCN);

/** Gives every component below the words of one locale. */
export function WordsProvider({ table, children }: { table: LocaleMessages; children: ReactNode }) {
  return <WordsContext.Provider value={table}>{children}</WordsContext.Provider>;
}

/** The locale table the page runs in (Chinese outside a provider). */
export function useWords(): LocaleMessages {
  return useContext(WordsContext);
}

const ElderlyContext = createContext(false);

/** Elder mode (适老化) for every component below: larger text and targets, one action per screen. */
export const ElderlyProvider = ElderlyContext.Provider;

/** Whether the page is in elder mode. */
export function useElderly(): boolean {
  return useContext(ElderlyContext);
}
