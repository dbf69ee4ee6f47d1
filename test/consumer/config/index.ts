import path from 'path';
import { defineConfig } from '@tarojs/cli';

/**
 * A Taro 4 (webpack5, React) project config as a user writes it by hand. The one addition is the bench's
 * baseline: with CONSUMER_WITHOUT_KIT=1, `taro-face-verify` resolves to a stub of the same shape, so the
 * same app builds once with the kit and once without it, and the difference is what the package adds.
 */
const withoutKit = process.env.CONSUMER_WITHOUT_KIT === '1';
const platform = process.env.TARO_ENV ?? 'weapp';

export default defineConfig<'webpack5'>(() => ({
  projectName: 'taro-face-verify-consumer',
  date: '2026-11-24',
  designWidth: 750,
  deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
  sourceRoot: 'src',
  outputRoot: withoutKit ? `dist/${platform}-without-kit` : `dist/${platform}`,
  // As in the kit's own config: the alipay platform plugin is published at 4.2.0 (see the root package.json's overrides).
  // taro-face-verify/taro-plugin: WeChat's aria-* reach the weapp templates (in both builds: an app's choice, not
  // the kit's code). By path: Taro resolves plugin names without package `exports`.
  plugins: [...(platform === 'alipay' ? ['@tarojs/plugin-platform-alipay'] : []), require.resolve('taro-face-verify/taro-plugin')],
  defineConstants: {},
  alias: withoutKit ? { 'taro-face-verify$': path.resolve(__dirname, '..', 'src/without-kit/taro-face-verify.tsx') } : {},
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
