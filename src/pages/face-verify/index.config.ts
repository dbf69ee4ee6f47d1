export default definePageConfig({
  navigationBarTitleText: '人脸核身',
  // Taro renders the page's <PageMeta> (page-font-size="system": the text follows WeChat's font setting) only when asked.
  enablePageMeta: process.env.TARO_ENV === 'weapp',
});
