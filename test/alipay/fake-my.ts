/** A fake `my` whose APIs answer through callbacks as Alipay's do (failures as `{ error, errorMessage }`), with scripted outcomes. */
type Callbacks = { success?: (r: unknown) => void; fail?: (r: unknown) => void; complete?: (r: unknown) => void };
export type MyBehaviour =
  | { success: unknown }
  | { fail: Record<string, unknown> }
  | { completeOnly: Record<string, unknown> }
  | { throws: Error }
  | { failThenSuccess: { fail: Record<string, unknown>; success: unknown } }
  /** Taro-style wrapper: calls fail and also returns a promise that rejects. */
  | { failAndReject: Record<string, unknown> };

export function fakeMy(behaviours: Record<string, MyBehaviour>, extra: Record<string, unknown> = {}) {
  const calls: Array<{ api: string; params: Record<string, unknown> }> = [];
  const my: Record<string, unknown> = { ...extra };
  for (const [api, behaviour] of Object.entries(behaviours)) {
    my[api] = (params: Record<string, unknown> & Callbacks = {}) => {
      const { success, fail, complete, ...rest } = params;
      calls.push({ api, params: rest });
      if ('throws' in behaviour) throw behaviour.throws;
      if ('success' in behaviour) {
        success?.(behaviour.success);
        complete?.(behaviour.success);
      } else if ('fail' in behaviour) {
        fail?.(behaviour.fail);
        complete?.(behaviour.fail);
      } else if ('completeOnly' in behaviour) {
        complete?.(behaviour.completeOnly);
      } else if ('failThenSuccess' in behaviour) {
        fail?.(behaviour.failThenSuccess.fail);
        success?.(behaviour.failThenSuccess.success);
        complete?.(behaviour.failThenSuccess.success);
      } else {
        fail?.(behaviour.failAndReject);
        return Promise.reject(behaviour.failAndReject);
      }
      return undefined;
    };
  }
  return { my, calls };
}

/** A recent Alipay client on an iPhone, camera allowed, on Wi-Fi, whose capture passes on the phone. */
export function capableAlipay(overrides: Record<string, MyBehaviour> = {}, extra: Record<string, unknown> = {}) {
  return fakeMy(
    {
      getSystemInfo: { success: { app: 'alipay', version: '10.6.80', platform: 'iPhone OS', cameraAuthorized: true } },
      getSetting: { success: { authSetting: { camera: true } } },
      openSetting: { success: { authSetting: { camera: true } } },
      getNetworkType: { success: { networkAvailable: true, networkType: 'WIFI' } },
      startAPVerify: { success: { resultStatus: '9000', result: { errorCode: '', certifyId: 'cid-1' } } },
      ...overrides,
    },
    { canIUse: (name: string) => name === 'startAPVerify', isIDE: false, ...extra },
  );
}
