/**
 * The weapp build the suite runs: the demo app built for WeChat once, with a test endpoint baked in
 * (FV_PREVIEW_API), under .tmp/weapp-test/<hash of the sources>, so an unchanged tree reuses it.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
/** The backend the built demo page posts to: `${TEST_API}/api/face/verify` (tickets: /api/face/ticket). */
export const TEST_API = 'https://fv-backend.test';

const INPUTS = ['src', 'config', 'babel.config.js', 'package.json', 'package-lock.json', 'tsconfig.json'];

function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => filesUnder(join(path, name)));
}

/** A hash of everything the weapp build reads from this repository. */
function sourceHash(): string {
  const hash = createHash('sha256').update(TEST_API);
  for (const file of INPUTS.flatMap((input) => filesUnder(join(ROOT, input)))) {
    hash.update(relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/** Where the build for the current sources lives (it may not exist yet). */
export function weappBuildDir(): string {
  return join(ROOT, '.tmp', 'weapp-test', sourceHash());
}

/** Builds the demo app for weapp unless a build of the same sources is there; returns its folder. */
export function ensureWeappBuild(): { dir: string; built: boolean } {
  const dir = weappBuildDir();
  const done = join(dir, '.complete');
  if (existsSync(done)) return { dir, built: false };
  rmSync(join(ROOT, '.tmp', 'weapp-test'), { recursive: true, force: true });
  const result = spawnSync(join(ROOT, 'node_modules', '.bin', 'taro'), ['build', '--type', 'weapp'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production', FV_OUTPUT_ROOT: relative(ROOT, dir), FV_PREVIEW_API: TEST_API },
  });
  if (result.status !== 0 || !existsSync(join(dir, 'app.js'))) {
    throw new Error(`taro build --type weapp failed (exit ${result.status}):\n${`${result.stdout}${result.stderr}`.slice(-4000)}`);
  }
  writeFileSync(done, new Date().toISOString());
  return { dir, built: true };
}
