/** The Tencent failure table: every ErrCode the server may pass on, read by the driver, worded in both locales. */
import { createTencentFaceIdDriver, en, TENCENT_ERROR_WORDS, TENCENT_OUTCOMES } from 'taro-face-verify';
import { describeFailure } from '../../src/face-verify/core/errors';

const driver = createTencentFaceIdDriver({ browser: null });
const classify = (code: number) => driver.classify(code, { attempts: 1 });

describe('the Tencent Cloud FaceID failure table', () => {
  it.each(Object.entries(TENCENT_OUTCOMES))('%s has its own message in zh-CN and in en, and the flow words it in each', (code, outcome) => {
    expect(outcome.message['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
    expect(outcome.message.en).toMatch(/^[A-Z][\x20-\x7e]+[.]$/);
    const failure = { ...outcome, code };
    expect(describeFailure(failure, 'capture', 'zh-CN').message).toBe(outcome.message['zh-CN']);
    expect(describeFailure(failure, 'capture', en).message).toBe(outcome.message.en);
    // A custom locale table (not shipped) reads the platform's English words.
    expect(describeFailure(failure, 'capture', { ...en, locale: 'fr' } as unknown as typeof en).message).toBe(outcome.message.en);
  });

  it('15 expired and 17 not finished: a retry with a fresh BizToken', () => {
    for (const code of [15, 17]) expect(classify(code)).toMatchObject({ code, retryable: true, freshTicket: true, action: 'retry' });
    expect(classify(15)?.message).toBe(TENCENT_ERROR_WORDS.expired);
    expect(classify(17)?.message).toBe(TENCENT_ERROR_WORDS.notFinished);
  });

  it('14 already completed: a new verification needs a fresh BizToken', () => {
    expect(classify(14)).toMatchObject({ retryable: true, freshTicket: true, message: TENCENT_ERROR_WORDS.alreadyCompleted });
  });

  it('16 retry limit: no retry now, another channel', () => {
    expect(classify(16)).toMatchObject({ retryable: false, action: 'other-channel', message: TENCENT_ERROR_WORDS.tooManyAttempts });
  });

  it('2006 name / ID mismatch: not retried as is (the details must change); 2016 similarity: retried', () => {
    expect(classify(2006)).toMatchObject({ retryable: false, message: TENCENT_ERROR_WORDS.identityMismatch });
    expect(classify(2016)).toMatchObject({ retryable: true, freshTicket: true, message: TENCENT_ERROR_WORDS.faceMismatch });
  });

  it('1001–1008 liveness failures: retried, with advice', () => {
    for (let code = 1001; code <= 1008; code++)
      expect(classify(code)).toMatchObject({ code, retryable: true, message: TENCENT_ERROR_WORDS.liveness });
    expect(TENCENT_ERROR_WORDS.liveness['zh-CN']).toMatch(/光线/);
  });

  it('2018 rate limit: try later, no immediate retry', () => {
    expect(classify(2018)).toMatchObject({ retryable: false, message: TENCENT_ERROR_WORDS.rateLimited });
  });

  it('any other code: the generic failure, never null', () => {
    for (const code of [1, 204, 9999, -1])
      expect(classify(code)).toMatchObject({ code, message: TENCENT_ERROR_WORDS.failed, retryable: true });
  });
});
