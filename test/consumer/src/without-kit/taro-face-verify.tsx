/**
 * Not part of a user's app: the bench's baseline. With CONSUMER_WITHOUT_KIT=1 (see config/index.ts)
 * `taro-face-verify` resolves here, so the same pages build without the kit; the size difference between
 * the two builds is what the package adds to an app.
 */
import { useState } from 'react';
import { View } from '@tarojs/components';

type Identity = { name: string; idCardNumber: string };

export function validateIdentity(identity: Identity) {
  return { ok: true as const, value: identity, reason: '' };
}

export function useFaceVerify(_options: unknown) {
  const [status, setStatus] = useState('idle');
  return {
    status,
    error: null as null | { message: string; retryable: boolean },
    support: null as null | { supported: boolean; problems: Array<{ message: string }> },
    preview: false,
    start: async (_identity: Identity) => setStatus('success'),
    retry: async () => setStatus('idle'),
  };
}

export function FaceVerifyPage() {
  return <View>face verify</View>;
}
