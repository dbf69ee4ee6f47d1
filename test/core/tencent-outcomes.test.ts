/** The Tencent failure table: every ErrCode the server may pass on, read by the driver, worded in both locales. */
import { createTencentFaceIdDriver, en, TENCENT_OUTCOMES, zhCN } from 'taro-face-verify';

const driver = createTencentFaceIdDriver({ browser: null });
const classify = (code: number) => driver.classify(code, { attempts: 1 });

describe('the Tencent Cloud FaceID failure table', () => {
  it.each(Object.entries(TENCENT_OUTCOMES))('%s has a message in zh-CN and in en', (_, outcome) => {
    for (const table of [zhCN, en]) {
      const text: unknown = table.flow.errors[outcome.message];
      expect(typeof text).toBe('string');
      expect((text as string).length).toBeGreaterThan(10);
    }
    expect(zhCN.flow.errors[outcome.message]).not.toBe(en.flow.errors[outcome.message]);
  });

  it('15 expired and 17 not finished: a retry with a fresh BizToken', () => {
    for (const code of [15, 17]) expect(classify(code)).toMatchObject({ code, retryable: true, freshTicket: true, action: 'retry' });
    expect(classify(15)?.message).toBe('tencent.expired');
    expect(classify(17)?.message).toBe('tencent.notFinished');
  });

  it('14 already completed: a new verification needs a fresh BizToken', () => {
    expect(classify(14)).toMatchObject({ retryable: true, freshTicket: true, message: 'tencent.alreadyCompleted' });
  });

  it('16 retry limit: no retry now, another channel', () => {
    expect(classify(16)).toMatchObject({ retryable: false, action: 'other-channel', message: 'tencent.tooManyAttempts' });
  });

  it('2006 name / ID mismatch: not retried as is (the details must change); 2016 similarity: retried', () => {
    expect(classify(2006)).toMatchObject({ retryable: false, message: 'tencent.identityMismatch' });
    expect(classify(2016)).toMatchObject({ retryable: true, freshTicket: true, message: 'tencent.faceMismatch' });
  });

  it('1001–1008 liveness failures: retried, with advice', () => {
    for (let code = 1001; code <= 1008; code++)
      expect(classify(code)).toMatchObject({ code, retryable: true, message: 'tencent.liveness' });
    expect(zhCN.flow.errors['tencent.liveness']).toMatch(/光线/);
  });

  it('2018 rate limit: try later, no immediate retry', () => {
    expect(classify(2018)).toMatchObject({ retryable: false, message: 'tencent.rateLimited' });
  });

  it('any other code: the generic failure, never null', () => {
    for (const code of [1, 204, 9999, -1]) expect(classify(code)).toMatchObject({ code, message: 'tencent.failed', retryable: true });
  });
});
