#!/usr/bin/env node
/**
 * `npm run check:package`: builds the npm package and checks it the way a user meets it — as a tarball.
 *
 *  1. builds lib/ with tsup;
 *  2. checks the bundles: the server entry imports no front-end package (React, Taro, zustand) and no chunk
 *     shared with the front end; the otel entry imports nothing at all (the app passes `@opentelemetry/api`
 *     in); the front-end entries import no Node built-in, keep `process.env.TARO_ENV` for the consumer's Taro
 *     build and import `@tarojs/taro` once per file; every bare import is a declared (peer) dependency;
 *  3. packs into .tmp/check-package/ and fails on any file outside lib/, README.md, CHANGELOG.md, LICENSE,
 *     package.json;
 *  4. publint on the tarball (warnings count as errors);
 *  5. types: @arethetypeswrong/cli on the tarball, offline — every entry must resolve to declarations for
 *     `import` and `require` under node10, node16 (ESM and CJS) and bundler resolution;
 *  6. loads the packed entries in Node with `import` and `require` and compares their export names.
 *
 * Exits non-zero on any failure. A missing src/face-verify/server.ts (still being written) is reported and
 * its checks are skipped, so the rest can be checked meanwhile.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lib = join(root, 'lib');
// Inside the repository, so the unpacked package finds react / zustand in the root node_modules.
const work = join(root, '.tmp', 'check-package');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const hasServer = existsSync(join(root, 'src/face-verify/server.ts'));

const ALLOWED_FILES = [/^lib\/[^/]+$/, /^README\.md$/, /^CHANGELOG\.md$/, /^LICENSE$/, /^package\.json$/];
const FRONT_END_PACKAGES = /^(react|react-dom|zustand|@tarojs\/[^/]+)(\/|$)/;
const ENTRIES = ['index', 'mock', ...(hasServer ? ['server'] : []), 'otel', 'taro-plugin'];

const failures = [];
const started = Date.now();
const step = (title) => console.log(`\n\x1b[1m▶ ${title}\x1b[0m`);
const ok = (text) => console.log(`  \x1b[32m✓\x1b[0m ${text}`);
const warn = (text) => console.log(`  \x1b[33m!\x1b[0m ${text}`);
const fail = (text) => {
  failures.push(text);
  console.log(`  \x1b[31m✗\x1b[0m ${text}`);
};
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const bin = (name) => join(root, 'node_modules', '.bin', name);

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', ...options });
  return { status: result.status ?? 1, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

/** Module specifiers a bundle imports: static and dynamic `import`, `export … from`, and `require`. */
function importsOf(code) {
  const found = new Set();
  const patterns = [
    /\b(?:import|export)\s+(?:[^'";]*?\s+from\s+)?["']([^"']+)["']/g,
    /\bimport\(\s*["']([^"']+)["']\s*\)/g,
    /\brequire\(\s*["']([^"']+)["']\s*\)/g,
  ];
  for (const pattern of patterns) for (const match of code.matchAll(pattern)) found.add(match[1]);
  return [...found];
}

/** Follows relative imports, so a chunk's imports count for the entry that loads it. */
function importsOfEntry(file, seen = new Set()) {
  if (seen.has(file)) return [];
  seen.add(file);
  const specifiers = importsOf(readFileSync(file, 'utf8'));
  const all = [];
  for (const specifier of specifiers) {
    if (specifier.startsWith('.')) {
      all.push(specifier);
      all.push(...importsOfEntry(join(dirname(file), specifier), seen));
    } else all.push(specifier);
  }
  return [...new Set(all)];
}

const packageName = (specifier) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');
const isBuiltin = (specifier) => specifier.startsWith('node:') || builtinModules.includes(packageName(specifier));

// 1. Build -------------------------------------------------------------------------------------------------
step('build lib/ with tsup');
{
  const t = Date.now();
  const build = run(bin('tsup'), [], { env: { ...process.env, NODE_ENV: 'production' } });
  if (build.status !== 0) {
    console.log(build.output);
    fail('tsup build failed');
    finish();
  }
  ok(`built in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  if (!hasServer) warn('src/face-verify/server.ts does not exist yet: the server entry is not built and its checks are skipped');
}

// 2. Bundle contents ---------------------------------------------------------------------------------------
step('bundle contents');
{
  const declared = new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})]);
  for (const entry of ENTRIES) {
    for (const file of [`${entry}.mjs`, `${entry}.js`]) {
      const path = join(lib, file);
      if (!existsSync(path)) {
        fail(`lib/${file} was not built`);
        continue;
      }
      const specifiers = importsOfEntry(path);
      const bare = specifiers.filter((s) => !s.startsWith('.'));
      if (entry === 'otel') {
        // Neutral (Node and H5) and dependency-free: `@opentelemetry/api` stays an optional peer the app passes in.
        if (specifiers.length) fail(`lib/${file} imports ${specifiers.join(', ')} (the otel entry must import nothing)`);
        else ok(`lib/${file}: imports nothing`);
      } else if (entry === 'taro-plugin') {
        // Loaded by the app's Taro build in Node: Node built-ins and Taro's own packages (the app has them).
        const foreign = bare.filter((s) => !isBuiltin(s) && !s.startsWith('@tarojs/'));
        if (foreign.length) fail(`lib/${file} imports packages beyond Node built-ins and Taro's: ${foreign.join(', ')}`);
        else ok(`lib/${file}: Node built-ins and Taro's packages only (${bare.join(', ') || 'none'})`);
      } else if (entry === 'server') {
        const frontEnd = bare.filter((s) => FRONT_END_PACKAGES.test(s));
        const chunks = specifiers.filter((s) => s.startsWith('.'));
        if (frontEnd.length) fail(`lib/${file} imports front-end packages: ${frontEnd.join(', ')}`);
        if (chunks.length) fail(`lib/${file} loads shared chunks: ${chunks.join(', ')}`);
        // Node built-ins and the package's own dependencies (rate-limiter-flexible), never a peer it would need installed.
        const foreign = bare.filter((s) => !isBuiltin(s) && !(packageName(s) in (pkg.dependencies ?? {})));
        if (foreign.length) fail(`lib/${file} imports packages beyond Node built-ins and dependencies: ${foreign.join(', ')}`);
        if (!frontEnd.length && !chunks.length && !foreign.length) {
          ok(`lib/${file}: Node built-ins and dependencies only (${bare.join(', ') || 'none'})`);
        }
      } else {
        const builtins = bare.filter(isBuiltin);
        if (builtins.length) fail(`lib/${file} (front end) imports Node built-ins: ${builtins.join(', ')}`);
        const undeclared = bare.filter((s) => !isBuiltin(s) && !declared.has(packageName(s)));
        if (undeclared.length) fail(`lib/${file} imports undeclared packages: ${undeclared.join(', ')}`);
        if (!builtins.length && !undeclared.length) ok(`lib/${file}: imports ${bare.join(', ') || 'nothing external'}`);
      }
    }
  }
  // Taro's H5 babel plugin breaks on a module with two `@tarojs/taro` imports (tsup.config.ts merges them).
  for (const file of readdirSync(lib).filter((f) => f.endsWith('.mjs'))) {
    const count = (readFileSync(join(lib, file), 'utf8').match(/^import\s[^;]*?from\s+"@tarojs\/taro";/gm) ?? []).length;
    if (count > 1) fail(`lib/${file} has ${count} import declarations of @tarojs/taro (Taro's H5 build needs one)`);
  }
  // Taro replaces process.env.TARO_ENV in the consumer's build; tsup must leave it as written.
  for (const format of ['mjs', 'js']) {
    const code = readdirSync(lib)
      .filter((f) => f.endsWith(`.${format}`) && !f.startsWith('server.') && !f.startsWith('otel.') && !f.startsWith('taro-plugin'))
      .map((f) => readFileSync(join(lib, f), 'utf8'))
      .join('\n');
    if (code.includes('process.env.TARO_ENV')) ok(`*.${format} keeps process.env.TARO_ENV for Taro to replace`);
    else fail(`*.${format}: process.env.TARO_ENV was replaced or dropped by the library build`);
  }
  for (const entry of ENTRIES) {
    for (const ext of ['.mjs', '.js', '.d.mts', '.d.ts']) {
      if (!existsSync(join(lib, entry + ext))) fail(`lib/${entry}${ext} is missing`);
    }
  }
}

// 3. Pack --------------------------------------------------------------------------------------------------
step('npm pack');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
let tarball = '';
{
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', work], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }),
  )[0];
  tarball = join(work, packed.filename);
  const files = packed.files.map((f) => ({ path: f.path, size: f.size }));
  ok(`${packed.filename}: ${files.length} files, ${kb(packed.size)} packed, ${kb(packed.unpackedSize)} unpacked`);
  const width = Math.max(...files.map((f) => f.path.length));
  for (const file of files.sort((a, b) => a.path.localeCompare(b.path))) {
    console.log(`    ${file.path.padEnd(width)} ${String(file.size).padStart(8)} B`);
  }
  const stray = files.filter((f) => !ALLOWED_FILES.some((re) => re.test(f.path)));
  if (stray.length) fail(`files outside lib/, README.md, CHANGELOG.md, LICENSE, package.json: ${stray.map((f) => f.path).join(', ')}`);
  else ok('only lib/, README.md, CHANGELOG.md, LICENSE and package.json are packed');
  for (const required of ['LICENSE', 'CHANGELOG.md', 'README.md']) {
    if (!files.some((f) => f.path === required)) (required === 'README.md' ? warn : fail)(`${required} is not in the tarball`);
  }
  for (const entry of ENTRIES) {
    const mjs = readFileSync(join(lib, `${entry}.mjs`));
    console.log(`    entry ${entry}: ${kb(mjs.length)} ESM (${kb(gzipSync(mjs).length)} gzip, chunks not counted)`);
  }
}

// 4. publint -----------------------------------------------------------------------------------------------
step('publint (strict) on the tarball');
{
  const { publint } = await import('publint');
  const { formatMessage } = await import('publint/utils');
  const data = readFileSync(tarball);
  const { messages, pkg: packedPkg } = await publint({
    pack: { tarball: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) },
    level: 'suggestion',
    strict: true,
  });
  // Until the server half lands, its declared files cannot exist.
  const relevant = messages.filter((m) => hasServer || !m.path.includes('./server'));
  for (const message of relevant) {
    const text = `publint ${message.type} ${message.code}: ${formatMessage(message, packedPkg, { color: false })}`;
    if (message.type === 'suggestion') warn(text);
    else fail(text);
  }
  if (!relevant.some((m) => m.type !== 'suggestion')) ok(`publint: no errors or warnings (${relevant.length} suggestions)`);
}

// 5. Types: attw -------------------------------------------------------------------------------------------
step('types for import and require users (@arethetypeswrong/cli, offline)');
{
  const args = [relative(root, tarball), '--no-definitely-typed', '--format', 'table-flipped', '--no-color'];
  if (!hasServer) args.push('--exclude-entrypoints', 'server');
  const attw = run(bin('attw'), args);
  console.log(
    attw.output
      .split('\n')
      .filter((line) => !/Unknown user config/.test(line))
      .map((line) => `    ${line}`)
      .join('\n'),
  );
  if (attw.status === 0) ok('every entry resolves to declarations under node10, node16 (CJS and ESM) and bundler');
  else fail('attw found type resolution problems (table above)');
}

// 6. Load the packed entries in Node -----------------------------------------------------------------------
step('load the packed entries with import and require');
{
  const unpacked = join(work, 'node_modules', 'taro-face-verify');
  mkdirSync(unpacked, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']);
  const exportNames = (specifier, how) => {
    const code =
      how === 'import'
        ? `const m = await import(${JSON.stringify(specifier)}); console.log(JSON.stringify(Object.keys(m).filter((k) => k !== 'default').sort()));`
        : `const { createRequire } = await import('node:module'); const m = createRequire(${JSON.stringify(join(work, 'probe.cjs'))})(${JSON.stringify(specifier)}); console.log(JSON.stringify(Object.keys(m).filter((k) => k !== 'default' && k !== '__esModule').sort()));`;
    const loaded = run(process.execPath, ['--input-type=module', '-e', code], { cwd: work });
    if (loaded.status === 0) return { names: JSON.parse(loaded.output.trim().split('\n').pop()) };
    const reason =
      loaded.output
        .trim()
        .split('\n')
        .find((l) => /Error/.test(l)) ?? loaded.output.trim();
    return { reason, taro: /@tarojs|window|document|navigator/.test(loaded.output) };
  };
  for (const entry of ENTRIES) {
    const specifier = entry === 'index' ? 'taro-face-verify' : `taro-face-verify/${entry}`;
    const esm = exportNames(specifier, 'import');
    const cjs = exportNames(specifier, 'require');
    for (const [how, result] of [
      ['import', esm],
      ['require', cjs],
    ]) {
      if (!result.reason) continue;
      // The root entry imports Taro, which only fully loads inside a Taro build (checked by check:consumer).
      if (entry === 'index' && result.taro) warn(`${how} ${specifier} does not load in plain Node: ${result.reason}`);
      else fail(`${how} ${specifier} failed: ${result.reason}`);
    }
    if (esm.names && cjs.names) {
      if (esm.names.join() !== cjs.names.join())
        fail(`${specifier}: import and require give different exports (${esm.names.length} vs ${cjs.names.length})`);
      else ok(`${specifier}: ${esm.names.length} runtime exports, the same for import and require`);
    } else if (esm.names || cjs.names)
      ok(`${specifier}: ${(esm.names ?? cjs.names).length} runtime exports with ${esm.names ? 'import' : 'require'}`);
  }
}

finish();

function finish() {
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (failures.length) {
    console.log(`\n\x1b[31mcheck:package failed (${failures.length}) in ${seconds} s:\x1b[0m`);
    for (const f of failures) console.log(`  - ${f}`);
    process.exit(1);
  }
  console.log(`\n\x1b[32mcheck:package passed in ${seconds} s\x1b[0m${hasServer ? '' : ' (server entry skipped: not written yet)'}`);
  console.log(`tarball: ${relative(root, tarball)} (${kb(statSync(tarball).size)})`);
  process.exit(0);
}
