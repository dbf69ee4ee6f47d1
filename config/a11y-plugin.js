/**
 * A Taro plugin for the weapp build: lets `aria-role` and `aria-label` through Taro's templates to WeChat's
 * components, which its screen reader (读屏) reads. Taro's base templates list each component's attributes
 * and drop the rest; this adds the two to the components the page uses. An app that wants the page's
 * screen-reader names on WeChat adds this plugin to its own config (see docs/page.md).
 */
const ARIA = { 'aria-role': "''", 'aria-label': "''" };

module.exports = (ctx) => {
  ctx.registerMethod({
    name: 'onSetupClose',
    fn(platform) {
      if (platform.platform !== 'weapp' || !platform.template) return;
      platform.template.mergeComponents(ctx, { View: ARIA, Text: ARIA, Button: ARIA, Input: ARIA });
    },
  });
};
