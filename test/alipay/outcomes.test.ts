import {
  ALIPAY_OUTCOMES,
  classifyGatewayCode,
  classifyVerifyAnswer,
  type AlipayOutcomeCode,
} from '../../src/face-verify/drivers/alipay/outcomes';
import { ALIPAY_ERROR_WORDS } from '../../src/face-verify/drivers/alipay/words';

const completed = (resultStatus: string, errorCode: string | null = null) => ({ settled: 'completed' as const, resultStatus, errorCode });

describe('classifyVerifyAnswer (my.startAPVerify)', () => {
  it('9000 on the phone only means "ask the server"', () => {
    expect(classifyVerifyAnswer(completed('9000'))).toEqual({ next: 'query-server' });
    expect(classifyVerifyAnswer(completed('9000', 'SYSTEM_ERROR'))).toEqual({ next: 'query-server' });
  });

  it.each([
    ['6001', null, { code: 'capture:6001', kind: 'cancel', retryable: true, freshTicket: true, message: ALIPAY_ERROR_WORDS.cancelled }],
    ['6002', null, { code: 'capture:6002', kind: 'network', retryable: true, action: 'check-network', freshTicket: true }],
    ['4000', 'UNKNOWN_ERROR', { code: 'capture:4000:UNKNOWN_ERROR', kind: 'retry', retryable: true, freshTicket: true }],
    [
      '4000',
      'SYSTEM_ERROR',
      { code: 'capture:4000:SYSTEM_ERROR', kind: 'retry', retryable: true, message: ALIPAY_ERROR_WORDS.systemError },
    ],
    ['4000', 'USER_IS_NOT_CERTIFY', { code: 'capture:4000:USER_IS_NOT_CERTIFY', kind: 'fatal', retryable: false, action: 'other-channel' }],
    ['4000', 'SOMETHING_NEW', { code: 'capture:4000', kind: 'retry', retryable: true }],
    ['4000', null, { code: 'capture:4000', kind: 'retry' }],
    ['8000', null, { code: 'capture:unknown-status', kind: 'retry', retryable: true }],
  ])('%s %s', (status, errorCode, expected) => {
    expect(classifyVerifyAnswer(completed(status, errorCode))).toMatchObject({ next: 'failed', ...expected });
  });

  it('a fail callback is a retryable failure that needs a new certify id', () => {
    expect(classifyVerifyAnswer({ settled: 'failed', error: 3, errorMessage: 'x' })).toMatchObject({
      next: 'failed',
      code: 'capture:fail',
      retryable: true,
      freshTicket: true,
    });
  });
});

describe('classifyGatewayCode (the server’s codes)', () => {
  it.each([
    ['20000', 'isp.unknow-error', { code: 'gateway:20000', kind: 'retry', retryable: true }],
    ['40001', 'isv.missing-method', { code: 'gateway:40001', kind: 'backend', retryable: false }],
    ['40002', 'isv.invalid-signature', { code: 'gateway:40002', kind: 'backend', retryable: false }],
    ['40004', 'OTHER', { code: 'gateway:40004', kind: 'backend' }],
    ['40006', 'isv.insufficient-isv-permissions', { code: 'gateway:40006', kind: 'backend', retryable: false }],
    ['12345', undefined, { code: 'gateway:unknown', kind: 'backend', retryable: true }],
  ])('%s %s', (code, _subCode, expected) => {
    expect(classifyGatewayCode(code)).toMatchObject(expected);
  });
});

describe('the outcome table', () => {
  const entries = Object.entries(ALIPAY_OUTCOMES) as Array<[AlipayOutcomeCode, (typeof ALIPAY_OUTCOMES)[AlipayOutcomeCode]]>;

  it('never asks for a fresh certify id where no retry is offered', () => {
    for (const [, outcome] of entries) if (!outcome.retryable) expect(outcome).not.toHaveProperty('freshTicket');
  });

  it('probe findings: same meaning as the WeChat problem codes where they overlap', () => {
    expect(ALIPAY_OUTCOMES['probe:camera-denied']).toMatchObject({ kind: 'permission', action: 'open-settings' });
    expect(ALIPAY_OUTCOMES['probe:camera-system-denied']).toMatchObject({ kind: 'permission', action: 'open-system-settings' });
    expect(ALIPAY_OUTCOMES['probe:api-unavailable']).toMatchObject({ kind: 'device', retryable: false, action: 'update-alipay' });
    expect(ALIPAY_OUTCOMES['probe:devtools']).toMatchObject({ kind: 'device', retryable: false });
    expect(ALIPAY_OUTCOMES['probe:no-network']).toMatchObject({ kind: 'network', action: 'check-network' });
  });

  it("every message is Alipay's own words in both shipped locales: Chinese in zh-CN, a sentence in en", () => {
    const messages = new Set(entries.map(([, outcome]) => outcome.message));
    expect(messages.size).toBeGreaterThan(10);
    for (const words of messages) {
      expect(Object.values(ALIPAY_ERROR_WORDS)).toContain(words);
      expect(words['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      expect(words.en).toMatch(/^[A-Z][\x20-\x7e]+[.]$/);
    }
  });
});
