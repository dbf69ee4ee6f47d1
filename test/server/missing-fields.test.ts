/** checkVerifyInfo: an expectation is never met by a field WeChat did not report. */
import { checkVerifyInfo, type VerifyInfo } from 'taro-face-verify/server';
import { nowSeconds } from './helpers';

describe('checks: a field WeChat did not report never matches', () => {
  const info = (fields: Partial<VerifyInfo>): VerifyInfo => ({
    errcode: 0,
    errmsg: 'ok',
    identify_ret: 0,
    identify_time: nowSeconds(),
    ...fields,
  });

  it('rejects an empty expected openid / userIdKey when WeChat reported none', () => {
    expect(checkVerifyInfo(info({}), { openid: '' })).toEqual({ ok: false, problems: ['openid_mismatch'] });
    expect(checkVerifyInfo(info({ user_id_key: '' }), { userIdKey: '' })).toEqual({ ok: false, problems: ['user_id_key_mismatch'] });
  });
});
