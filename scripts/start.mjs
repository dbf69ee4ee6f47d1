/**
 * `npm start`: the browser preview. Starts the demo backend (scripts/demo-server.ts, when it exists) on
 * API_PORT (default 10087), builds the H5 app with FV_PREVIEW_API pointing at it (or at nothing: the
 * in-browser mock backend), serves dist/h5 on PORT (default 10086) and prints the URL. Ctrl-C stops both.
 *
 *   npm start                 build, then serve
 *   npm start -- --no-build   serve the existing dist/h5
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasDemoBackend, startDemoBackend } from './support/demo-backend.mjs';
import { buildH5, DIST_H5, isH5BuildFresh } from './support/h5-build.mjs';
import { listenStatic } from './support/static-server.mjs';

/** The demo backend, module-wide so that a failure anywhere still stops it. */
let demo = null;
let preview = null;
let stopping = false;

function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  demo?.stop();
  setTimeout(() => process.exit(code), 2000).unref(); // An open browser tab can keep a connection alive.
  if (preview) preview.close().then(() => process.exit(code));
  else process.exit(code);
}

async function main() {
  const previewPort = Number(process.env.PORT ?? 10086);
  const apiPort = Number(process.env.API_PORT ?? 10087);
  const skipBuild = process.argv.includes('--no-build');
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));

  // Listen first: a port already taken fails here, before the build, and the build never races the server.
  try {
    preview = await listenStatic({ port: previewPort });
  } catch (error) {
    if (error?.code === 'EADDRINUSE')
      throw new Error(`Port ${previewPort} on 127.0.0.1 is in use: set PORT to another port (PORT=10090 npm start).`);
    throw error;
  }

  let api = '';
  if (hasDemoBackend()) {
    try {
      demo = await startDemoBackend({ apiPort, previewPort });
      api = demo.url;
      demo.child.on('exit', (exitCode, signal) => {
        if (!stopping)
          console.error(
            `The demo server stopped (${signal ?? `exit code ${exitCode}`}); the preview's backend calls will fail until you restart.`,
          );
      });
    } catch (error) {
      console.error(`${error.message} Building the preview with the in-browser mock backend instead.`);
    }
  } else {
    console.log('scripts/demo-server.ts not found: the preview uses the in-browser mock backend.');
  }

  if (skipBuild && existsSync(join(DIST_H5, 'index.html'))) {
    if (!isH5BuildFresh(api)) console.warn('Note: dist/h5 is older than the sources or built for another backend (npm start rebuilds it).');
  } else {
    // Quiet: webpack's progress, cache tip and size warnings say nothing a newcomer needs (a failure prints them).
    console.log(`Building the H5 preview${api ? ` (backend ${api})` : ' (in-browser mock backend)'}… (about a minute)`);
    const started = Date.now();
    await buildH5({ api, quiet: true });
    console.log(`Built in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  }

  preview.serve(DIST_H5);
  const base = `http://127.0.0.1:${previewPort}`;
  console.log('');
  console.log(`  Preview:   ${base}/#/pages/face-verify/index`);
  console.log(`  Scenario:  ${base}/#/pages/face-verify/index?scenario=no-front-camera   (or use the preview bar)`);
  console.log(`  English:   ${base}/#/pages/face-verify/index?locale=en`);
  console.log(`  Alipay:    ${base}/#/pages/face-verify/index?platform=alipay`);
  console.log(`  Elder mode: ${base}/#/pages/face-verify/index?elderly=1`);
  console.log(`  Home:      ${base}/   (every scenario, in Chinese and English)`);
  console.log(`  Backend:   ${api || 'in-browser mock (no demo server)'}`);
  console.log('');
  console.log('Ctrl-C stops everything.');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    stop(1);
  });
}
