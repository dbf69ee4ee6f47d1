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
 */
import { existsSync, rmSync } from 'node:fs';
import { defineConfig, type Options } from 'tsup';

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

const SERVER_ENTRY = 'src/face-verify/server.ts';

const frontEnd: Options = {
  ...shared,
  name: 'front-end',
  entry: { index: 'src/face-verify/index.ts', mock: 'src/face-verify/mock.ts' },
  platform: 'neutral',
  target: 'es2017',
  splitting: true,
  external: FRONT_END_EXTERNALS,
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

// While the server half is still being written, build what exists (scripts/check-package.mjs reports it).
export default defineConfig(existsSync(SERVER_ENTRY) ? [frontEnd, server] : [frontEnd]);
