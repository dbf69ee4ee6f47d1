/** `npm run bench`: every figure in one run, printed as one table. */
import { runCoreBench, type BenchRow } from './core.bench';

type Section = { title: string; load: () => Promise<BenchRow[]> };

const sections: Section[] = [
  { title: 'core', load: runCoreBench },
  { title: 'entry', load: async () => (await import('./entry.bench')).runEntryBench() },
  { title: 'page', load: async () => (await import('./page.bench')).runPageBench() },
  { title: 'server', load: async () => (await import('./server.bench')).runServerBench() },
  { title: 'package', load: async () => (await import('./package.bench')).runPackageBench() },
];

async function main() {
  const only = process.argv.slice(2);
  const rows: Array<{ section: string; metric: string; value: string }> = [];
  for (const section of sections) {
    if (only.length && !only.includes(section.title)) continue;
    for (const row of await section.load()) rows.push({ section: section.title, ...row });
  }
  const width = (key: 'section' | 'metric' | 'value') => Math.max(key.length, ...rows.map((r) => r[key].length));
  const [a, b, c] = [width('section'), width('metric'), width('value')];
  const line = (r: { section: string; metric: string; value: string }) =>
    `| ${r.section.padEnd(a)} | ${r.metric.padEnd(b)} | ${r.value.padStart(c)} |`;
  console.log(line({ section: 'section', metric: 'metric', value: 'value' }));
  console.log(`|${'-'.repeat(a + 2)}|${'-'.repeat(b + 2)}|${'-'.repeat(c + 1)}:|`);
  for (const row of rows) console.log(line(row));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
