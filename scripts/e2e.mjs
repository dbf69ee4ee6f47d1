/**
 * The end-to-end suite: builds the H5 preview once (for the in-browser mock backend), serves it on a free
 * port, and runs test/e2e/*.test.mjs with Node's test runner in Debian's Chromium. Exits non-zero on any
 * failure.
 *
 *   node scripts/e2e.mjs
 *   E2E_SKIP_BUILD=1 node scripts/e2e.mjs      reuse dist/h5 when it is fresh (built after the last change)
 *   E2E_UPDATE_DOCS=1 node scripts/e2e.mjs     also copy the README screenshots into docs/screenshots/
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from './serve-static.mjs';
import { buildH5, DIST_H5, isH5BuildFresh, ROOT } from './start.mjs';

const E2E_DIR = join(ROOT, 'test', 'e2e');
const SCREENSHOTS = join(E2E_DIR, 'screenshots');
/** The screenshots the README shows. */
const DOC_SHOTS = { 'form-filled.png': 'page-form.png', 'capture-read-number.png': 'page-capture.png' };

async function main() {
  const started = Date.now();
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) throw new Error(`${chromium} not found: install it with \`apt-get install -y chromium\` (or set CHROMIUM_PATH).`);

  if (process.env.E2E_SKIP_BUILD === '1' && isH5BuildFresh('')) console.log('Using the existing dist/h5 (fresh).');
  else {
    console.log('Building the H5 preview (in-browser mock backend)…');
    await buildH5({ api: '', quiet: true });
    console.log(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  }

  const { server, url } = await serveStatic({ dir: DIST_H5, port: 0, log: console.error });
  console.log(`Serving dist/h5 at ${url}`);
  const files = readdirSync(E2E_DIR)
    .filter((name) => name.endsWith('.test.mjs'))
    .sort()
    .map((name) => join(E2E_DIR, name));

  const code = await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec', ...files], {
      cwd: ROOT,
      env: { ...process.env, E2E_BASE_URL: url, CHROMIUM_PATH: chromium },
      stdio: 'inherit',
    });
    child.on('error', reject);
    child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
  });
  await new Promise((resolve) => server.close(resolve));

  if (code === 0 && process.env.E2E_UPDATE_DOCS === '1') {
    const docs = join(ROOT, 'docs', 'screenshots');
    mkdirSync(docs, { recursive: true });
    for (const [from, to] of Object.entries(DOC_SHOTS)) copyFileSync(join(SCREENSHOTS, from), join(docs, to));
    console.log(`Copied ${Object.keys(DOC_SHOTS).length} screenshots to docs/screenshots/.`);
  }
  console.log(`\nEnd-to-end ${code === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in test/e2e/screenshots/.`);
  process.exitCode = code;
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack ?? error.message : error);
  process.exitCode = 1;
});
