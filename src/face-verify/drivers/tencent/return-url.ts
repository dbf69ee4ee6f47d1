/**
 * Reading and removing the BizToken Tencent appends to the RedirectUrl. Tencent adds it to the end of the
 * address, so with a hash router (`/#/pages/x/index?a=1`) it lands inside the hash: both the search and the
 * hash's query are read. Pure string work, no globals.
 */

/** The parameter names Tencent's return may use (the CN docs do not name it; `token` per Tencent's articles). */
export const DEFAULT_TOKEN_PARAMS: readonly string[] = ['token', 'BizToken'];

interface Parts {
  base: string;
  search: string;
  hashPath: string;
  hashQuery: string | null;
}

function split(href: string): Parts {
  const hashAt = href.indexOf('#');
  const beforeHash = hashAt < 0 ? href : href.slice(0, hashAt);
  const hash = hashAt < 0 ? null : href.slice(hashAt + 1);
  const queryAt = beforeHash.indexOf('?');
  const base = queryAt < 0 ? beforeHash : beforeHash.slice(0, queryAt);
  const search = queryAt < 0 ? '' : beforeHash.slice(queryAt + 1);
  if (hash === null) return { base, search, hashPath: '', hashQuery: null };
  const hashQueryAt = hash.indexOf('?');
  return hashQueryAt < 0
    ? { base, search, hashPath: hash, hashQuery: '' }
    : { base, search, hashPath: hash.slice(0, hashQueryAt), hashQuery: hash.slice(hashQueryAt + 1) };
}

const join = ({ base, search, hashPath, hashQuery }: Parts): string =>
  `${base}${search ? `?${search}` : ''}${hashQuery === null ? '' : `#${hashPath}${hashQuery ? `?${hashQuery}` : ''}`}`;

/** The first non-empty value of one of `names`, in the hash's query first (where Tencent's append lands), then the search. */
export function readReturnToken(href: string, names: readonly string[] = DEFAULT_TOKEN_PARAMS): string | null {
  const { search, hashQuery } = split(href);
  for (const query of [hashQuery ?? '', search]) {
    const params = new URLSearchParams(query);
    for (const name of names) {
      const value = params.get(name);
      if (value) return value;
    }
  }
  return null;
}

/** `href` without the parameters `names` (in the search and in the hash's query); the rest unchanged. */
export function withoutParams(href: string, names: readonly string[]): string {
  const parts = split(href);
  const strip = (query: string) => {
    const params = new URLSearchParams(query);
    if (!names.some((name) => params.has(name))) return query;
    for (const name of names) params.delete(name);
    return params.toString();
  };
  return join({ ...parts, search: strip(parts.search), hashQuery: parts.hashQuery === null ? null : strip(parts.hashQuery) });
}

/** `href` with `name=value` added where Tencent would add it: the hash's query when there is a hash, else the search. */
export function withParam(href: string, name: string, value: string): string {
  const parts = split(withoutParams(href, [name]));
  const add = (query: string) => {
    const params = new URLSearchParams(query);
    params.set(name, value);
    return params.toString();
  };
  return join(parts.hashQuery === null ? { ...parts, search: add(parts.search) } : { ...parts, hashQuery: add(parts.hashQuery) });
}
