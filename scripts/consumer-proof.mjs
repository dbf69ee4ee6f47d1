#!/usr/bin/env node
/**
 * `npm run check:consumer`: proves the package from the outside, in test/consumer/ — a Taro 4 React app
 * written as a user writes one, depending on the packed tarball.
 *
 *   pack      build lib/ with tsup, `npm pack` → .tmp/taro-face-verify.tgz
 *   install   `npm install --prefer-offline` in test/consumer (the kit is reinstalled from the new tarball);
 *             the kit's imports must resolve inside test/consumer/node_modules, not the repository's
 *   types     `tsc --noEmit` with the app's own tsconfig (moduleResolution "node", as Taro's template has it)
 *   weapp     `taro build --type weapp`; the home page in the main package, the kit's pages in the `face`
 *             subpackage; the kit is in the output, the mock driver is not
 *   h5        `taro build --type h5`; the pages are in the bundle, with the mock driver for the preview
 *   browser   (when /usr/bin/chromium is there) the H5 build served on 127.0.0.1 in headless Chromium: the
 *             app's own page and the prebuilt page each run a verification to success on the mock driver
 *   baseline  the same app for weapp with `taro-face-verify` stubbed out; the main packages of the two builds
 *             may differ by at most MAIN_PACKAGE_GOAL_BYTES (the kit belongs in the subpackage), and the
 *             main package's scripts carry none of the kit's code
 *   server    `node server-check.mjs`: taro-face-verify/server against the local WeChat stand-in, and a
 *             CommonJS require of the same entry
 *
 * Options: --skip-pack (reuse .tmp/taro-face-verify.tgz), --skip-install, --weapp-only (pack, install, weapp
 * and baseline: what `npm run bench` needs). Exits non-zero on the first failed step.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './chromium.mjs';
import { sizeOf as sizeOfPackage, splitPackages } from './mini-packages.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const consumer = join(root, 'test', 'consumer');
const tarball = join(root, '.tmp', 'taro-face-verify.tgz');
const args = new Set(process.argv.slice(2));
const weappOnly = args.has('--weapp-only');
/** The consumer app's mini-program platforms. */
const MINI_PLATFORMS = ['weapp', 'alipay'];
/** What the kit may add to a consumer's main package, whose pages do not import it (bytes, raw). */
const MAIN_PACKAGE_GOAL_BYTES = 2 * 1024;
/** The subpackage that holds the kit's pages in test/consumer/src/app.config.ts. */
const KIT_SUBPACKAGE = 'face';
/** Strings only the kit's code contains (its page, its flow's payloads); Taro's own API list names the wx APIs. */
const KIT_MARKERS = ['fv-start', 'verify_result', 'userIdKey', 'out_seq_no'];
/** On alipay the kit's page and the Alipay driver (its payload, `my.startAPVerify`); the WeChat payloads are not there. */
const KIT_MARKERS_BY_PLATFORM = { weapp: KIT_MARKERS, alipay: ['fv-start', 'certify_id', 'startAPVerify'] };

const started = Date.now();
const timings = [];
const bin = (dir, name) => join(dir, 'node_modules', '.bin', name);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function die(message, output = '') {
  if (output)
    console.log(
      output
        .split('\n')
        .slice(-60)
        .map((l) => `    | ${l}`)
        .join('\n'),
    );
  console.log(`\n\x1b[31mcheck:consumer failed: ${message}\x1b[0m (after ${seconds(Date.now() - started)})`);
  process.exit(1);
}

/** Runs a command quietly; its output is shown only when it fails (or with --verbose). */
function run(command, commandArgs, { cwd = root, env = {} } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, {
      cwd,
      env: { ...process.env, FORCE_COLOR: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => {
      if (args.has('--verbose')) console.log(output);
      resolve({ code: code ?? 1, output });
    });
  });
}

async function step(title, body) {
  process.stdout.write(`\x1b[1m▶ ${title}\x1b[0m\n`);
  const t = Date.now();
  await body();
  const ms = Date.now() - t;
  timings.push({ title, ms });
  console.log(`  done in ${seconds(ms)}`);
}

const ok = (text) => console.log(`  \x1b[32m✓\x1b[0m ${text}`);
function expect(condition, text, detail = '') {
  if (!condition) die(`${text}${detail ? ` — ${detail}` : ''}`);
  ok(text);
}

function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile());
}
const readAll = (files) => files.map((f) => readFileSync(f, 'utf8')).join('\n');
const sizeOf = (files) => files.reduce((sum, f) => sum + statSync(f).size, 0);

async function taroBuild(type, env = {}) {
  const result = await run(bin(consumer, 'taro'), ['build', '--type', type], { cwd: consumer, env: { NODE_ENV: 'production', ...env } });
  if (result.code !== 0 || /Failed to compile|ERROR in|Module not found/.test(result.output))
    die(`taro build --type ${type} failed`, result.output);
  // webpack only warns when an imported name is missing; for the kit's names that is a broken app.
  const missing = result.output.match(/export '[^']+' \(imported as '[^']+'\) was not found in 'taro-face-verify[^']*'/);
  if (missing) die(`taro build --type ${type}: ${missing[0]}`, result.output);
}

// ---------------------------------------------------------------------------------------------------------
if (!args.has('--skip-pack')) {
  await step('pack: tsup build + npm pack', async () => {
    const build = await run(bin(root, 'tsup'), []);
    if (build.code !== 0) die('tsup build failed', build.output);
    const dest = join(root, '.tmp', 'pack');
    rmSync(dest, { recursive: true, force: true });
    mkdirSync(dest, { recursive: true });
    const packed = await run('npm', ['pack', '--json', '--pack-destination', dest]);
    if (packed.code !== 0) die('npm pack failed', packed.output);
    const [info] = JSON.parse(packed.output.slice(packed.output.indexOf('[')));
    copyFileSync(join(dest, info.filename), tarball);
    ok(`${relative(root, tarball)}: ${info.files.length} files, ${(info.size / 1024).toFixed(1)} KB`);
  });
} else if (!existsSync(tarball)) die(`--skip-pack, but ${relative(root, tarball)} does not exist`);

if (!args.has('--skip-install')) {
  await step('install: npm install --prefer-offline in test/consumer', async () => {
    // A file: tarball dependency is not refreshed when its content changes under the same path: drop the
    // installed copy so npm unpacks the tarball just built.
    rmSync(join(consumer, 'node_modules', 'taro-face-verify'), { recursive: true, force: true });
    const lock = join(consumer, 'package-lock.json');
    if (existsSync(lock)) {
      const data = JSON.parse(readFileSync(lock, 'utf8'));
      delete data.packages?.['node_modules/taro-face-verify'];
      writeFileSync(lock, JSON.stringify(data, null, 2));
    }
    const installed = await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: consumer });
    if (installed.code !== 0) die('npm install failed', installed.output);
    const kit = join(consumer, 'node_modules', 'taro-face-verify');
    const kitPkg = JSON.parse(readFileSync(join(kit, 'package.json'), 'utf8'));
    expect(existsSync(join(kit, 'lib', 'index.mjs')), `taro-face-verify@${kitPkg.version} installed from the tarball`);
    const sameBuild = ['index.mjs', 'server.mjs'].every((f) =>
      readFileSync(join(kit, 'lib', f)).equals(readFileSync(join(root, 'lib', f))),
    );
    expect(sameBuild, 'the installed copy is the build just packed (lib/ matches byte for byte)');
    // Everything the kit imports must come from the consumer's own node_modules: a dependency that only
    // the repository has would otherwise pass here and break for users.
    const requireFromKit = createRequire(join(kit, 'lib', 'index.js'));
    for (const dep of ['react', 'zustand/vanilla', '@tarojs/taro', '@tarojs/components']) {
      let resolved = '';
      try {
        resolved = requireFromKit.resolve(dep);
      } catch {
        resolved = '';
      }
      expect(
        resolved.startsWith(join(consumer, 'node_modules') + sep),
        `${dep} resolves inside test/consumer/node_modules`,
        resolved || 'not found',
      );
    }
  });
}

{
  await step("types: tsc --noEmit with the app's tsconfig (moduleResolution node)", async () => {
    const tsc = await run(bin(consumer, 'tsc'), ['--noEmit', '-p', 'tsconfig.json'], { cwd: consumer });
    if (tsc.code !== 0) die('the consumer app does not type-check against the package', tsc.output);
    ok('src/pages/**, app and config type-check against the installed declarations');
  });
}

const dist = (name) => join(consumer, 'dist', name);

await step('weapp: taro build --type weapp', async () => {
  rmSync(dist('weapp'), { recursive: true, force: true });
  await taroBuild('weapp');
  const out = dist('weapp');
  const app = JSON.parse(readFileSync(join(out, 'app.json'), 'utf8'));
  const face = (app.subPackages ?? []).find((sub) => sub.root === KIT_SUBPACKAGE);
  expect(
    app.pages.join() === 'pages/index/index' && face?.pages.includes('verify/index') && face?.pages.includes('custom/index'),
    `app.json: pages/index/index in the main package; verify/index and custom/index in subpackage ${KIT_SUBPACKAGE}/`,
  );
  for (const page of ['pages/index/index', 'face/verify/index', 'face/custom/index']) {
    const missing = ['js', 'json', 'wxml'].filter((ext) => !existsSync(join(out, `${page}.${ext}`)));
    expect(!missing.length, `${page}.{js,json,wxml} exist`, `missing .${missing.join(', .')}`);
  }
  const js = readAll(filesUnder(out).filter((f) => f.endsWith('.js')));
  expect(js.includes('startFacialRecognitionVerify'), "the kit's WeChat driver is in the weapp bundle");
  const base = readFileSync(join(out, 'base.wxml'), 'utf8');
  expect(
    base.includes('aria-role') && base.includes('aria-label'),
    "taro-face-verify/taro-plugin (from the package): WeChat's aria-role / aria-label reach base.wxml",
  );
  expect(!js.includes('process.env.TARO_ENV'), 'process.env.TARO_ENV was replaced by the consumer build');
  // defaults.ts joins the fake backend to a mock driver only under TARO_ENV h5 (folded at build time).
  expect(!js.includes('mock1.'), 'no mock driver or fake backend in the weapp bundle (the H5-only branches were dropped)');
});

if (!weappOnly) {
  await step('h5: taro build --type h5', async () => {
    rmSync(dist('h5'), { recursive: true, force: true });
    await taroBuild('h5');
    const out = dist('h5');
    expect(existsSync(join(out, 'index.html')), 'index.html exists');
    const js = readAll(filesUnder(out).filter((f) => f.endsWith('.js')));
    expect(
      ['pages/index/index', 'face/verify/index', 'face/custom/index'].every((route) => js.includes(route)),
      'the three pages are routed in the H5 bundle',
    );
    expect(js.includes('mock1.'), 'the H5 preview carries the mock driver');
  });
}

const CHROMIUM = CHROMIUM_PATH;
if (!weappOnly && !existsSync(CHROMIUM)) {
  console.log(`\x1b[1m▶ browser\x1b[0m\n  \x1b[33m!\x1b[0m skipped: no Chromium at ${CHROMIUM} (apt-get install chromium)`);
}
if (!weappOnly && existsSync(CHROMIUM)) {
  await step('browser: the H5 build in headless Chromium, both pages verify on the mock driver', async () => {
    const out = dist('h5');
    const types = {
      '.html': 'text/html',
      '.js': 'text/javascript',
      '.css': 'text/css',
      '.json': 'application/json',
      '.svg': 'image/svg+xml',
      '.png': 'image/png',
    };
    const server = createServer((request, response) => {
      const path = normalize(join(out, decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)));
      const file = path.startsWith(out) && existsSync(path) && statSync(path).isFile() ? path : join(out, 'index.html');
      response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
      response.end(readFileSync(file));
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${server.address().port}/`;
    const { chromium } = await import('playwright-core');
    const profile = join(tmpdir(), `fv-consumer-chromium-${process.pid}`);
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_FLAGS,
    });
    const errors = [];
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      page.on('pageerror', (error) => errors.push(error.message));
      const verifyIn = async (fields, start, done) => {
        for (const [selector, value] of fields) await page.locator(`${selector} input`).fill(value, { timeout: 15_000 });
        await page.locator(start).click();
        await page.locator(done).waitFor({ timeout: 20_000 });
      };
      // As a user gets there: the home page (main package) opens the subpackage's pages.
      await page.goto(`${base}#/pages/index/index`);
      await page.locator('#open-custom').click();
      await verifyIn(
        [
          ['#name', '张三'],
          ['#id-card', '11010519491231002X'],
        ],
        '#start',
        '#done',
      );
      ok("home → the app's own page (useFaceVerify, subpackage): form → capture → 认证成功");
      await page.goto(`${base}#/pages/index/index`);
      await page.locator('#open-page').click();
      await verifyIn(
        [
          ['#fv-name', '张三'],
          ['#fv-id-card', '11010519491231002X'],
        ],
        '#fv-start',
        '#fv-done',
      );
      expect(
        (await page.locator('#fv-preview-bar').count()) > 0,
        'home → the prebuilt page (subpackage): form → capture → success, with the H5 preview bar',
      );
      expect(!errors.length, 'no uncaught errors in the page', errors.join('; '));
    } catch (error) {
      await page_screenshot(context).catch(() => {});
      die(`browser check failed: ${error.message.split('\n')[0]}`);
    } finally {
      await context.close();
      server.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
}

async function page_screenshot(context) {
  const shot = join(root, '.tmp', 'consumer-h5-failure.png');
  await context.pages()[0]?.screenshot({ path: shot, fullPage: true });
  console.log(`  screenshot: ${relative(root, shot)}`);
}

for (const platform of MINI_PLATFORMS) {
  await step(`baseline: the same ${platform} app with taro-face-verify stubbed out; the kit stays out of the main package`, async () => {
    if (platform !== 'weapp') await taroBuild(platform);
    rmSync(dist(`${platform}-without-kit`), { recursive: true, force: true });
    await taroBuild(platform, { CONSUMER_WITHOUT_KIT: '1' });
    const withKit = splitPackages(dist(platform));
    const without = splitPackages(dist(`${platform}-without-kit`));
    const total = sizeOf(filesUnder(dist(platform)));
    const totalWithout = sizeOf(filesUnder(dist(`${platform}-without-kit`)));
    expect(
      totalWithout > 0 && totalWithout < total,
      `${platform}: ${total} B with the kit, ${totalWithout} B without (+${total - totalWithout} B)`,
    );
    const main = sizeOfPackage(withKit.main);
    const mainWithout = sizeOfPackage(without.main);
    const added = main.bytes - mainWithout.bytes;
    expect(
      added <= MAIN_PACKAGE_GOAL_BYTES,
      `${platform}: the kit adds ${added} B (gzip ${main.gzip - mainWithout.gzip} B) to the main package (goal ≤ ${MAIN_PACKAGE_GOAL_BYTES} B)`,
      `main package ${main.bytes} B with the kit, ${mainWithout.bytes} B without`,
    );
    const mainJs = readAll(withKit.main.filter((f) => /\.(js|wxml|axml|sjs|wxs)$/.test(f)));
    const markers = KIT_MARKERS_BY_PLATFORM[platform] ?? KIT_MARKERS;
    const leaked = markers.filter((marker) => mainJs.includes(marker));
    expect(!leaked.length, `${platform}: no kit code in the main package`, `found ${leaked.join(', ')}`);
    const sub = sizeOfPackage(withKit.subpackages[KIT_SUBPACKAGE] ?? []);
    const subJs = readAll((withKit.subpackages[KIT_SUBPACKAGE] ?? []).filter((f) => f.endsWith('.js')));
    expect(
      markers.every((marker) => subJs.includes(marker)),
      `${platform}: the kit is in subpackage ${KIT_SUBPACKAGE}/ (${sub.bytes} B, gzip ${sub.gzip} B)`,
    );
    // What this Chinese-only app does not use stays out: English (not imported), Tencent's words (H5 only) and, on
    // WeChat, Alipay's (the platforms' outcome tables are built in pure functions, so a minifier drops them whole).
    const foreign = [
      ['English', 'The system is busy'],
      ["Tencent's words", "Tencent Cloud FaceID's web route runs in a browser"],
      ["the mock's scenarios", 'captureCodes'],
      ...(platform === 'weapp' ? [["Alipay's words", 'Alipay had a problem']] : []),
    ].filter(([, marker]) => subJs.includes(marker));
    expect(
      !foreign.length,
      `${platform}: the kit's subpackage carries no English, no mock scenarios and no other platform's words`,
      foreign.map(([what]) => what).join(', '),
    );
  });
}

if (!weappOnly) {
  await step('server: node server-check.mjs (taro-face-verify/server against the WeChat stand-in)', async () => {
    const check = await run(process.execPath, ['server-check.mjs'], { cwd: consumer });
    console.log(
      check.output
        .trimEnd()
        .split('\n')
        .map((l) => `  ${l}`)
        .join('\n'),
    );
    if (check.code !== 0) die('server-check.mjs failed');
    const cjs = await run(
      process.execPath,
      [
        '-e',
        "const s = require('taro-face-verify/server'); if (typeof s.createVerifyHandler !== 'function') process.exit(1); console.log(Object.keys(s).length + ' exports')",
      ],
      { cwd: consumer },
    );
    if (cjs.code !== 0) die("require('taro-face-verify/server') failed", cjs.output);
    ok(`node -e "require('taro-face-verify/server')": ${cjs.output.trim()}`);
  });
}

console.log('\nstep timings:');
for (const { title, ms } of timings) console.log(`  ${seconds(ms).padStart(7)}  ${title.split(':')[0]}`);
console.log(`\n\x1b[32mcheck:consumer passed in ${seconds(Date.now() - started)}\x1b[0m`);
