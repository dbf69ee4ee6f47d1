/**
 * `taro-face-verify/taro-plugin`: a Taro plugin for the weapp build (add it to your Taro config's `plugins`): WeChat's `aria-*` and `page-meta`'s `page-font-size` reach base.wxml and
 * the page template.
 *
 * Taro 4.2 writes each component's template from a table of known attributes and drops the rest, and its
 * runtime numbers the same attributes (p0, p1, … in name order per component) to send their values. So an
 * attribute must be added to both tables, identically, or every attribute after it lands in the wrong slot
 * (that is how adding to the template alone broke typing). `components.json` is the one list: merged into the
 * build's table here, and into the runtime's by `./runtime.ts`, which this adds to the app entry's imports.
 *
 * The list: the `aria-*` the page sets on mini-programs, all in WeChat's list of supported attributes
 * (developers.weixin.qq.com/miniprogram/dev/component/aria-component.html, base library 2.7.1+), on the
 * components the page uses; `page-font-size` on `page-meta` ("system": the page's text follows WeChat's font
 * setting; Taro's table has only `root-font-size`). JSON, because Taro compiles a TypeScript plugin file alone,
 * not what it imports.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { IPluginContext } from '@tarojs/service';
import components from './components.json';

interface MiniPlatform {
  platform: string;
  runtimePath: string | string[];
  template: { mergeComponents: (ctx: IPluginContext, patch: typeof components) => void };
}

/** The runtime half, beside this file: TypeScript in the repository, the built module in the package's lib/. */
const RUNTIME = ['runtime.ts', 'taro-plugin-runtime.mjs', 'taro-plugin-runtime.js']
  .map((name) => join(__dirname, name))
  .find((path) => existsSync(path));

/**
 * The plugin.
 * @example
 * // config/index.ts of your Taro app
 * export default defineConfig(() => ({ plugins: ['taro-face-verify/taro-plugin'], … }));
 */
export default function faceVerifyTaroPlugin(ctx: IPluginContext): void {
  if (!RUNTIME) throw new Error('taro-face-verify/taro-plugin: its runtime file is missing beside it; reinstall taro-face-verify');
  const runtime = RUNTIME;
  // package.json says `sideEffects: false` (right for the published kit); this file is imported for its effect only,
  // and a production build would drop it without this.
  ctx.modifyWebpackChain(({ chain }) => {
    chain.module.rule('taro-face-verify-a11y-runtime').test(runtime).set('sideEffects', true);
  });
  ctx.registerMethod({
    name: 'onSetupClose',
    // Called after the platform merged its own components and before any template is written.
    fn(platform: MiniPlatform) {
      if (platform.platform !== 'weapp') return;
      // A Taro that moved these seams must fail the build, not ship a page WeChat's screen reader cannot name.
      if (typeof platform.template?.mergeComponents !== 'function' || !platform.runtimePath) {
        throw new Error(
          'taro-face-verify/taro-plugin: this Taro has no template.mergeComponents / runtimePath; the plugin supports Taro 4.2',
        );
      }
      platform.template.mergeComponents(ctx, components);
      platform.runtimePath = [...[platform.runtimePath].flat(), runtime];
    },
  });
}
