import { checkVerifyIdInfo, checkVerifyInfo, type VerifyInfo } from 'taro-face-verify/server';
import { createHash } from 'node:crypto';
import { USER } from './helpers';

const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');
const NOW = Date.UTC(2025, 0, 1, 12);
const NOW_S = NOW / 1000;

/** A getinfo answer for USER, verified a minute ago. */
function info(overrides: Partial<VerifyInfo> = {}): VerifyInfo {
  return {
    errcode: 0,
    errmsg: 'ok',
    identify_ret: 0,
    identify_time: NOW_S - 60,
    validate_data: '8593',
    openid: 'oUser',
    user_id_key: 'uik-1',
    finish_time: NOW_S - 59,
    name_utf8_md5: md5('张三'),
    id_card_number_md5: md5('11010519491231002X'),
    ...overrides,
  };
}
const everything = { ...USER, openid: 'oUser', userIdKey: 'uik-1', maxAgeSeconds: 600, now: NOW };

describe('checkVerifyInfo (v1)', () => {
  it('accepts an answer that matches everything expected', () => {
    expect(checkVerifyInfo(info(), everything)).toEqual({ ok: true, problems: [] });
  });

  it('checks only errcode and identify_ret when nothing else is expected', () => {
    expect(checkVerifyInfo(info({ name_utf8_md5: 'x', openid: 'someone' }))).toEqual({ ok: true, problems: [] });
  });

  it.each<[string, Partial<VerifyInfo>, string]>([
    ['errcode', { errcode: 84001 }, 'errcode'],
    ['identify_ret 10003 with errcode 0', { identify_ret: 10003 }, 'identify_ret'],
    ['another name', { name_utf8_md5: md5('李四') }, 'name_mismatch'],
    ['a missing name digest', { name_utf8_md5: undefined }, 'name_mismatch'],
    ['another ID number', { id_card_number_md5: md5('110105194912310029') }, 'id_card_mismatch'],
    ['an ID digest of a lower-case x', { id_card_number_md5: md5('11010519491231002x') }, 'id_card_mismatch'],
    ['another openid', { openid: 'oOther' }, 'openid_mismatch'],
    ['another user_id_key', { user_id_key: 'uik-2' }, 'user_id_key_mismatch'],
    ['an old identify_time', { identify_time: NOW_S - 601 }, 'stale'],
    ['an identify_time far in the future', { identify_time: NOW_S + 3600 }, 'identify_time_invalid'],
    ['no identify_time', { identify_time: undefined as unknown as number }, 'identify_time_invalid'],
  ])('rejects %s', (_label, overrides, problem) => {
    const result = checkVerifyInfo(info(overrides), everything);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([problem]);
  });

  it('upper-cases a final x in the expected ID number, as WeChat does', () => {
    expect(checkVerifyInfo(info(), { idCardNumber: '11010519491231002x' }).ok).toBe(true);
    expect(checkVerifyInfo(info(), { idCardNumber: ' 11010519491231002X ' }).ok).toBe(true);
  });

  it('accepts upper-case hex digests and hashes the name as UTF-8', () => {
    expect(checkVerifyInfo(info({ name_utf8_md5: md5('张三').toUpperCase() }), { name: '张三' }).ok).toBe(true);
    expect(md5('张三')).toBe('615db57aa314529aaa0fbe95b3e95bd3');
  });

  it('reports every problem at once', () => {
    expect(checkVerifyInfo(info({ identify_ret: 10004, openid: 'x', identify_time: NOW_S - 9999 }), everything).problems).toEqual([
      'identify_ret',
      'openid_mismatch',
      'stale',
    ]);
  });

  it('takes now as a Date as well as milliseconds', () => {
    expect(checkVerifyInfo(info(), { maxAgeSeconds: 30, now: new Date(NOW) }).problems).toEqual(['stale']);
  });
});

describe('checkVerifyIdInfo (v2)', () => {
  it('accepts errcode 0 with verify_ret 10000 only', () => {
    expect(checkVerifyIdInfo({ errcode: 0, errmsg: 'ok', verify_ret: 10000 })).toEqual({ ok: true, problems: [] });
    expect(checkVerifyIdInfo({ errcode: 0, errmsg: 'ok', verify_ret: 10004 })).toEqual({ ok: false, problems: ['verify_ret'] });
    expect(checkVerifyIdInfo({ errcode: 0, errmsg: 'ok', verify_ret: 0 })).toEqual({ ok: false, problems: ['verify_ret'] });
    expect(checkVerifyIdInfo({ errcode: -1, errmsg: 'busy', verify_ret: 10000 })).toEqual({ ok: false, problems: ['errcode'] });
  });
});
