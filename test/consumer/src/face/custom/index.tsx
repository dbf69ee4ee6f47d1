/**
 * A page of the app's own, in the `face` subpackage: its own form, the kit's hook for the flow. This is how
 * an app that keeps its own design uses taro-face-verify (the prebuilt page is face/verify).
 */
import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { useFaceVerify, validateIdentity } from 'taro-face-verify';
import { VERIFY_ENDPOINT } from '../backend';

export default function IndexPage() {
  const [name, setName] = useState('');
  const [idCardNumber, setIdCardNumber] = useState('');
  const [formError, setFormError] = useState('');
  const { status, error, support, preview, start, retry } = useFaceVerify({ endpoint: VERIFY_ENDPOINT });

  const submit = () => {
    const checked = validateIdentity({ name, idCardNumber });
    if (!checked.ok) {
      setFormError(checked.reason);
      return;
    }
    setFormError('');
    void start(checked.value);
  };

  const busy = status === 'probing' || status === 'capturing' || status === 'submitting';

  return (
    <View className="consumer-index">
      <Text id="status">
        状态：{status}
        {preview ? '（预览）' : ''}
      </Text>
      {support && !support.supported ? <Text id="unsupported">{support.problems[0]?.message}</Text> : null}
      <Input id="name" placeholder="姓名" value={name} onInput={(e) => setName(e.detail.value)} />
      <Input id="id-card" placeholder="身份证号" maxlength={18} value={idCardNumber} onInput={(e) => setIdCardNumber(e.detail.value)} />
      {formError ? <Text id="form-error">{formError}</Text> : null}
      {error ? <Text id="error">{error.message}</Text> : null}
      {status === 'success' ? <Text id="done">认证成功</Text> : null}
      <Button id="start" disabled={busy} onClick={error?.retryable ? retry : submit}>
        {error?.retryable ? '重试' : '开始人脸核身'}
      </Button>
    </View>
  );
}
