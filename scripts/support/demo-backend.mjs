/**
 * The demo backend (scripts/demo-server.ts: the kit's server handlers and the local WeChat stand-in) as a child
 * process, shared by `npm start` and the end-to-end runner's E2E_SERVER=1 mode.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { bin, ROOT } from './h5-build.mjs';

const SCRIPT = join('scripts', 'demo-server.ts');
/** How long the demo backend may take to answer its health check. */
const START_TIMEOUT_MS = 20_000;

/** True when the repository has the demo backend. */
export const hasDemoBackend = () => existsSync(join(ROOT, SCRIPT));

const running = (child) => child.exitCode === null && child.signalCode === null;

/**
 * Polls `${url}/api/health` until it answers 2xx with our token (so another program already on the port is
 * never taken for the demo backend), the child exits, or the time is up.
 */
async function waitForHealth(url, child, timeoutMs, token) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && running(child)) {
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok && (await response.json().catch(() => null))?.token === token) return true;
    } catch {
      // Not listening yet: ask again shortly.
    }
    await delay(250);
  }
  return false;
}

/**
 * Starts the demo backend on 127.0.0.1:apiPort, allowing the preview's origin on previewPort (CORS), and waits
 * until it is healthy. It runs in its own process group, so `stop()` ends it with everything it spawned.
 * Resolves with its URL, the child (to watch for an early exit) and `stop`; rejects, having stopped it, when it
 * does not become healthy.
 */
export async function startDemoBackend({ apiPort, previewPort, quiet = false }) {
  const origins = [`http://127.0.0.1:${previewPort}`, `http://localhost:${previewPort}`, process.env.CORS_ORIGINS]
    .filter(Boolean)
    .join(',');
  const token = randomBytes(16).toString('hex');
  const tsx = existsSync(bin('tsx')) ? bin('tsx') : 'npx';
  const child = spawn(tsx, tsx === 'npx' ? ['tsx', SCRIPT] : [SCRIPT], {
    cwd: ROOT,
    env: {
      ...process.env,
      API_PORT: String(apiPort),
      CORS_ORIGINS: origins,
      FV_HEALTH_TOKEN: token,
      DEMO_TENCENT_REDIRECT_URL:
        process.env.DEMO_TENCENT_REDIRECT_URL ?? `http://127.0.0.1:${previewPort}/#/pages/face-verify/index?platform=tencent`,
    },
    stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit'],
    detached: true,
  });
  const stop = () => {
    if (!running(child)) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch (error) {
      if (error.code !== 'ESRCH') throw error; // Already gone between the check and the kill.
    }
  };
  const url = `http://127.0.0.1:${apiPort}`;
  const spawned = new Promise((resolve, reject) => child.once('spawn', resolve).once('error', reject));
  try {
    await spawned;
  } catch (error) {
    throw new Error(`Could not start the demo backend (${SCRIPT}): ${error.message}`);
  }
  if (!(await waitForHealth(url, child, START_TIMEOUT_MS, token))) {
    const exited = !running(child);
    stop();
    throw new Error(
      exited
        ? `The demo backend exited before answering on ${url}/api/health (is API_PORT ${apiPort} taken? set API_PORT to another port).`
        : `The demo backend did not answer on ${url}/api/health.`,
    );
  }
  return { url, child, stop };
}
