export default defineAppConfig({
  pages: ['pages/index/index', 'pages/verify/index'],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '实名认证',
    navigationBarTextStyle: 'black',
  },
});
