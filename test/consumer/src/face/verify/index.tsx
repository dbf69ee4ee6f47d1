// The prebuilt page as a page of this app, in the `face` subpackage. Every prop is optional (`export default FaceVerifyPage` works
// too); this app gives it its backend and reacts to the outcome.
import Taro from '@tarojs/taro';
import { FaceVerifyPage } from 'taro-face-verify';
import { VERIFY_ENDPOINT } from '../backend';

export default function VerifyPage() {
  return (
    <FaceVerifyPage
      endpoint={VERIFY_ENDPOINT}
      onDone={() => Taro.navigateBack()}
      onOtherChannel={() => Taro.showToast({ title: '请前往人工审核', icon: 'none' })}
    />
  );
}
