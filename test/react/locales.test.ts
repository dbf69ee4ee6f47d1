/**
 * @jest-environment node
 *
 * The locale tables: one per locale, one list, one lookup; and what a weapp bundle carries. A bundler can
 * only drop a table nothing refers to, so the bundle checks build the entry the way a mini-program build
 * does (esbuild, TARO_ENV=weapp, minified) and look for each table's words in the output.
 */
import { build } from 'esbuild';
import { join } from 'node:path';
import { createRequire } from 'node:module';
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

/** Bundles `code` (importing the kit by path) as a mini-program (or H5) build would: minified, React/Taro/zustand external. */
async function miniBundle(code: string, format: 'esm' | 'cjs' = 'esm', taroEnv = 'weapp'): Promise<string> {
  const result = await build({
    stdin: { contents: code, resolveDir: kit, loader: 'tsx', sourcefile: 'entry.tsx' },
    bundle: true,
    minify: true,
    format,
    platform: format === 'cjs' ? 'node' : 'browser',
    write: false,
    jsx: 'automatic',
    external: ['react', 'react/*', 'react-dom', 'zustand', 'zustand/*', '@tarojs/*'],
    define: { 'process.env.TARO_ENV': JSON.stringify(taroEnv), 'process.env.NODE_ENV': '"production"' },
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

describe('what a mini-program bundle carries: the languages it uses', () => {
  it('the hook: Chinese flow words only (no English, no page words, no preview words)', async () => {
    for (const taroEnv of ['weapp', 'alipay']) {
      const bundle = await miniBundle(`export { useFaceVerify } from './index';`, 'esm', taroEnv);
      expect(holds(bundle, ZH_FLOW)).toBe(true);
      for (const text of [EN_FLOW, ZH_PAGE, EN_PAGE, PREVIEW, SCENARIO_LABEL, 'fv-preview-bar']) expect(holds(bundle, text)).toBe(false);
    }
  });

  it('the page: Chinese only, and no preview words', async () => {
    const bundle = await miniBundle(`export { FaceVerifyPage } from './index';`);
    for (const text of [ZH_FLOW, ZH_PAGE]) expect(holds(bundle, text)).toBe(true);
    for (const text of [EN_FLOW, EN_PAGE, PREVIEW, SCENARIO_LABEL, 'fv-preview-bar']) expect(holds(bundle, text)).toBe(false);
  });

  it('English when the app imports its table (and only then)', async () => {
    const bundle = await miniBundle(`export { FaceVerifyPage, en } from './index';`);
    for (const text of [ZH_FLOW, ZH_PAGE, EN_FLOW, EN_PAGE]) expect(holds(bundle, text)).toBe(true);
  });

  it('H5 (the preview, whose locale parameter takes names): every shipped locale', async () => {
    const bundle = await miniBundle(`export { useFaceVerify } from './index';`, 'esm', 'h5');
    for (const text of [ZH_FLOW, EN_FLOW]) expect(holds(bundle, text)).toBe(true);
  });
});

describe('a locale name in a bundle', () => {
  /** Runs a CommonJS bundle's `run()` with a console that records warnings; a throw is returned as `thrown`. */
  async function run(code: string, taroEnv = 'weapp'): Promise<{ reason?: unknown; thrown?: string; warnings: string[] }> {
    const bundle = await miniBundle(code, 'cjs', taroEnv);
    const warnings: string[] = [];
    const module = { exports: {} as { run?: () => unknown } };
    // The externals (zustand) come from the repository's node_modules, as a mini-program's bundle has them.
    const require = createRequire(join(root, 'package.json'));
    runInNewContext(bundle, { module, exports: module.exports, require, console: { warn: (text: string) => warnings.push(text) } });
    try {
      return { reason: module.exports.run?.(), warnings };
    } catch (error) {
      return { thrown: (error as Error).message, warnings };
    }
  }
  const CHECK = `import { validateIdCardNumber } from './core/identity';`;
  const FLOW = `import { createFaceVerify } from './index'; import { createMockDriver } from './mock';`;

  it('on a mini-program, a name the build does not carry throws with the fix, the same in every build mode (never Chinese instead)', async () => {
    const { thrown } = await run(`${CHECK} export const run = () => validateIdCardNumber('', { locale: 'en' }).reason;`);
    expect(thrown).toMatch(/locale 'en' is not carried by name in a mini-program build/);
    expect(thrown).toMatch(/import the kit's `en` export, then locale: en \(the flow\)/);
  });

  it('on a mini-program, a flow given that name fails at creation, not at its first message', async () => {
    const made = await run(
      `${FLOW} export const run = () => createFaceVerify({ locale: 'en', driver: createMockDriver() }).getState().status;`,
    );
    expect(made.thrown).toMatch(/locale 'en' is not carried by name/);
    const later = await run(
      `${FLOW} export const run = () => { const flow = createFaceVerify({ driver: createMockDriver() }); flow.getState().setOptions({ locale: 'en' }); };`,
    );
    expect(later.thrown).toMatch(/locale 'en' is not carried by name/);
  });

  it('in H5 the name resolves', async () => {
    const { reason, warnings } = await run(`${CHECK} export const run = () => validateIdCardNumber('', { locale: 'en' }).reason;`, 'h5');
    expect(reason).toBe(EN_FLOW);
    expect(warnings).toEqual([]);
  });

  it('a table given directly always works', async () => {
    const { reason } = await run(
      `${CHECK} import { en } from './locales/en'; export const run = () => validateIdCardNumber('', { locale: en }).reason;`,
    );
    expect(reason).toBe(EN_FLOW);
  });

  it('no locale is Chinese, the default; a name the kit does not ship too', async () => {
    expect((await run(`${CHECK} export const run = () => validateIdCardNumber('').reason;`)).reason).toBe(ZH_FLOW);
    expect((await run(`${CHECK} export const run = () => validateIdCardNumber('', { locale: 'fr' }).reason;`)).reason).toBe(ZH_FLOW);
  });
});
