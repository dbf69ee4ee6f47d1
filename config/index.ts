import { join } from 'node:path';
import { defineConfig } from '@tarojs/cli';

export default defineConfig<'webpack5'>(() => ({
  projectName: 'taro-face-verify-demo',
  date: '2026-11-24',
  designWidth: 750,
  deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
  sourceRoot: 'src',
  // One folder per platform (dist/weapp, dist/alipay, dist/h5): a build never overwrites another's.
  // FV_OUTPUT_ROOT: the weapp test suite builds its own copy (with a test endpoint) under .tmp/.
  outputRoot: process.env.FV_OUTPUT_ROOT || `dist/${process.env.TARO_ENV ?? 'weapp'}`,
  // Taro's CLI loads @tarojs/plugin-platform-alipay by itself for `--type alipay` (and dedupes it by name);
  // naming it here, for that build only, keeps the dependency visible without touching the other builds
  // (the plugin also edits the webpack5 prebundle options of whatever build it is registered in).
  // taro-face-verify/taro-plugin (src/taro-plugin/): WeChat's aria-* and page-meta's page-font-size reach the weapp templates (it acts on weapp only).
  plugins: [
    ...(process.env.TARO_ENV === 'alipay' ? ['@tarojs/plugin-platform-alipay'] : []),
    join(__dirname, '..', 'src', 'taro-plugin', 'plugin.ts'),
  ],
  defineConstants: {
    // The preview's backend (the demo server); empty means the in-browser mock backend.
    FV_PREVIEW_API: JSON.stringify(process.env.FV_PREVIEW_API ?? ''),
  },
  framework: 'react',
  compiler: 'webpack5',
  cache: { enable: false },
  mini: {
    postcss: {
      pxtransform: { enable: false },
      cssModules: { enable: false },
    },
  },
  h5: {
    publicPath: '/',
    staticDirectory: 'static',
    router: { mode: 'hash' },
    output: {
      filename: 'js/[name].[contenthash:8].js',
      chunkFilename: 'js/[name].[contenthash:8].js',
    },
    miniCssExtractPluginOption: {
      ignoreOrder: true,
      filename: 'css/[name].[contenthash:8].css',
      chunkFilename: 'css/[name].[contenthash:8].css',
    },
    postcss: {
      pxtransform: { enable: false },
      autoprefixer: { enable: true },
      cssModules: { enable: false },
    },
  },
}));
