/**
 * Builds the demo app for one mini-program platform and checks the output: both pages are there, the page
 * and the platform's own driver are in the bundle, and neither the other platform's driver, the Tencent (H5) driver, nor the H5-only
 * preview code (preview bar, simulated capture, camera) reached it. Each platform's bundle carries only its own.
 *
 *   node scripts/check-mini.mjs weapp|alipay              build, then check
 *   node scripts/check-mini.mjs weapp|alipay --no-build   check the existing dist/<platform>
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { bin, ROOT } from './support/h5-build.mjs';

/** WeChat's face APIs, which only the WeChat driver (and the mock that simulates it) names. */
const WECHAT_DRIVER = ['startFacialRecognitionVerify', 'requestFacialVerify', 'checkIsSupportFacialRecognition'];
/** The Alipay driver's own names: `my.startAPVerify`, `my.isIDE`, a row of its outcome table, one of its own words. */
const ALIPAY_DRIVER = ['startAPVerify', 'isIDE', 'capture:6001', '支付宝暂时出了点问题'];
/**
 * The Tencent Cloud FaceID H5 driver's own names (its pending record's key, a row of its outcome table, the mock's
 * tokens) and its own words, in both languages: H5 only.
 */
const TENCENT_DRIVER = [
  'taro-face-verify:tencent-pending',
  'errcode:17',
  'mock-biz-',
  '腾讯云人脸核身的网页方式只能在浏览器中使用',
  "Tencent Cloud FaceID's web route runs in a browser",
];

const PLATFORMS = {
  weapp: { name: 'WeChat', template: 'wxml', own: WECHAT_DRIVER, foreign: { name: 'Alipay', markers: ALIPAY_DRIVER } },
  alipay: { name: 'Alipay', template: 'axml', own: ALIPAY_DRIVER, foreign: { name: 'WeChat', markers: WECHAT_DRIVER } },
};
/** Strings that exist only in the H5-only preview files: none may appear in a mini-program bundle. */
const H5_ONLY = ['getUserMedia', 'fv-preview-bar', '预览模式 · 模拟数据', '模拟采集 · 非真实核验', 'fv-capture'];
/** The page itself must be in the bundle (its start button's id). */
const PAGE_MARKER = 'fv-start';

function build(type) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin('taro'), ['build', '--type', type], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`taro build --type ${type} failed (exit code ${code}):\n${output.slice(-4000)}`)),
    );
  });
}

/** A minifier may write non-ASCII as \uXXXX escapes: look for both spellings. */
const spellings = (text) => [text, text.replace(/[^ -~\t\n\r]/gu, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)];

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

async function main() {
  const type = process.argv[2];
  const platform = PLATFORMS[type];
  if (!platform) throw new Error(`usage: node scripts/check-mini.mjs ${Object.keys(PLATFORMS).join('|')} [--no-build]`);
  const dist = join(ROOT, 'dist', type);
  const started = Date.now();
  if (!process.argv.includes('--no-build')) await build(type);
  const problems = [];
  const required = [
    'app.js',
    'app.json',
    ...['face-verify', 'index'].flatMap((page) => [`pages/${page}/index.js`, `pages/${page}/index.${platform.template}`]),
  ];
  for (const file of required) if (!existsSync(join(dist, file))) problems.push(`missing ${file}`);
  const pages = existsSync(join(dist, 'app.json')) ? (JSON.parse(readFileSync(join(dist, 'app.json'), 'utf8')).pages ?? []) : [];
  if (!pages.includes('pages/face-verify/index')) problems.push('app.json does not list pages/face-verify/index');

  const scripts = existsSync(dist) ? filesUnder(dist).filter((file) => file.endsWith('.js')) : [];
  let bytes = 0;
  let pageFound = false;
  const ownFound = new Set();
  for (const file of scripts) {
    const text = readFileSync(file, 'utf8');
    bytes += Buffer.byteLength(text);
    pageFound ||= text.includes(PAGE_MARKER);
    const holds = (marker) => spellings(marker).some((spelling) => text.includes(spelling));
    for (const marker of platform.own) if (holds(marker)) ownFound.add(marker);
    for (const marker of platform.foreign.markers)
      if (holds(marker)) problems.push(`${relative(ROOT, file)} contains ${platform.foreign.name} driver code ("${marker}")`);
    for (const marker of TENCENT_DRIVER)
      if (holds(marker)) problems.push(`${relative(ROOT, file)} contains Tencent (H5-only) driver code ("${marker}")`);
    for (const marker of H5_ONLY) {
      if (spellings(marker).some((spelling) => text.includes(spelling)))
        problems.push(`${relative(ROOT, file)} contains H5-only code ("${marker}")`);
    }
  }
  if (!pageFound) problems.push(`no script contains the page ("${PAGE_MARKER}")`);
  for (const marker of platform.own)
    if (!ownFound.has(marker)) problems.push(`no script contains the ${platform.name} driver ("${marker}")`);

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (problems.length) {
    console.error(`${type} check FAILED (${seconds} s):\n  ${problems.join('\n  ')}`);
    process.exitCode = 1;
    return;
  }
  console.log(
    `${type} check passed in ${seconds} s: both pages, ${scripts.length} scripts, ${(bytes / 1024).toFixed(0)} KiB; the ${platform.name} driver (${platform.own.join(', ')}), no ${platform.foreign.name} driver, no Tencent driver, no H5-only preview code.`,
  );
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
