/**
 * The H5 preview's build, shared by `npm start` (scripts/start.mjs) and the end-to-end runner
 * (scripts/e2e.mjs): `taro build --type h5` for a given backend, and whether dist/h5 is still fresh.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder. */
export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** Where `taro build --type h5` writes the preview. */
export const DIST_H5 = join(ROOT, 'dist', 'h5');
/** Written after each successful build: which backend it was built for. */
const MARKER = join(DIST_H5, '.fv-build.json');
/** What a build reads: a change to any of them makes dist/h5 stale. */
const SOURCES = ['src', 'config', 'babel.config.js', 'package.json'];

/** A binary of the repository's node_modules. */
export const bin = (name) => join(ROOT, 'node_modules', '.bin', name);

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
    return false; // A marker cut short by an interrupted build: build again.
  }
  const newestSource = Math.max(...SOURCES.map((source) => newestMtime(join(ROOT, source))));
  return marker.api === api && statSync(MARKER).mtimeMs > newestSource;
}

/**
 * Runs `taro build --type h5` with FV_PREVIEW_API = api ('' = the in-browser mock backend). `quiet` keeps the
 * build's output, and prints its last lines only when the build fails.
 */
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
