/**
 * The end-to-end suite: builds the H5 preview once (for the in-browser mock backend), serves it on a free
 * port, and runs test/e2e/*.test.mjs with Node's test runner in Debian's Chromium. Exits non-zero on any
 * failure.
 *
 *   node scripts/e2e.mjs
 *   E2E_SKIP_BUILD=1 node scripts/e2e.mjs      reuse dist/h5 when it is fresh (built after the last change)
 *   E2E_UPDATE_DOCS=1 node scripts/e2e.mjs     also copy the README screenshots into docs/screenshots/
 *   E2E_ONLY=a11y,layout node scripts/e2e.mjs only the test files whose names contain one of these
 *   E2E_SERVER=1 node scripts/e2e.mjs          the same suite against the demo server (scripts/demo-server.ts
 *                                              on E2E_API_PORT, default 10197): the preview is built with
 *                                              FV_PREVIEW_API, so every credential goes through the real
 *                                              server checks
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM_PATH } from './chromium.mjs';
import { hasDemoBackend, startDemoBackend } from './support/demo-backend.mjs';
import { buildH5, DIST_H5, isH5BuildFresh, ROOT } from './support/h5-build.mjs';
import { listenStatic } from './support/static-server.mjs';

const E2E_DIR = join(ROOT, 'test', 'e2e');
const SCREENSHOTS = join(E2E_DIR, 'screenshots');
/** The screenshots the README shows. */
const DOC_SHOTS = { 'form-filled.png': 'page-form.png', 'capture-read-number.png': 'page-capture.png' };

async function main() {
  const started = Date.now();
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`${CHROMIUM_PATH} not found: install it with \`apt-get install -y chromium\` (or set CHROMIUM_PATH).`);

  // The static server listens first: the demo backend must know the preview's origin (CORS), and the build
  // must know the backend's URL. It serves dist/h5 once the build is there.
  const preview = await listenStatic({ port: 0 });
  let demo = null;
  try {
    if (process.env.E2E_SERVER === '1') {
      if (!hasDemoBackend()) throw new Error('E2E_SERVER=1 needs scripts/demo-server.ts.');
      const apiPort = Number(process.env.E2E_API_PORT ?? 10197);
      demo = await startDemoBackend({ apiPort, previewPort: new URL(preview.url).port, quiet: true });
      console.log(`Demo server at ${demo.url}: the preview's credentials go through the real server checks.`);
    }
    const api = demo?.url ?? '';
    if (process.env.E2E_SKIP_BUILD === '1' && isH5BuildFresh(api)) console.log('Using the existing dist/h5 (fresh).');
    else {
      console.log(`Building the H5 preview (${api ? `backend ${api}` : 'in-browser mock backend'})…`);
      await buildH5({ api, quiet: true });
      console.log(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    }
    preview.serve(DIST_H5);
    console.log(`Serving dist/h5 at ${preview.url}`);
    const code = await runSuite({ url: preview.url, api });
    finish(code, api, started);
  } finally {
    demo?.stop();
    await preview.close();
  }
}

/** Runs test/e2e/*.test.mjs with Node's test runner against the served preview; resolves with its exit code. */
function runSuite({ url, api }) {
  const files = readdirSync(E2E_DIR)
    .filter((name) => name.endsWith('.test.mjs'))
    .filter((name) => !process.env.E2E_ONLY || process.env.E2E_ONLY.split(',').some((part) => name.includes(part)))
    .sort()
    .map((name) => join(E2E_DIR, name));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec', ...files], {
      cwd: ROOT,
      env: { ...process.env, E2E_BASE_URL: url, E2E_API: api, CHROMIUM_PATH },
      stdio: 'inherit',
    });
    child.on('error', reject);
    child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
  });
}

/** Copies the README's screenshots when asked to, and prints the outcome. */
function finish(code, api, started) {
  if (code === 0 && process.env.E2E_UPDATE_DOCS === '1') {
    const docs = join(ROOT, 'docs', 'screenshots');
    mkdirSync(docs, { recursive: true });
    for (const [from, to] of Object.entries(DOC_SHOTS)) copyFileSync(join(SCREENSHOTS, from), join(docs, to));
    console.log(`Copied ${Object.keys(DOC_SHOTS).length} screenshots to docs/screenshots/.`);
  }
  console.log(
    `\nEnd-to-end${api ? ' (demo server)' : ''} ${code === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in test/e2e/screenshots/.`,
  );
  process.exitCode = code;
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
