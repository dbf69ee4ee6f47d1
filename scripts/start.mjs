/**
 * `npm start`: the browser preview. Starts the demo backend (scripts/demo-server.ts, when it exists) on
 * API_PORT (default 10087), builds the H5 app with FV_PREVIEW_API pointing at it (or at nothing: the
 * in-browser mock backend), serves dist/h5 on PORT (default 10086) and prints the URL. Ctrl-C stops both.
 *
 *   npm start                 build, then serve
 *   npm start -- --no-build   serve the existing dist/h5
 *
 * Also exports the build and demo-server helpers the end-to-end runner uses.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from './serve-static.mjs';

export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const DIST_H5 = join(ROOT, 'dist', 'h5');
const MARKER = join(DIST_H5, '.fv-build.json');
const SOURCES = ['src', 'config', 'babel.config.js', 'package.json'];
const bin = (name) => join(ROOT, 'node_modules', '.bin', name);

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** True when dist/h5 was built by buildH5 after the last source change, for the same backend `api`. */
export function isH5BuildFresh(api) {
  if (!existsSync(MARKER) || !existsSync(join(DIST_H5, 'index.html'))) return false;
  let marker;
  try {
    marker = JSON.parse(readFileSync(MARKER, 'utf8'));
  } catch {
    return false;
  }
  const newestSource = Math.max(...SOURCES.map((source) => newestMtime(join(ROOT, source))));
  return marker.api === api && statSync(MARKER).mtimeMs > newestSource;
}

/** Runs `taro build --type h5` with FV_PREVIEW_API = api ('' = the in-browser mock backend). */
export function buildH5({ api = '', quiet = false } = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(bin('taro'), ['build', '--type', 'h5'], {
      cwd: ROOT,
      env: { ...process.env, FV_PREVIEW_API: api, NODE_ENV: 'production' },
      stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    });
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) {
        writeFileSync(MARKER, JSON.stringify({ api, builtAt: new Date().toISOString() }));
        resolvePromise();
      } else {
        if (quiet) process.stderr.write(output.slice(-4000));
        reject(new Error(`taro build --type h5 failed (${signal ?? `exit code ${code}`})`));
      }
    });
  });
}

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/** Polls the demo server's health endpoint until it answers, the child exits, or the time is up. */
export async function waitForHealth(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && child.exitCode === null && child.signalCode === null) {
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return true;
    } catch {
      // Not listening yet: try again shortly.
    }
    await sleep(250);
  }
  return false;
}

export const hasDemoServer = () => existsSync(join(ROOT, 'scripts', 'demo-server.ts'));

/**
 * Starts scripts/demo-server.ts on apiPort in its own process group (so it can be stopped with everything
 * it spawned), allowing the preview's origin on previewPort.
 */
export function startDemoServer(apiPort, previewPort, { quiet = false } = {}) {
  const origins = [`http://127.0.0.1:${previewPort}`, `http://localhost:${previewPort}`, process.env.CORS_ORIGINS]
    .filter(Boolean)
    .join(',');
  const tsx = existsSync(bin('tsx')) ? bin('tsx') : 'npx';
  const args = tsx === 'npx' ? ['tsx', 'scripts/demo-server.ts'] : ['scripts/demo-server.ts'];
  return spawn(tsx, args, {
    cwd: ROOT,
    env: { ...process.env, API_PORT: String(apiPort), CORS_ORIGINS: origins },
    stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit'],
    detached: true,
  });
}

/** Stops a child started with startDemoServer, and everything it spawned. */
export function stopGroup(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch (error) {
    if (error.code !== 'ESRCH') throw error;
  }
}

/** The demo server child, module-wide so a failure anywhere still stops it. */
let demo = null;

async function main() {
  const previewPort = Number(process.env.PORT ?? 10086);
  const apiPort = Number(process.env.API_PORT ?? 10087);
  const skipBuild = process.argv.includes('--no-build');
  let server = null;
  let stopping = false;

  const stop = (code = 0) => {
    if (stopping) return;
    stopping = true;
    stopGroup(demo);
    if (server) server.close(() => process.exit(code));
    else process.exit(code);
    setTimeout(() => process.exit(code), 2000).unref();
  };
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));

  let api = '';
  if (hasDemoServer()) {
    const url = `http://127.0.0.1:${apiPort}`;
    demo = startDemoServer(apiPort, previewPort);
    demo.on('exit', (code, signal) => {
      if (!stopping)
        console.error(
          `The demo server stopped (${signal ?? `exit code ${code}`}); the preview's backend calls will fail until you restart.`,
        );
    });
    if (await waitForHealth(url, demo, 20_000)) api = url;
    else {
      console.error('The demo server did not start; building the preview with the in-browser mock backend instead.');
      stopGroup(demo);
      demo = null;
    }
  } else {
    console.log('scripts/demo-server.ts not found: the preview uses the in-browser mock backend.');
  }

  if (skipBuild && existsSync(join(DIST_H5, 'index.html'))) {
    if (!isH5BuildFresh(api)) console.warn('Note: dist/h5 is older than the sources or built for another backend (npm start rebuilds it).');
  } else {
    console.log(`Building the H5 preview${api ? ` (backend ${api})` : ' (in-browser mock backend)'}…`);
    await buildH5({ api });
  }

  ({ server } = await serveStatic({ dir: DIST_H5, port: previewPort, log: console.error }));
  const base = `http://127.0.0.1:${previewPort}`;
  console.log('');
  console.log(`  Preview:   ${base}/#/pages/face-verify/index`);
  console.log(`  Scenario:  ${base}/#/pages/face-verify/index?scenario=no-front-camera   (or use the preview bar)`);
  console.log(`  English:   ${base}/#/pages/face-verify/index?locale=en`);
  console.log(`  Backend:   ${api || 'in-browser mock (no demo server)'}`);
  console.log('');
  console.log('Ctrl-C stops everything.');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    stopGroup(demo);
    process.exit(1);
  });
}
