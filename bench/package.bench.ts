/**
 * Package figures: what installing taro-face-verify adds to a user's weapp build. The consumer app in
 * test/consumer is built twice for weapp — once with the kit, once with `taro-face-verify` stubbed out
 * (CONSUMER_WITHOUT_KIT=1) — and the outputs are compared, raw and gzip (each file gzipped on its own and
 * summed). Reuses test/consumer/dist/weapp{,-without-kit} when they are newer than the kit's source;
 * otherwise runs `node scripts/consumer-proof.mjs --weapp-only` (pack, install, both builds) first.
 *
 * Alone: `npx tsx bench/package.bench.ts`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

type BenchRow = { metric: string; value: string };

const root = join(__dirname, '..');
const consumer = join(root, 'test', 'consumer');
const withKitDir = join(consumer, 'dist', 'weapp');
const withoutKitDir = join(consumer, 'dist', 'weapp-without-kit');
const h5Dir = join(consumer, 'dist', 'h5');

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}

interface Size {
  files: number;
  bytes: number;
  gzip: number;
}

function sizeOf(files: string[]): Size {
  let bytes = 0;
  let gzip = 0;
  for (const file of files) {
    const data = readFileSync(file);
    bytes += data.length;
    gzip += gzipSync(data, { level: 9 }).length;
  }
  return { files: files.length, bytes, gzip };
}

const newest = (files: string[]) => Math.max(0, ...files.map((f) => statSync(f).mtimeMs));
const oldest = (files: string[]) => Math.min(...files.map((f) => statSync(f).mtimeMs));
const bytes = (n: number) => `${n.toLocaleString('en-US')} B`;
const signed = (n: number) => `${n >= 0 ? '+' : '−'}${Math.abs(n).toLocaleString('en-US')} B`;
const pair = (s: Size) => `${bytes(s.bytes)} (gzip ${bytes(s.gzip)})`;

/** True when both weapp outputs exist and were built after the kit's source last changed. */
function outputsAreFresh(): boolean {
  const outputs = [...filesUnder(withKitDir), ...filesUnder(withoutKitDir)];
  if (!existsSync(join(withKitDir, 'app.json')) || !existsSync(join(withoutKitDir, 'app.json'))) return false;
  const sources = [...filesUnder(join(root, 'src', 'face-verify')), join(root, 'tsup.config.ts'), join(root, 'package.json')];
  return oldest(outputs) > newest(sources);
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

  const withKit = sizeOf(filesUnder(withKitDir));
  const withoutKit = sizeOf(filesUnder(withoutKitDir));
  const jsOf = (dir: string) => sizeOf(filesUnder(dir).filter((f) => f.endsWith('.js')));
  const withKitJs = jsOf(withKitDir);
  const withoutKitJs = jsOf(withoutKitDir);

  rows.push({ metric: 'consumer weapp outputs', value: source });
  rows.push({ metric: 'weapp build with the kit', value: pair(withKit) });
  rows.push({ metric: 'weapp build without the kit', value: pair(withoutKit) });
  rows.push({
    metric: 'added by the kit (weapp, all files)',
    value: `${signed(withKit.bytes - withoutKit.bytes)} (gzip ${signed(withKit.gzip - withoutKit.gzip)})`,
  });
  rows.push({
    metric: 'added by the kit (weapp, .js only)',
    value: `${signed(withKitJs.bytes - withoutKitJs.bytes)} (gzip ${signed(withKitJs.gzip - withoutKitJs.gzip)})`,
  });

  const weappJs = filesUnder(withKitDir)
    .filter((f) => f.endsWith('.js'))
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
  rows.push({ metric: 'mock driver in the weapp build', value: weappJs.includes('mock1.') ? 'yes (dead code on weapp)' : 'no' });

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
