export default definePageConfig({
  navigationBarTitleText: 'taro-face-verify',
});
