/**
 * Builds the demo app for WeChat (`taro build --type weapp`) and checks the output: both pages are there,
 * and none of the H5-only preview code (preview bar, simulated capture, camera) nor the Alipay driver reached the bundle.
 *
 *   node scripts/check-weapp.mjs              build, then check
 *   node scripts/check-weapp.mjs --no-build   check the existing dist/weapp
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from './start.mjs';

const DIST = join(ROOT, 'dist', 'weapp');
/** Strings that exist only in the H5-only preview files: none may appear in a mini-program bundle. */
const H5_ONLY = ['getUserMedia', 'fv-preview-bar', '预览模式 · 模拟数据', '模拟采集 · 非真实核验', 'fv-capture'];
/** The Alipay driver's own names (check-alipay.mjs proves they are in the alipay bundle): none may be here. */
const ALIPAY_ONLY = ['startAPVerify', 'isIDE', 'capture:6001'];
/** The page itself must be in the bundle (its start button's id). */
const PAGE_MARKER = 'fv-start';
const REQUIRED = [
  'app.js',
  'app.json',
  'pages/face-verify/index.js',
  'pages/face-verify/index.json',
  'pages/index/index.js',
  'pages/index/index.json',
];

function build() {
  return new Promise((resolve, reject) => {
    const child = spawn(join(ROOT, 'node_modules', '.bin', 'taro'), ['build', '--type', 'weapp'], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`taro build --type weapp failed (exit code ${code}):\n${output.slice(-4000)}`)),
    );
  });
}

/** The minifier writes non-ASCII as \uXXXX escapes: look for both spellings. */
const spellings = (text) => [text, text.replace(/[^ -~\t\n\r]/gu, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)];

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

async function main() {
  const started = Date.now();
  if (!process.argv.includes('--no-build')) await build();
  const problems = [];
  for (const file of REQUIRED) if (!existsSync(join(DIST, file))) problems.push(`missing ${file}`);
  const pages = existsSync(join(DIST, 'app.json')) ? (JSON.parse(readFileSync(join(DIST, 'app.json'), 'utf8')).pages ?? []) : [];
  if (!pages.includes('pages/face-verify/index')) problems.push('app.json does not list pages/face-verify/index');
  const pageFiles = existsSync(join(DIST, 'pages', 'face-verify')) ? readdirSync(join(DIST, 'pages', 'face-verify')) : [];
  if (!pageFiles.some((name) => /^index\.(wxml|js)$/.test(name))) problems.push('no pages/face-verify/index.* in the output');

  const scripts = existsSync(DIST) ? filesUnder(DIST).filter((file) => file.endsWith('.js')) : [];
  let bytes = 0;
  let pageFound = false;
  for (const file of scripts) {
    const text = readFileSync(file, 'utf8');
    bytes += Buffer.byteLength(text);
    pageFound ||= text.includes(PAGE_MARKER);
    for (const marker of ALIPAY_ONLY)
      if (text.includes(marker)) problems.push(`${relative(ROOT, file)} contains Alipay driver code ("${marker}")`);
    for (const marker of H5_ONLY) {
      if (spellings(marker).some((spelling) => text.includes(spelling)))
        problems.push(`${relative(ROOT, file)} contains H5-only code ("${marker}")`);
    }
  }
  if (!pageFound) problems.push(`no script contains the page ("${PAGE_MARKER}")`);

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (problems.length) {
    console.error(`weapp check FAILED (${seconds} s):\n  ${problems.join('\n  ')}`);
    process.exitCode = 1;
    return;
  }
  console.log(
    `weapp check passed in ${seconds} s: ${pageFiles.map((name) => `pages/face-verify/${name}`).join(', ')}; ${scripts.length} scripts, ${(bytes / 1024).toFixed(0)} KiB, no H5-only preview code, no Alipay driver.`,
  );
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
