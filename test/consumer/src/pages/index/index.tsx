/**
 * The app's home page, in the main package. It links to the verification pages in the `face`
 * subpackage and imports nothing from taro-face-verify, so the kit adds nothing to the main package.
 */
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';

export default function IndexPage() {
  return (
    <View className="consumer-home">
      <Text id="home">实名认证</Text>
      <Button id="open-custom" onClick={() => Taro.navigateTo({ url: '/face/custom/index' })}>
        开始人脸核身
      </Button>
      <Button id="open-page" onClick={() => Taro.navigateTo({ url: '/face/verify/index' })}>
        使用预置核身页面
      </Button>
    </View>
  );
}
