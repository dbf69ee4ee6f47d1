/** Jest globalSetup of the weapp project: one build for every test file (reused while the sources are unchanged). */
import { ensureWeappBuild } from './build';

export default function globalSetup(): void {
  const started = Date.now();
  const { dir, built } = ensureWeappBuild();
  const how = built ? `built in ${((Date.now() - started) / 1000).toFixed(1)} s` : 'reused';
  process.stdout.write(`\nweapp build for the simulator ${how}: ${dir}\n`);
}
