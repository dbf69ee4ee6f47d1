/**
 * The locales a build carries, for resolving a locale *name* without importing every table.
 *
 * A bundler can only drop a table nothing refers to, and a lookup by a runtime string refers to every table
 * it can return. So the flow never refers to the list: it uses the default table's flow words, a table it is
 * given, or — for a name — the tables this registry knows. `LOCALES` (index.ts) fills it through a call marked
 * pure, which a bundler drops with the list when nothing uses the list: a flow that only ever speaks Chinese
 * carries no other locale, and one that names another locale gets it wherever the list is in the build (the
 * page, the preview, `messagesFor`, `LOCALES`), or passes the table itself.
 */
import type { LocaleMessages } from './types';

let known: readonly LocaleMessages[] = [];

/** Records the build's locale list and returns it unchanged (index.ts calls it, marked pure). */
export function knownLocales<List extends readonly LocaleMessages[]>(list: List): List {
  known = list;
  return list;
}

/** The table the build carries under this name, if any. */
export function knownLocale(name: string): LocaleMessages | undefined {
  return known.find((table) => table.locale === name);
}
