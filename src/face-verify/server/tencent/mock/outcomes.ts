/**
 * The `Text` GetDetectInfoEnhanced answers for each way the stand-in's page can end, in Tencent's shapes
 * (`Sim` a decimal string; fields without a value null).
 */
import type { TencentDetectInfoTextLike } from '../sdk';
import type { BizTokenRecord } from './registry';

/** Another person, for `other-person` (a different one when the verified person happens to be this one). */
function otherPerson(record: BizTokenRecord): { Name: string; IdCard: string } {
  return record.idCard === '44030619900101123X'
    ? { Name: '赵六', IdCard: '110101199001011237' }
    : { Name: '王五', IdCard: '44030619900101123X' };
}

const OUTCOMES: Record<NonNullable<BizTokenRecord['outcome']>, (record: BizTokenRecord) => TencentDetectInfoTextLike> = {
  pass: (r) => ({
    ErrCode: 0,
    ErrMsg: '成功',
    IdCard: r.idCard,
    Name: r.name,
    LiveStatus: 0,
    LiveMsg: '成功',
    Comparestatus: 0,
    Comparemsg: '成功',
    Sim: '95.31',
  }),
  mismatch: (r) => ({
    ErrCode: 2006,
    ErrMsg: '姓名和身份证号不匹配，请核实身份后重试',
    IdCard: r.idCard,
    Name: r.name,
    LiveStatus: 0,
    LiveMsg: '成功',
    Comparestatus: 2006,
    Comparemsg: '姓名和身份证号不匹配',
    Sim: null,
  }),
  'low-similarity': (r) => ({
    ErrCode: 2016,
    ErrMsg: '无法判断为同一人，请确认身份后重试',
    IdCard: r.idCard,
    Name: r.name,
    LiveStatus: 0,
    LiveMsg: '成功',
    Comparestatus: 2016,
    Comparemsg: '相似度未达到通过阈值',
    Sim: '45.12',
  }),
  'low-sim-zero': (r) => ({
    ErrCode: 0,
    ErrMsg: '成功',
    IdCard: r.idCard,
    Name: r.name,
    LiveStatus: 0,
    LiveMsg: '成功',
    Comparestatus: 0,
    Comparemsg: '成功',
    Sim: '40',
  }),
  liveness: (r) => ({
    ErrCode: 1001,
    ErrMsg: '引擎超时，请稍后重试',
    IdCard: r.idCard,
    Name: r.name,
    LiveStatus: 1001,
    LiveMsg: '引擎超时',
    Comparestatus: null,
    Comparemsg: null,
    Sim: null,
  }),
  expired: () => ({
    ErrCode: 15,
    ErrMsg: 'Token 过期，请重试',
    IdCard: null,
    Name: null,
    LiveStatus: null,
    LiveMsg: null,
    Comparestatus: null,
    Comparemsg: null,
    Sim: null,
  }),
  'other-person': (r) => ({
    ErrCode: 0,
    ErrMsg: '成功',
    ...otherPerson(r),
    LiveStatus: 0,
    LiveMsg: '成功',
    Comparestatus: 0,
    Comparemsg: '成功',
    Sim: '90.00',
  }),
};

const UNFINISHED: TencentDetectInfoTextLike = {
  ErrCode: 17,
  ErrMsg: '本次流程未完成',
  IdCard: null,
  Name: null,
  LiveStatus: null,
  LiveMsg: null,
  Comparestatus: null,
  Comparemsg: null,
  Sim: null,
};

/** The result of a token now: its page's outcome, else 17 (not finished) or 15 once past 7,200 s. */
export function resultText(record: BizTokenRecord, expired: boolean): TencentDetectInfoTextLike {
  if (record.outcome !== undefined) return OUTCOMES[record.outcome](record);
  return expired ? OUTCOMES.expired(record) : UNFINISHED;
}
