/**
 * Builds the demo app for Alipay (`taro build --type alipay`) and checks the output: both pages are there, the
 * Alipay driver is in the bundle, and neither WeChat's face APIs nor the H5-only preview code reached it.
 * (check-weapp.mjs proves the converse: no Alipay code in the weapp bundle.)
 *
 *   node scripts/check-alipay.mjs              build, then check
 *   node scripts/check-alipay.mjs --no-build   check the existing dist/alipay
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from './start.mjs';

const DIST = join(ROOT, 'dist', 'alipay');
/** The Alipay driver's own names: `my.startAPVerify`, `my.isIDE`, a row of its outcome table. */
const ALIPAY_DRIVER = ['startAPVerify', 'isIDE', 'capture:6001'];
/** WeChat's face APIs, which only the WeChat driver (and the mock that simulates it) names. */
const WECHAT_DRIVER = ['startFacialRecognitionVerify', 'requestFacialVerify', 'checkIsSupportFacialRecognition'];
/** Strings that exist only in the H5-only preview files. */
const H5_ONLY = ['getUserMedia', 'fv-preview-bar', '预览模式 · 模拟数据', '模拟采集 · 非真实核验', 'fv-capture'];
const PAGE_MARKER = 'fv-start';
const REQUIRED = [
  'app.js',
  'app.json',
  'pages/face-verify/index.js',
  'pages/face-verify/index.axml',
  'pages/index/index.js',
  'pages/index/index.axml',
];

function build() {
  return new Promise((resolve, reject) => {
    const child = spawn(join(ROOT, 'node_modules', '.bin', 'taro'), ['build', '--type', 'alipay'], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`taro build --type alipay failed (exit code ${code}):\n${output.slice(-4000)}`)),
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

  const scripts = existsSync(DIST) ? filesUnder(DIST).filter((file) => file.endsWith('.js')) : [];
  let bytes = 0;
  let pageFound = false;
  const driverFound = new Set();
  for (const file of scripts) {
    const text = readFileSync(file, 'utf8');
    bytes += Buffer.byteLength(text);
    pageFound ||= text.includes(PAGE_MARKER);
    for (const marker of ALIPAY_DRIVER) if (text.includes(marker)) driverFound.add(marker);
    for (const marker of WECHAT_DRIVER)
      if (text.includes(marker)) problems.push(`${relative(ROOT, file)} contains WeChat driver code ("${marker}")`);
    for (const marker of H5_ONLY) {
      if (spellings(marker).some((spelling) => text.includes(spelling)))
        problems.push(`${relative(ROOT, file)} contains H5-only code ("${marker}")`);
    }
  }
  if (!pageFound) problems.push(`no script contains the page ("${PAGE_MARKER}")`);
  for (const marker of ALIPAY_DRIVER) if (!driverFound.has(marker)) problems.push(`no script contains the Alipay driver ("${marker}")`);

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (problems.length) {
    console.error(`alipay check FAILED (${seconds} s):\n  ${problems.join('\n  ')}`);
    process.exitCode = 1;
    return;
  }
  console.log(
    `alipay check passed in ${seconds} s: ${scripts.length} scripts, ${(bytes / 1024).toFixed(0)} KiB; the Alipay driver (${ALIPAY_DRIVER.join(', ')}) and no WeChat driver or H5-only preview code.`,
  );
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
