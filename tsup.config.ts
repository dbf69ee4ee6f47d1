/**
 * The npm package's build (`npm run build:lib`): three public entries into lib/, each as ESM (.mjs + .d.mts)
 * and CommonJS (.js + .d.ts). lib/ is not dist/: dist/ is Taro's own output for the demo app at this root.
 *
 * Two builds, because the two halves run in different places:
 * - front end (`taro-face-verify`, `taro-face-verify/mock`): goes through the consumer's Taro build, so React,
 *   Taro and zustand stay imports, and `process.env.TARO_ENV` stays as written for Taro to replace (nothing is
 *   defined here). Code splitting is on for both formats so the two entries share one copy of each module:
 *   a `DriverError` thrown by a mock driver from `/mock` must pass `instanceof` in the flow from the root entry.
 *   Target ES2017: mini-program runtimes on older phones lack `?.`, `??` and object spread, and Taro does not
 *   transpile node_modules by default.
 * - server (`taro-face-verify/server`): Node >= 18 only, built alone so it can never pick up a front-end chunk.
 * - otel (`taro-face-verify/otel`): neutral and dependency-free (the app passes its `@opentelemetry/api` in),
 *   for Node and H5 alike; built alone, ES2017 like the front end, so it shares no chunk with either half.
 */
import { existsSync, rmSync } from 'node:fs';
import { defineConfig, type Options } from 'tsup';

type Plugin = NonNullable<Options['plugins']>[number];

const FRONT_END_EXTERNALS = [/^react($|\/)/, /^react-dom($|\/)/, /^@tarojs\//, /^zustand($|\/)/];

const shared: Options = {
  outDir: 'lib',
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: false,
  minify: false,
  treeshake: false,
  tsconfig: 'tsconfig.json',
  clean: false,
};

// tsup's own `clean` runs per build and the two builds run in parallel (one could delete the other's files),
// so lib/ is emptied once, here, when the config loads.
rmSync('lib', { recursive: true, force: true });

/**
 * One `import … from "@tarojs/taro"` per ESM output file. Taro's H5 babel plugin (transform-taroapi) rewrites
 * that import in every module it compiles, and gets it wrong when a module has two of them (a named import
 * becomes `_Taro.x` with `_Taro` never bound: a ReferenceError when the page renders). Source files each
 * have one, but bundling puts several modules' imports in one file, so they are merged here:
 * `import Taro, { useRouter } from "@tarojs/taro"`, which is how Taro apps write it themselves.
 */
const TARO_IMPORT = /^import\s+([^;'"]+?)\s+from\s+"@tarojs\/taro";[ \t]*\n?/gm;

function mergeTaroImports(code: string): string {
  const clauses = [...code.matchAll(TARO_IMPORT)].map((match) => match[1]!.trim());
  if (clauses.length < 2) return code;
  const defaults: string[] = [];
  const named: string[] = [];
  for (const clause of clauses) {
    if (clause.startsWith('*')) throw new Error(`cannot merge a namespace import of @tarojs/taro: import ${clause}`);
    const brace = clause.indexOf('{');
    const head = (brace < 0 ? clause : clause.slice(0, brace)).replace(/,\s*$/, '').trim();
    if (head) defaults.push(head);
    if (brace >= 0)
      named.push(
        ...clause
          .slice(brace + 1, clause.lastIndexOf('}'))
          .split(',')
          .map((n) => n.trim())
          .filter(Boolean),
      );
  }
  const [main, ...aliases] = defaults;
  const parts = [main, named.length ? `{ ${[...new Set(named)].join(', ')} }` : ''].filter(Boolean).join(', ');
  const merged = `import ${parts} from "@tarojs/taro";\n${aliases.map((alias) => `var ${alias} = ${main};\n`).join('')}`;
  let first = true;
  return code.replace(TARO_IMPORT, () => (first ? ((first = false), merged) : ''));
}

const singleTaroImport: Plugin = {
  name: 'single-taro-import',
  renderChunk(code) {
    return this.format === 'esm' ? { code: mergeTaroImports(code) } : undefined;
  },
};

const SERVER_ENTRY = 'src/face-verify/server.ts';

const frontEnd: Options = {
  ...shared,
  name: 'front-end',
  entry: { index: 'src/face-verify/index.ts', mock: 'src/face-verify/mock.ts' },
  platform: 'neutral',
  target: 'es2017',
  splitting: true,
  external: FRONT_END_EXTERNALS,
  plugins: [singleTaroImport],
};

const server: Options = {
  ...shared,
  name: 'server',
  entry: { server: SERVER_ENTRY },
  platform: 'node',
  target: 'node18',
  // Keep `node:crypto` as written: Node >= 18 understands it, and it marks the bundle as Node-only at a glance.
  removeNodeProtocol: false,
  splitting: false,
};

const otel: Options = {
  ...shared,
  name: 'otel',
  entry: { otel: 'src/face-verify/otel.ts' },
  platform: 'neutral',
  target: 'es2017',
  splitting: false,
};

/**
 * `taro-face-verify/taro-plugin` (Node, loaded by the app's Taro build) and the runtime file it adds to the weapp
 * app entry (`lib/taro-plugin-runtime.mjs`, found beside the plugin, compiled by the app's webpack).
 */
const taroPlugin: Options = {
  ...shared,
  name: 'taro-plugin',
  entry: { 'taro-plugin': 'src/taro-plugin/plugin.ts' },
  platform: 'node',
  target: 'node18',
  removeNodeProtocol: false,
  splitting: false,
  shims: true,
  external: [/^@tarojs\//],
};
const taroPluginRuntime: Options = {
  ...shared,
  name: 'taro-plugin-runtime',
  entry: { 'taro-plugin-runtime': 'src/taro-plugin/runtime.ts' },
  format: ['esm'],
  dts: false,
  platform: 'neutral',
  target: 'es2017',
  splitting: false,
  external: [/^@tarojs\//],
};

// While the server half is still being written, build what exists (scripts/check-package.mjs reports it).
export default defineConfig(
  existsSync(SERVER_ENTRY) ? [frontEnd, server, otel, taroPlugin, taroPluginRuntime] : [frontEnd, otel, taroPlugin, taroPluginRuntime],
);
