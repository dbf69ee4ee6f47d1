export default defineAppConfig({
  pages: ['pages/index/index', 'pages/face-verify/index'],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '人脸核身',
    navigationBarTextStyle: 'black',
  },
});
