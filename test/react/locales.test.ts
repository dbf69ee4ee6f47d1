/**
 * @jest-environment node
 *
 * The locale tables: one per locale, one list, one lookup; and what a weapp bundle carries. A bundler can
 * only drop a table nothing refers to, so the bundle checks build the entry the way a mini-program build
 * does (esbuild, TARO_ENV=weapp, minified) and look for each table's words in the output.
 */
import { build } from 'esbuild';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { en, LOCALES, messagesFor, zhCN, type LocaleMessages } from 'taro-face-verify';
import {
  MOCK_ALIPAY_SCENARIO_NAMES,
  MOCK_SCENARIO_NAMES,
  MOCK_TENCENT_SCENARIO_NAMES,
  PREVIEW_PLATFORMS,
  previewScenarioLabel,
} from 'taro-face-verify/mock';

const root = join(__dirname, '..', '..');
const kit = join(root, 'src', 'face-verify');
const originalEnv = process.env.TARO_ENV;
afterEach(() => {
  process.env.TARO_ENV = originalEnv;
});

/** Every key path of an object (functions count as leaves), to compare two tables' shapes. */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [prefix];
  return Object.keys(value)
    .sort()
    .flatMap((key) => keyPaths((value as Record<string, unknown>)[key], `${prefix}.${key}`));
}

describe('the tables and the lookup', () => {
  it('lists every shipped locale once, the default first', () => {
    expect(LOCALES.map((table) => table.locale)).toEqual(['zh-CN', 'en']);
    expect(LOCALES[0]).toBe(zhCN);
  });

  it('looks a locale up by name, returns a given table as it is, and falls back to Chinese', () => {
    expect(messagesFor('en')).toBe(en);
    expect(messagesFor('zh-CN')).toBe(zhCN);
    expect(messagesFor(undefined)).toBe(zhCN);
    expect(messagesFor('fr' as never)).toBe(zhCN);
    const custom: LocaleMessages = { ...en, locale: 'en-GB' };
    expect(messagesFor(custom)).toBe(custom);
    expect(messagesFor('en').flow.errors.transient).toMatch(/system is busy/);
    expect(messagesFor('zh-CN').page.title).toBe('人脸核身');
  });

  it('every locale fills the same keys in every namespace, and labels every mock scenario (H5)', () => {
    process.env.TARO_ENV = 'h5';
    const [first, ...others] = LOCALES.map((table) => ({ ...table, preview: table.preview, scenarios: table.scenarios }));
    for (const table of others) expect(keyPaths(table)).toEqual(keyPaths(first));
    // The WeChat scenarios, then the Alipay ones not already named (success, user-cancel, camera-denied are shared).
    const names = [...new Set<string>([...MOCK_SCENARIO_NAMES, ...MOCK_ALIPAY_SCENARIO_NAMES])];
    for (const table of LOCALES) expect(Object.keys(table.scenarios ?? {})).toEqual(names);
    // A platform that brings its own labels (Tencent) labels every scenario of its own in each shipped locale.
    for (const platform of PREVIEW_PLATFORMS) {
      for (const table of LOCALES) {
        for (const name of platform.scenarios) expect(previewScenarioLabel(platform, name, table)).not.toBe(name);
      }
    }
    const tencent = PREVIEW_PLATFORMS.find((platform) => platform.name === 'tencent')!;
    expect(previewScenarioLabel(tencent, 'user-left', zhCN)).toBe('中途离开（未完成就返回）');
    expect(MOCK_TENCENT_SCENARIO_NAMES.every((name) => tencent.scenarios.includes(name))).toBe(true);
  });

  it('has no preview words or scenario labels outside H5', () => {
    process.env.TARO_ENV = 'weapp';
    for (const table of LOCALES) {
      expect(table.preview).toBeUndefined();
      expect(table.scenarios).toBeUndefined();
    }
  });
});

/** Bundles `code` (importing the kit by path) as a weapp build would: ESM, minified, React/Taro/zustand external. */
async function weappBundle(code: string, format: 'esm' | 'cjs' = 'esm'): Promise<string> {
  const result = await build({
    stdin: { contents: code, resolveDir: kit, loader: 'tsx', sourcefile: 'entry.tsx' },
    bundle: true,
    minify: true,
    format,
    platform: format === 'cjs' ? 'node' : 'browser',
    write: false,
    jsx: 'automatic',
    external: ['react', 'react/*', 'react-dom', 'zustand', 'zustand/*', '@tarojs/*'],
    define: { 'process.env.TARO_ENV': '"weapp"', 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

/** Whether a bundle holds a text, as written or as the minifier's \uXXXX escapes (either case of hex digit). */
function holds(bundle: string, text: string): boolean {
  const escaped = text.replace(/[^ -~]/gu, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return bundle.includes(text) || bundle.toLowerCase().includes(escaped.toLowerCase());
}

const ZH_FLOW = zhCN.flow.idCard.empty;
const EN_FLOW = en.flow.idCard.empty;
const ZH_PAGE = zhCN.page.privacy;
const EN_PAGE = en.page.privacy;
const PREVIEW = '预览模式 · 模拟数据';
const SCENARIO_LABEL = '采集失败后重试成功';

describe('what a weapp bundle carries', () => {
  it('the hook: every shipped locale (a locale name resolves in every build), and no preview words', async () => {
    const bundle = await weappBundle(`export { useFaceVerify } from './index';`);
    for (const text of [ZH_FLOW, EN_FLOW]) expect(holds(bundle, text)).toBe(true);
    for (const text of [PREVIEW, SCENARIO_LABEL, 'fv-preview-bar']) expect(holds(bundle, text)).toBe(false);
  });

  it('the page: every shipped locale (its locale prop and query take names), and no preview words', async () => {
    const bundle = await weappBundle(`export { FaceVerifyPage } from './index';`);
    for (const text of [ZH_FLOW, EN_FLOW, ZH_PAGE, EN_PAGE]) expect(holds(bundle, text)).toBe(true);
    for (const text of [PREVIEW, SCENARIO_LABEL, 'fv-preview-bar']) expect(holds(bundle, text)).toBe(false);
  });
});

describe('a locale name in a bundle', () => {
  /** Runs a CommonJS bundle's `run()` with a console that records warnings. */
  async function run(code: string): Promise<{ reason: unknown; warnings: string[] }> {
    const bundle = await weappBundle(code, 'cjs');
    const warnings: string[] = [];
    const module = { exports: {} as { run?: () => unknown } };
    runInNewContext(bundle, { module, exports: module.exports, console: { warn: (text: string) => warnings.push(text) } });
    return { reason: module.exports.run?.(), warnings };
  }
  const CHECK = `import { validateIdCardNumber } from './core/identity';`;

  it('resolves in a minified production bundle that imports nothing but the flow (no registry, no tree-shaking surprise)', async () => {
    const { reason, warnings } = await run(`${CHECK} export const run = () => validateIdCardNumber('', { locale: 'en' }).reason;`);
    expect(reason).toBe(EN_FLOW);
    expect(warnings).toEqual([]);
  });

  it('a table given directly always works', async () => {
    const { reason } = await run(
      `${CHECK} import { en } from './locales/en'; export const run = () => validateIdCardNumber('', { locale: en }).reason;`,
    );
    expect(reason).toBe(EN_FLOW);
  });

  it('no locale is Chinese, the default', async () => {
    const { reason } = await run(`${CHECK} export const run = () => validateIdCardNumber('').reason;`);
    expect(reason).toBe(ZH_FLOW);
  });
});
