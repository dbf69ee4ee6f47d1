/**
 * Package figures: what installing taro-face-verify adds to a user's mini-program, by package. The consumer
 * app in test/consumer mounts the kit's pages in a subpackage (`face/`); it is built twice per platform —
 * with the kit, and with `taro-face-verify` stubbed out (CONSUMER_WITHOUT_KIT=1) — and the outputs are
 * compared, raw and gzip (each file gzipped on its own and summed), for the main package (everything outside
 * the subpackage roots; WeChat caps it at 2 MB) and for the subpackage.
 *
 * Reuses test/consumer/dist/<platform>{,-without-kit} when they are newer than the kit's and the consumer's
 * sources; otherwise runs `node scripts/consumer-proof.mjs --weapp-only` (pack, install, both builds) first.
 *
 * Alone: `npx tsx bench/package.bench.ts`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { filesUnder, sizeOf, splitPackages, type FilesSize } from '../scripts/mini-packages.mjs';

type BenchRow = { metric: string; value: string };

/** The mini-program platforms the consumer app is built for. */
export const PLATFORMS: ReadonlyArray<{ name: string }> = [{ name: 'weapp' }, { name: 'alipay' }];
/** The kit may add at most this much to the consumer's main package. */
export const MAIN_PACKAGE_GOAL_BYTES = 2 * 1024;

const root = join(__dirname, '..');
const consumer = join(root, 'test', 'consumer');
const distOf = (platform: string, withKit: boolean) => join(consumer, 'dist', withKit ? platform : `${platform}-without-kit`);
const h5Dir = join(consumer, 'dist', 'h5');

const newest = (files: string[]) => Math.max(0, ...files.map((f) => statSync(f).mtimeMs));
const oldest = (files: string[]) => Math.min(...files.map((f) => statSync(f).mtimeMs));
const bytes = (n: number) => `${n.toLocaleString('en-US')} B`;
const signed = (n: number) => `${n >= 0 ? '+' : '−'}${Math.abs(n).toLocaleString('en-US')} B`;
const pair = (s: FilesSize) => `${bytes(s.bytes)} (gzip ${bytes(s.gzip)})`;
const added = (a: FilesSize, b: FilesSize) => `${signed(a.bytes - b.bytes)} (gzip ${signed(a.gzip - b.gzip)})`;

/** True when every platform's outputs exist and were built after the kit's and the consumer's sources last changed. */
function outputsAreFresh(): boolean {
  const dirs = PLATFORMS.flatMap(({ name }) => [distOf(name, true), distOf(name, false)]);
  if (!dirs.every((dir) => existsSync(join(dir, 'app.json')))) return false;
  const sources = [
    ...filesUnder(join(root, 'src', 'face-verify')),
    ...filesUnder(join(consumer, 'src')),
    ...filesUnder(join(consumer, 'config')),
    join(root, 'tsup.config.ts'),
    join(root, 'package.json'),
  ];
  return oldest(dirs.flatMap(filesUnder)) > newest(sources);
}

function platformRows(platform: string): BenchRow[] {
  const withKit = splitPackages(distOf(platform, true));
  const withoutKit = splitPackages(distOf(platform, false));
  const mainWith = sizeOf(withKit.main);
  const mainWithout = sizeOf(withoutKit.main);
  const mainAdded = mainWith.bytes - mainWithout.bytes;
  const rows: BenchRow[] = [
    { metric: `${platform}: main package with the kit`, value: pair(mainWith) },
    {
      metric: `${platform}: the kit adds to the main package`,
      value: `${added(mainWith, mainWithout)} (goal ≤ ${bytes(MAIN_PACKAGE_GOAL_BYTES)}: ${mainAdded <= MAIN_PACKAGE_GOAL_BYTES ? 'met' : 'not met'})`,
    },
  ];
  for (const [rootName, files] of Object.entries(withKit.subpackages)) {
    const sub = sizeOf(files);
    const subWithout = sizeOf(withoutKit.subpackages[rootName] ?? []);
    rows.push({ metric: `${platform}: subpackage ${rootName}/ with the kit`, value: pair(sub) });
    rows.push({ metric: `${platform}: the kit adds to subpackage ${rootName}/`, value: added(sub, subWithout) });
  }
  const all = sizeOf(filesUnder(distOf(platform, true)));
  const allWithout = sizeOf(filesUnder(distOf(platform, false)));
  rows.push({ metric: `${platform}: the kit adds in all (all files)`, value: added(all, allWithout) });
  const js = filesUnder(distOf(platform, true))
    .filter((f) => f.endsWith('.js'))
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
  rows.push({ metric: `${platform}: mock driver in the build`, value: js.includes('mock1.') ? 'yes (dead code there)' : 'no' });
  return rows;
}

export async function runPackageBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  let source = 'reused test/consumer/dist';
  if (!outputsAreFresh()) {
    const started = Date.now();
    const proof = spawnSync(process.execPath, [join(root, 'scripts', 'consumer-proof.mjs'), '--weapp-only'], {
      cwd: root,
      encoding: 'utf8',
    });
    if (proof.status !== 0) {
      throw new Error(`consumer build for the package bench failed:\n${(proof.stdout ?? '') + (proof.stderr ?? '')}`);
    }
    source = `built now (${((Date.now() - started) / 1000).toFixed(0)} s)`;
  }
  rows.push({ metric: 'consumer app outputs', value: source });
  for (const { name } of PLATFORMS) rows.push(...platformRows(name));

  if (existsSync(join(h5Dir, 'index.html'))) {
    const h5Js = sizeOf(filesUnder(h5Dir).filter((f) => f.endsWith('.js')));
    rows.push({ metric: 'h5 build JS with the kit (last check:consumer)', value: pair(h5Js) });
  }
  const tarball = join(root, '.tmp', 'taro-face-verify.tgz');
  if (existsSync(tarball)) rows.push({ metric: 'npm tarball', value: bytes(statSync(tarball).size) });
  return rows;
}

if (require.main === module) {
  runPackageBench().then(
    (rows) => {
      const width = Math.max(...rows.map((r) => r.metric.length));
      for (const row of rows) console.log(`${row.metric.padEnd(width)}  ${row.value}`);
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
