/**
 * The verification pages live in a subpackage (分包): the kit's code ships with them, and the main
 * package, which WeChat limits to 2 MB, carries none of it. Only files under `face/` may import
 * taro-face-verify; the home page links there with Taro.navigateTo.
 */
export default defineAppConfig({
  pages: ['pages/index/index'],
  subPackages: [{ root: 'face', pages: ['verify/index', 'custom/index'] }],
  // WeChat downloads the subpackage while the home page is open, so the first tap does not wait for it.
  preloadRule: { 'pages/index/index': { network: 'all', packages: ['face'] } },
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '实名认证',
    navigationBarTextStyle: 'black',
  },
});
