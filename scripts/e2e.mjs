/**
 * The end-to-end suite: builds the H5 preview once (for the in-browser mock backend), serves it on a free
 * port, and runs test/e2e/*.test.mjs with Node's test runner in Debian's Chromium. Exits non-zero on any
 * failure.
 *
 *   node scripts/e2e.mjs
 *   E2E_SKIP_BUILD=1 node scripts/e2e.mjs      reuse dist/h5 when it is fresh (built after the last change)
 *   E2E_UPDATE_DOCS=1 node scripts/e2e.mjs     also copy the README screenshots into docs/screenshots/
 *   E2E_SERVER=1 node scripts/e2e.mjs          the same suite against the demo server (scripts/demo-server.ts
 *                                              on E2E_API_PORT, default 10197): the preview is built with
 *                                              FV_PREVIEW_API, so every credential goes through the real
 *                                              server checks
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM_PATH } from './chromium.mjs';
import { serveStatic } from './serve-static.mjs';
import { buildH5, DIST_H5, hasDemoServer, isH5BuildFresh, ROOT, startDemoServer, stopGroup, waitForHealth } from './start.mjs';

const E2E_DIR = join(ROOT, 'test', 'e2e');
const SCREENSHOTS = join(E2E_DIR, 'screenshots');
/** The screenshots the README shows. */
const DOC_SHOTS = { 'form-filled.png': 'page-form.png', 'capture-read-number.png': 'page-capture.png' };

async function main() {
  const started = Date.now();
  const chromium = CHROMIUM_PATH;
  if (!existsSync(chromium))
    throw new Error(`${chromium} not found: install it with \`apt-get install -y chromium\` (or set CHROMIUM_PATH).`);

  // The static server first: the demo server must know the preview's origin (CORS). It reads files per
  // request, so the build below can still replace them.
  const { server, url } = await serveStatic({ dir: DIST_H5, port: 0, log: console.error });
  let api = '';
  let demo = null;
  if (process.env.E2E_SERVER === '1') {
    if (!hasDemoServer()) throw new Error('E2E_SERVER=1 needs scripts/demo-server.ts.');
    const apiPort = Number(process.env.E2E_API_PORT ?? 10197);
    api = `http://127.0.0.1:${apiPort}`;
    demo = startDemoServer(apiPort, new URL(url).port, { quiet: true });
    if (!(await waitForHealth(api, demo, 20_000))) {
      stopGroup(demo);
      server.close();
      throw new Error(`The demo server did not answer on ${api}/api/health.`);
    }
    console.log(`Demo server at ${api}: the preview's credentials go through the real server checks.`);
  }
  try {
    if (process.env.E2E_SKIP_BUILD === '1' && isH5BuildFresh(api)) console.log('Using the existing dist/h5 (fresh).');
    else {
      console.log(`Building the H5 preview (${api ? `backend ${api}` : 'in-browser mock backend'})…`);
      await buildH5({ api, quiet: true });
      console.log(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    }
  } catch (error) {
    stopGroup(demo);
    server.close();
    throw error;
  }
  console.log(`Serving dist/h5 at ${url}`);
  const files = readdirSync(E2E_DIR)
    .filter((name) => name.endsWith('.test.mjs'))
    .sort()
    .map((name) => join(E2E_DIR, name));

  const code = await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec', ...files], {
      cwd: ROOT,
      env: { ...process.env, E2E_BASE_URL: url, E2E_API: api, CHROMIUM_PATH: chromium },
      stdio: 'inherit',
    });
    child.on('error', reject);
    child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
  });
  stopGroup(demo);
  await new Promise((resolve) => server.close(resolve));

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
