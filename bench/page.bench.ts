/**
 * Page figures: what FaceVerifyPage adds to the front-end entry (esbuild, minified, gzip; React, Taro and
 * zustand external), for the weapp build (no preview code) and the H5 build (with the preview bar and the
 * simulated capture); and how many times the page renders over one successful verification in jsdom
 * (mock driver at zero latency), against the number of state changes the flow makes over the same steps.
 *
 * Alone: `npx tsx bench/page.bench.ts`.
 */
import { build, type Plugin } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FaceVerifyPage as FaceVerifyPageType } from '../src/face-verify/react/page/FaceVerifyPage';
import type { createMockDriver as createMockDriverType } from '../src/face-verify/drivers/mock/driver';
import type { createFaceVerify as createFaceVerifyType } from '../src/face-verify/defaults';

type BenchRow = { metric: string; value: string };

const root = join(__dirname, '..');
const EXTERNAL = ['react', 'react-dom', 'react-dom/*', 'react/jsx-runtime', 'zustand', 'zustand/*', '@tarojs/*'];
const PAGE_EXPORT = /^export .* from '\.\/react\/page\/[^']*';\n/m;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;

async function gzipOf(contents: string, env: 'weapp' | 'h5'): Promise<number> {
  const result = await build({
    stdin: { contents, resolveDir: join(root, 'src', 'face-verify'), loader: 'ts', sourcefile: 'entry.ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    jsx: 'automatic',
    external: EXTERNAL,
    define: { 'process.env.TARO_ENV': JSON.stringify(env), 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  return gzipSync(result.outputFiles[0]!.contents, { level: 9 }).byteLength;
}

async function sizes(): Promise<BenchRow[]> {
  const entry = readFileSync(join(root, 'src', 'face-verify', 'index.ts'), 'utf8');
  if (!PAGE_EXPORT.test(entry)) throw new Error('src/face-verify/index.ts no longer exports the page: update bench/page.bench.ts');
  const withoutPage = entry.replace(PAGE_EXPORT, '');
  const rows: BenchRow[] = [];
  for (const env of ['weapp', 'h5'] as const) {
    const core = await gzipOf(withoutPage, env);
    const full = await gzipOf(entry, env);
    rows.push(
      { metric: `${env}: front-end entry without the page, gzip`, value: kb(core) },
      { metric: `${env}: front-end entry with the page, gzip`, value: kb(full) },
      { metric: `${env}: the page adds, gzip`, value: kb(full - core) },
    );
  }
  return rows;
}

/** Taro for the render count: the page needs only the query and scrolling. */
const taroStub: Plugin = {
  name: 'taro-stub',
  setup(builder) {
    builder.onResolve({ filter: /^@tarojs\/taro$/ }, () => ({ path: 'taro', namespace: 'stub' }));
    builder.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
      contents:
        'export const useRouter = () => ({ params: {} });\n' +
        'export const pageScrollTo = () => Promise.resolve({ errMsg: "pageScrollTo:ok" });\n' +
        'export default { useRouter, pageScrollTo };\n',
      loader: 'js',
    }));
    builder.onResolve({ filter: /^@tarojs\/components$/ }, () => ({ path: join(root, 'test', 'support', 'taro-components.tsx') }));
  },
};

interface PageModule {
  FaceVerifyPage: typeof FaceVerifyPageType;
  createMockDriver: typeof createMockDriverType;
  createFaceVerify: typeof createFaceVerifyType;
}

/** The page and the flow, bundled with Taro's components as plain DOM elements (as in the Jest tests). */
async function loadPage(): Promise<PageModule> {
  const out = join(root, '.tmp', 'page-bench.cjs');
  mkdirSync(join(root, '.tmp'), { recursive: true });
  const result = await build({
    stdin: {
      contents:
        "export { FaceVerifyPage } from './src/face-verify/react/page/FaceVerifyPage';\n" +
        "export { createMockDriver } from './src/face-verify/drivers/mock/driver';\n" +
        "export { createFaceVerify } from './src/face-verify/defaults';\n",
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    write: false,
    jsx: 'automatic',
    external: ['react', 'react-dom', 'react-dom/*', 'react/jsx-runtime', 'zustand', 'zustand/*'],
    plugins: [taroStub],
    define: { 'process.env.TARO_ENV': '"weapp"' },
    logLevel: 'silent',
  });
  writeFileSync(out, result.outputFiles[0]!.contents);
  return createRequire(join(root, 'package.json'))(out) as PageModule;
}

async function renders(): Promise<BenchRow[]> {
  const { JSDOM } = await import('jsdom');
  const dom = new JSDOM('<!doctype html><html><body><div id="app"></div></body></html>', { url: 'http://localhost/' });
  const globals = globalThis as unknown as Record<string, unknown>;
  const keys = ['window', 'document', 'navigator', 'HTMLElement', 'HTMLInputElement', 'Node', 'Event', 'MutationObserver'];
  const saved = keys.map((key) => [key, Object.getOwnPropertyDescriptor(globalThis, key)] as const);
  for (const key of keys)
    Object.defineProperty(globalThis, key, {
      value: (dom.window as unknown as Record<string, unknown>)[key],
      configurable: true,
      writable: true,
    });
  globals.IS_REACT_ACT_ENVIRONMENT = false;
  try {
    const React = await import('react');
    const { createRoot } = await import('react-dom/client');
    const { FaceVerifyPage, createMockDriver, createFaceVerify } = await loadPage();
    const doc = dom.window.document;
    const wait = async (predicate: () => boolean, what: string) => {
      for (let i = 0; i < 500 && !predicate(); i++) await new Promise((resolve) => setTimeout(resolve, 2));
      if (!predicate()) throw new Error(`page bench: timed out waiting for ${what}`);
    };
    const status = () => doc.querySelector('[data-status]')?.getAttribute('data-status');
    const type = (selector: string, value: string) => {
      const input = doc.querySelector(selector) as HTMLInputElement;
      Object.getOwnPropertyDescriptor(dom.window.HTMLInputElement.prototype, 'value')!.set!.call(input, value);
      input.dispatchEvent(new dom.window.Event('input', { bubbles: true }));
    };

    // A weapp build joins no fake backend to a mock driver: the verdict comes from this endpoint.
    const accept = async () => ({ ok: true as const });
    let count = 0;
    const onRender = () => void count++;
    const element = React.createElement(
      React.Profiler,
      { id: 'page', onRender },
      React.createElement(FaceVerifyPage, { driver: createMockDriver({ latencyMs: 0, captureMs: 0 }), endpoint: accept }),
    );
    const app = createRoot(doc.getElementById('app')!);
    app.render(element);
    await wait(() => status() === 'ready', 'the form');
    const mountRenders = count;
    type('#fv-name input', '张三');
    type('#fv-id-card input', '11010519491231002X');
    await new Promise((resolve) => setTimeout(resolve, 10));
    const typingRenders = count - mountRenders;
    const beforeStart = count;
    (doc.getElementById('fv-start') as HTMLElement).click();
    await wait(() => status() === 'success', 'success');
    const flowRenders = count - beforeStart;
    app.unmount();

    // The same flow without React, counting the store's notifications over the same two phases.
    const flow = createFaceVerify({ driver: createMockDriver({ latencyMs: 0, captureMs: 0 }), endpoint: accept });
    let changes = 0;
    flow.subscribe(() => void changes++);
    await flow.getState().probe();
    const probeChanges = changes;
    await flow.getState().start({ name: '张三', idCardNumber: '11010519491231002X' });
    if (flow.getState().status !== 'success') throw new Error('page bench: the headless flow did not succeed');
    const flowChanges = changes - probeChanges;

    return [
      { metric: 'renders, mount → form (incl. first render) / flow state changes', value: `${mountRenders} / ${probeChanges}` },
      { metric: 'renders while typing name + ID (2 inputs)', value: String(typingRenders) },
      { metric: 'renders, start → success / flow state changes', value: `${flowRenders} / ${flowChanges}` },
    ];
  } finally {
    for (const [key, descriptor] of saved) {
      if (descriptor) Object.defineProperty(globalThis, key, descriptor);
      else delete globals[key];
    }
    dom.window.close();
  }
}

export async function runPageBench(): Promise<BenchRow[]> {
  return [...(await sizes()), ...(await renders())];
}

if (require.main === module) {
  runPageBench().then(
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
