import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '../..');
const filesUnder = (dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : /\.tsx?$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );
const importsOf = (file: string) =>
  [...readFileSync(join(root, file), 'utf8').matchAll(/^\s*(?:import|export)[^;]*?from\s+'([^']+)'/gm)].map((m) => m[1]);

describe('what the Alipay code may import', () => {
  it('reads imports, single- and multi-line', () => {
    expect(importsOf('src/face-verify/drivers/alipay/native.ts')).toEqual(['../../core/ports', './call']);
    expect(importsOf('src/face-verify/server.ts')).toContain('./server/alipay/api');
  });

  it('the kit never imports alipay-sdk (the app brings its own instance)', () => {
    for (const file of filesUnder('src'))
      expect({ file, imports: importsOf(file).filter((name) => name === 'alipay-sdk') }).toEqual({ file, imports: [] });
  });

  it('the Alipay native layer imports neither Taro, React, Node built-ins nor the server', () => {
    for (const file of filesUnder('src/face-verify/drivers/alipay')) {
      for (const name of importsOf(file)) expect({ file, name }).toEqual({ file, name: expect.stringMatching(/^\.\.?\/(?!.*server)/) });
    }
  });
});
