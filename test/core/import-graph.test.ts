/**
 * The layers hold in the source itself: no import circle anywhere in the kit, and the core reaches no
 * platform (drivers/), no React (react/) and no server (server/). ESLint's boundary rule says the same
 * per file; this reads the whole graph, type-only imports included.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../src/face-verify');
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]|(?:^|\n)\s*import\s+['"](\.[^'"]+)['"]/g;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

function resolveImport(from: string, specifier: string): string | null {
  const base = resolve(dirname(from), specifier);
  for (const candidate of [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

const graph = new Map<string, string[]>();
for (const file of files(ROOT)) {
  const source = readFileSync(file, 'utf8');
  const targets = [...source.matchAll(IMPORT)].map((match) => resolveImport(file, (match[1] ?? match[2]) as string));
  graph.set(
    file,
    targets.filter((target): target is string => target !== null),
  );
}
const name = (file: string) => relative(ROOT, file);

describe('the import graph of src/face-verify', () => {
  it('resolves every relative import (so the checks below see the whole graph)', () => {
    expect(graph.size).toBeGreaterThan(40);
    expect([...graph.values()].flat().every((target) => graph.has(target))).toBe(true);
  });

  it('has no circle', () => {
    const circles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        circles.push([...path.slice(path.indexOf(file)), file].map(name).join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const target of graph.get(file) ?? []) visit(target, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(circles).toEqual([]);
  });

  it.each([
    ['core', ['drivers/', 'react/', 'server/', 'defaults.ts', 'index.ts', 'mock.ts', 'server.ts']],
    ['contract', ['core/', 'drivers/', 'react/', 'server/', 'locales/', 'defaults.ts']],
    ['drivers', ['react/', 'server/', 'defaults.ts', 'index.ts', 'mock.ts', 'server.ts']],
    ['server', ['core/', 'react/', 'defaults.ts', 'index.ts', 'locales/']],
    // Types of server/ and core/ only (ESLint's rule allows nothing else at run time; check:package reads the bundle).
    ['otel', ['react/', 'drivers/', 'locales/', 'defaults.ts', 'index.ts', 'mock.ts', 'server.ts']],
  ])('%s/ imports nothing from %j', (folder, forbidden) => {
    const reached = [...graph.entries()]
      .filter(([file]) => name(file).startsWith(`${folder}/`))
      .flatMap(([file, targets]) => targets.map((target) => [name(file), name(target)] as const))
      .filter(([, target]) => forbidden.some((prefix) => target === prefix || target.startsWith(prefix)));
    expect(reached).toEqual([]);
  });
});
