#!/usr/bin/env node
/**
 * The API reference, docs/api/, is TypeDoc's (typedoc.json: typedoc-plugin-markdown, one page per entry).
 *
 *   npm run docs:api      (re)writes docs/api/ from the JSDoc in the source
 *   npm run check:docs    (--check) writes nothing; fails when an export of an entry (src/face-verify/index.ts,
 *                         mock.ts, server.ts, otel.ts) has no doc comment, when TypeDoc warns (a broken {@link}), or
 *                         when docs/api/ differs from what the source gives (then run `npm run docs:api`)
 *
 * The output holds no dates, commit hashes, absolute paths or line numbers, so one source gives one reference.
 * `npx typedoc` writes the same files; this script adds the export check and the staleness check.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Application, ReflectionKind } from 'typedoc';

// TypeDoc makes anchors with toLocaleLowerCase and the shell's locale is the process's: under tr_TR, `Identity`
// becomes `#ıdentity`. So the reference is always written under one locale, whoever runs it.
const LOCALE = 'en-US';
if (new Intl.Collator().resolvedOptions().locale !== LOCALE && !process.env.FV_API_DOCS_RERUN) {
  const rerun = spawnSync(process.execPath, process.argv.slice(1), {
    stdio: 'inherit',
    env: { ...process.env, LC_ALL: 'en_US.UTF-8', LANG: 'en_US.UTF-8', FV_API_DOCS_RERUN: '1' },
  });
  process.exit(rerun.status ?? 1);
}

const root = fileURLToPath(new URL('..', import.meta.url));
const committed = join(root, 'docs', 'api');
const check = process.argv.includes('--check');

/** Every file under dir, as paths relative to it, sorted. */
function filesUnder(dir, base = dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    if (error.code === 'ENOENT') return [];
    throw error;
  }
  return entries
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name), base) : [relative(base, join(dir, entry.name))]))
    .sort();
}

/** The files that differ between two trees: added, removed or changed. */
function differences(expectedDir, actualDir) {
  const expected = filesUnder(expectedDir);
  const actual = new Set(filesUnder(actualDir));
  const changed = [];
  for (const file of expected) {
    if (!actual.has(file)) changed.push(`${file} (missing)`);
    else if (readFileSync(join(expectedDir, file), 'utf8') !== readFileSync(join(actualDir, file), 'utf8')) changed.push(file);
    actual.delete(file);
  }
  for (const file of actual) changed.push(`${file} (not generated any more)`);
  return changed;
}

const hasSummary = (reflection) => Boolean(reflection?.comment?.summary.some((part) => part.text.trim()));

/** The entries' exports without a doc comment (a function's comment sits on its signatures). */
function undocumentedExports(project) {
  const missing = [];
  for (const entry of project.getChildrenByKind(ReflectionKind.Module)) {
    for (const exported of entry.children ?? []) {
      // A re-export under a second name points at a reflection that is checked where it is declared.
      if (exported.kindOf(ReflectionKind.Reference)) continue;
      const documented = hasSummary(exported) || (exported.signatures ?? []).some(hasSummary);
      if (!documented) missing.push({ entry: entry.name, name: exported.name, kind: ReflectionKind.singularString(exported.kind) });
    }
  }
  return missing;
}

const out = check ? mkdtempSync(join(tmpdir(), 'fv-api-docs-')) : committed;
try {
  const app = await Application.bootstrapWithPlugins({ options: join(root, 'typedoc.json'), out });
  const project = await app.convert();
  if (!project) throw new Error('TypeDoc could not convert the entries (see the errors above).');
  app.validate(project);
  await app.generateOutputs(project);

  const total = project.getChildrenByKind(ReflectionKind.Module).reduce((n, entry) => n + (entry.children?.length ?? 0), 0);
  const undocumented = undocumentedExports(project);
  if (undocumented.length) {
    console.log(`${undocumented.length} of ${total} exports have no doc comment:`);
    for (const u of undocumented) console.log(`  ${u.entry.padEnd(24)} ${u.kind.padEnd(14)} ${u.name}`);
  }
  const warned = app.logger.hasErrors() || app.logger.hasWarnings();

  if (check) {
    const stale = differences(committed, out);
    if (stale.length) console.log(`docs/api/ is out of date (run \`npm run docs:api\`): ${stale.join(', ')}`);
    if (stale.length || undocumented.length || warned) process.exitCode = 1;
    else console.log(`check:docs passed: ${total} exports documented, docs/api/ is up to date`);
  } else {
    console.log(`wrote docs/api/: ${total} exports from ${project.getChildrenByKind(ReflectionKind.Module).length} entries`);
    // Writing succeeds either way; check:docs is the gate.
    if (undocumented.length || warned)
      console.log('`npm run check:docs` fails until every export has a doc comment and TypeDoc has no warning.');
  }
} finally {
  if (check) rmSync(out, { recursive: true, force: true });
}
