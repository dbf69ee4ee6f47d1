/**
 * A mini-program build split the way WeChat (and Alipay) load it: the main package is every file outside
 * the subpackage roots listed in app.json; each subpackage is the files under its root. Used by the
 * consumer proof (the kit must not reach the main package) and by `npm run bench` (what the kit adds where).
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Every file under a folder, as absolute paths. */
export function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}

/** The subpackage roots an app.json declares (`subPackages` on WeChat, `subPackages` / `subpackages` elsewhere). */
export function subpackageRoots(dist) {
  const app = JSON.parse(readFileSync(join(dist, 'app.json'), 'utf8'));
  return [...(app.subPackages ?? []), ...(app.subpackages ?? [])].map((entry) => String(entry.root).replace(/\/+$/, ''));
}

/**
 * The build's files by package.
 * @returns {{ main: string[], subpackages: Record<string, string[]> }}
 */
export function splitPackages(dist) {
  const roots = subpackageRoots(dist);
  const subpackages = Object.fromEntries(roots.map((root) => [root, []]));
  const main = [];
  for (const file of filesUnder(dist)) {
    const path = relative(dist, file).split(sep).join('/');
    const root = roots.find((r) => path.startsWith(`${r}/`));
    (root ? subpackages[root] : main).push(file);
  }
  return { main, subpackages };
}

/** Raw and gzip bytes of a set of files (each file gzipped on its own, as a download would be, and summed). */
export function sizeOf(files) {
  let bytes = 0;
  let gzip = 0;
  for (const file of files) {
    const data = readFileSync(file);
    bytes += data.length;
    gzip += gzipSync(data, { level: 9 }).length;
  }
  return { files: files.length, bytes, gzip };
}
