/**
 * The one failure-table format: WeChat's and Alipay's tables are read by the same lookup, which answers the
 * row in the port's shape under the code the platform reported, and never an inherited property.
 */
import { classifyByTable, type FailureTable } from '../../src/face-verify/core/failure-table';
import { ALIPAY_OUTCOMES } from '../../src/face-verify/drivers/alipay/outcomes';
import { ALIPAY_ERROR_WORDS } from '../../src/face-verify/drivers/alipay/words';
import { WECHAT_FAILURES } from '../../src/face-verify/drivers/wechat/catalogue';

describe('the failure-table lookup', () => {
  it("answers a row in the port's shape, reported under the platform's own code", () => {
    expect(classifyByTable(ALIPAY_OUTCOMES, 'capture:6001', 6001)).toEqual({
      code: 6001,
      kind: 'cancel',
      retryable: true,
      action: 'retry',
      freshTicket: true,
      message: ALIPAY_ERROR_WORDS.cancelled,
    });
    expect(classifyByTable(WECHAT_FAILURES, 84002)).toMatchObject({ code: 84002, retryable: true, resumeAt: 'ticket', freshTicket: true });
    expect(classifyByTable(WECHAT_FAILURES, -1)).toMatchObject({ code: -1, kind: 'retry' });
  });

  it('knows nothing of codes without a row, inherited names included', () => {
    const table: FailureTable<'a'> = { a: { kind: 'retry', retryable: true, message: 'transient' } };
    expect(classifyByTable(table, 'toString')).toBeNull();
    expect(classifyByTable(table, 'constructor')).toBeNull();
    expect(classifyByTable(WECHAT_FAILURES, 12345)).toBeNull();
  });
});
