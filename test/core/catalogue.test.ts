import { classifyCode, classifyVerdict, KNOWN_CAPTURE_CODES } from 'taro-face-verify';

// Every capture / result code in the facts file (shared/wechat-face-api.md), with its class.
const FACTS: Record<string, number[]> = {
  cancel: [90100, 90002, 90003, 90004, 90005, 90006, 90024],
  permission: [90101, 90008, 90009, 90010],
  device: [90001, 90109],
  retry: [
    90102, 90103, 90104, 90105, 90106, 90107, 90108, 90110, 90199, 90007, 90011, 90012, 90013, 90014, 90017, 90018, 10002, 10010, 10020,
    10027, 10028, 10005, 10007, 10008, 10015, 10016, 10045, 10042, 10069, 10021, 10022, 10300, -1, 10041,
  ],
  fatal: [10001, 10040, 10006, 10011, 10031, 10009, 10026, 10017, 10018, 10052, 10057, 10066],
  input: [10003],
};

describe('the capture error catalogue', () => {
  it('knows every code in the facts file', () => {
    const all = Object.values(FACTS).flat().concat(10004);
    expect(all.filter((code) => !KNOWN_CAPTURE_CODES.includes(code))).toEqual([]);
  });

  it.each(Object.entries(FACTS).flatMap(([kind, list]) => list.map((code) => [code, kind] as const)))('%i is %s', (code, kind) => {
    const zh = classifyCode(code, { step: 'capture', locale: 'zh-CN' });
    const en = classifyCode(code, { step: 'capture', locale: 'en' });
    expect(zh.kind).toBe(kind);
    expect(zh.retryable).toBe(kind === 'retry' || kind === 'cancel' || kind === 'permission');
    expect(zh.message).toMatch(/[\u4e00-\u9fff]/);
    expect(en.message).toMatch(/^[\x20-\x7e]+$/);
    expect(en.message).not.toBe(zh.message);
  });

  it('permission failures point to the settings', () => {
    expect(classifyCode(90101, { step: 'capture' }).action).toBe('open-settings');
  });

  it('a face mismatch is retryable a few times, then final', () => {
    expect(classifyCode(10004, { step: 'capture', attempts: 1 })).toMatchObject({ kind: 'retry', retryable: true });
    expect(classifyCode(10004, { step: 'capture', attempts: 3 })).toMatchObject({
      kind: 'fatal',
      retryable: false,
      action: 'other-channel',
    });
  });

  it('an unknown code is a retryable failure with a generic message, never a crash', () => {
    expect(classifyCode(12345, { step: 'capture', locale: 'en' })).toMatchObject({
      code: 12345,
      kind: 'retry',
      retryable: true,
      message: 'Face verification failed. Try again.',
    });
  });

  it('an invalid userIdKey sends a retry back to fetch a new ticket', () => {
    expect(classifyCode(10041, { step: 'capture' }).step).toBe('ticket');
  });
});

describe('backend verdict codes', () => {
  const verdict = (code: number | string | undefined, errcode?: number) =>
    classifyVerdict(code, errcode, { step: 'capture', locale: 'en' });

  it('classifies the server kit’s codes for the user', () => {
    expect(verdict('replayed')).toMatchObject({ kind: 'backend', retryable: true, step: 'capture' });
    expect(verdict('stale')).toMatchObject({
      kind: 'backend',
      retryable: true,
      step: 'capture',
      message: expect.stringMatching(/expired/),
    });
    expect(verdict('unknown_ticket')).toMatchObject({ retryable: true, step: 'ticket' });
    expect(verdict('name_mismatch')).toMatchObject({
      retryable: false,
      action: 'other-channel',
      message: expect.stringMatching(/does not match the real-name/),
    });
    expect(verdict('identity_unknown')).toMatchObject({ retryable: false, message: expect.stringMatching(/misconfigured/) });
  });

  it('uses WeChat’s errcode passed along with credential_rejected', () => {
    expect(verdict('credential_rejected', 84002)).toMatchObject({
      code: 'credential_rejected',
      kind: 'backend',
      retryable: true,
      step: 'ticket',
    });
    expect(verdict('credential_rejected', 84001)).toMatchObject({ code: 'credential_rejected', kind: 'backend', retryable: false });
  });

  it('reads numeric codes, also as strings, through the capture catalogue', () => {
    expect(verdict('10004')).toMatchObject({ code: 10004, kind: 'backend', retryable: true });
    expect(verdict(10003)).toMatchObject({ code: 10003, kind: 'backend', step: 'input', retryable: false });
  });

  it('treats an unknown code as a final "not passed"', () => {
    expect(verdict('something_else')).toMatchObject({ code: 'something_else', retryable: false, message: 'Verification was not passed.' });
    expect(verdict(undefined)).toMatchObject({ code: 'rejected', retryable: false });
  });
});
