/** A fake `wx` whose APIs answer through callbacks, as the real one does, with scripted outcomes. */
type Callbacks = { success?: (r: unknown) => void; fail?: (r: unknown) => void; complete?: (r: unknown) => void };
export type Behaviour =
  | { success: Record<string, unknown>; delayMs?: number }
  | { fail: Record<string, unknown>; delayMs?: number }
  | { completeOnly: Record<string, unknown> }
  | { throws: Error }
  | { failThenComplete: Record<string, unknown> };

export function fakeWx(behaviours: Record<string, Behaviour | ((params: Record<string, unknown>) => Behaviour)>) {
  const calls: Array<{ api: string; params: Record<string, unknown> }> = [];
  const wx: Record<string, unknown> = {};
  for (const [api, behaviourOrFn] of Object.entries(behaviours)) {
    wx[api] = (params: Record<string, unknown> & Callbacks) => {
      const { success, fail, complete, ...rest } = params;
      calls.push({ api, params: rest });
      const behaviour = typeof behaviourOrFn === 'function' ? behaviourOrFn(rest) : behaviourOrFn;
      if ('throws' in behaviour) throw behaviour.throws;
      const run = () => {
        if ('success' in behaviour) {
          success?.(behaviour.success);
          complete?.(behaviour.success);
        } else if ('fail' in behaviour) {
          fail?.(behaviour.fail);
          complete?.(behaviour.fail);
        } else if ('completeOnly' in behaviour) {
          complete?.(behaviour.completeOnly);
        } else {
          fail?.(behaviour.failThenComplete);
          complete?.({ errMsg: 'late complete:ok' });
        }
      };
      const delay = 'delayMs' in behaviour ? behaviour.delayMs : undefined;
      if (delay) setTimeout(run, delay);
      else run();
      return undefined;
    };
  }
  return { wx, calls };
}

/** A capable Android phone running a recent WeChat. */
export function capablePhone(overrides: Record<string, Behaviour | ((params: Record<string, unknown>) => Behaviour)> = {}) {
  return fakeWx({
    getSystemInfo: { success: { platform: 'android', version: '8.0.50', SDKVersion: '3.9.0', errMsg: 'getSystemInfo:ok' } },
    getSetting: { success: { authSetting: { 'scope.camera': true }, errMsg: 'getSetting:ok' } },
    getNetworkType: { success: { networkType: 'wifi', errMsg: 'getNetworkType:ok' } },
    checkIsSupportFacialRecognition: { success: { errCode: 0, errMsg: 'checkIsSupportFacialRecognition:ok' } },
    startFacialRecognitionVerify: { success: { errCode: 0, verifyResult: 'VR-123', errMsg: 'startFacialRecognitionVerify:ok' } },
    requestFacialVerify: { success: { errMsg: 'requestFacialVerify:ok' } },
    authorize: { success: { errMsg: 'authorize:ok' } },
    openSetting: { success: { authSetting: { 'scope.camera': true } } },
    request: { success: { statusCode: 200, data: '{"ok":true}' } },
    ...overrides,
  });
}
