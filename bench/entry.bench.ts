/**
 * Entry sizes by part: what a flow carries of the kit's front end, each part bundled on its own with
 * esbuild (minified, ESM, TARO_ENV=weapp unless the row names another build, NODE_ENV=production), then gzip. React, react-dom, zustand and
 * @tarojs/* are external: a Taro app has them anyway (zustand comes with the kit, ~1 KB, counted nowhere).
 *
 * Each row is (label, entry source): the source is a module in src/face-verify/, so changing what a part
 * means (e.g. importing one locale's table once the strings are split per locale) is one line here.
 *
 * Alone: `npx tsx bench/entry.bench.ts`.
 */
import { build } from 'esbuild';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

type BenchRow = { metric: string; value: string };

const root = join(__dirname, '..');
const EXTERNAL = ['react', 'react-dom', 'react-dom/*', 'react/jsx-runtime', 'zustand', 'zustand/*', '@tarojs/*'];
/** The goal for a flow in one language: core + hook + that language's messages, gzip. */
const ONE_LOCALE_GOAL_BYTES = 8 * 1024;

/** The parts, each an entry module's source (resolved from src/face-verify/). */
export const ENTRY_PARTS: ReadonlyArray<{ label: string; source: string; goalBytes?: number; taroEnv?: 'weapp' | 'alipay' | 'h5' }> = [
  {
    label: 'core (createFaceVerify + WeChat driver, and the messages it imports)',
    source: `export { createFaceVerify } from './defaults';`,
  },
  { label: 'core + hook (useFaceVerify)', source: `export { useFaceVerify } from './react/useFaceVerify';` },
  { label: 'messages zh-CN', source: `export { zhCN } from './locales/zh-CN';` },
  { label: 'messages en', source: `export { en } from './locales/en';` },
  {
    label: 'core + hook + one locale (zh-CN)',
    source: `export { useFaceVerify } from './react/useFaceVerify'; export { zhCN } from './locales/zh-CN';`,
    goalBytes: ONE_LOCALE_GOAL_BYTES,
  },
  {
    label: 'core + hook + English (the app imports en and passes it: mini-program builds carry only zh-CN by name)',
    source: `export { useFaceVerify } from './react/useFaceVerify'; export { en } from './locales/en';`,
  },
  { label: 'the whole entry (core, hook, page, both locales)', source: `export * from './index';` },
  // Per platform: what each build keeps of createFaceVerify (the default driver is folded by TARO_ENV), so a
  // platform's bundle is seen not to carry another's code.
  { label: 'core on alipay (Alipay driver)', source: `export { createFaceVerify } from './defaults';`, taroEnv: 'alipay' },
  { label: 'core on h5 (preview: mock drivers, fake backend)', source: `export { createFaceVerify } from './defaults';`, taroEnv: 'h5' },
];

const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;

/** Minified and gzipped size of one entry source. */
export async function entrySize(source: string, taroEnv = 'weapp'): Promise<{ raw: number; gzip: number }> {
  const result = await build({
    stdin: { contents: source, resolveDir: join(root, 'src', 'face-verify'), loader: 'ts', sourcefile: 'part.ts' },
    bundle: true,
    minify: true,
    // UTF-8 as Taro's production minifier (terser) writes it, not esbuild's default \uXXXX escapes.
    charset: 'utf8',
    format: 'esm',
    platform: 'browser',
    write: false,
    jsx: 'automatic',
    external: EXTERNAL,
    define: { 'process.env.TARO_ENV': JSON.stringify(taroEnv), 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  return { raw: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength };
}

export async function runEntryBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const part of ENTRY_PARTS) {
    const size = await entrySize(part.source, part.taroEnv);
    const goal = part.goalBytes ? ` (goal ≤ ${kb(part.goalBytes)}: ${size.gzip <= part.goalBytes ? 'met' : 'not met'})` : '';
    rows.push({ metric: `${part.label}, gzip (minified)`, value: `${kb(size.gzip)} (${kb(size.raw)})${goal}` });
  }
  return rows;
}

if (require.main === module) {
  runEntryBench().then(
    (rows) => {
      const width = Math.max(...rows.map((row) => row.metric.length));
      for (const row of rows) console.log(`${row.metric.padEnd(width)}  ${row.value}`);
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
