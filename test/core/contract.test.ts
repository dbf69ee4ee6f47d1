/**
 * The wire contract, checked at compile time (the `@ts-expect-error` lines fail `npm run typecheck` when
 * the error they expect goes away) and at run time: every verdict code the server can answer has a client
 * message in both languages, and the server's rejection codes are exactly the contract's.
 */
import {
  classifyVerdict,
  normalizeIdCardNumber,
  validateIdCardNumber,
  VERDICT_CLASSES,
  VERDICT_CODES,
  type VerdictCode,
  type VerifyPayload,
} from 'taro-face-verify';
import type { RejectionCode, VerifyPayload as ServerVerifyPayload } from 'taro-face-verify/server';
import { VERDICTS } from '../../src/face-verify/contract/verdicts';
import { identityDigests } from '../../src/face-verify/drivers/mock/credential';
import { identityMd5s } from '../../src/face-verify/server/digest';

// ---- compile-time checks -------------------------------------------------------------------------------
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const expectType = <T extends true>(value: T) => value;

// The server's rejection codes are the contract's union, in both directions.
expectType<Equal<RejectionCode, VerdictCode>>(true);
// The server accepts the WeChat payloads the flow sends.
expectType<ServerVerifyPayload extends VerifyPayload ? true : false>(true);

// A code the contract does not know is not a verdict code.
// @ts-expect-error 'made_up' is not in VERDICT_CODES
const unknownCode: VerdictCode = 'made_up';

// The client's table must classify every code: dropping one does not compile.
const { replayed: _dropped, ...withoutReplayed } = VERDICT_CLASSES;
// @ts-expect-error property 'replayed' is missing
const incomplete: typeof VERDICT_CLASSES = withoutReplayed;

// A payload of another shape is not a payload.
// @ts-expect-error verify_result must be a string
const wrongPayload: VerifyPayload = { verify_result: 42 };

// ---- run-time checks -----------------------------------------------------------------------------------
describe('the wire contract', () => {
  it('keeps the compile-time fixtures above (they exist only for the type checker)', () => {
    expect([unknownCode, incomplete, wrongPayload, _dropped].length).toBe(4);
  });

  it.each(VERDICT_CODES)('%s has a client message in zh-CN and en', (code) => {
    const zh = classifyVerdict(code, undefined, { step: 'capture', locale: 'zh-CN' });
    const en = classifyVerdict(code, undefined, { step: 'capture', locale: 'en' });
    // Alipay's "not passed" is final for its certify id (kind 'fatal'); every other rejection is the backend's.
    expect(zh).toMatchObject({ code, kind: code === 'not_passed' ? 'fatal' : 'backend' });
    expect(zh.message).toMatch(/[\u4e00-\u9fff]/);
    expect(en.message).toMatch(/^[\x20-\x7e]+$/);
  });

  it('gives every verdict code one priority of its own and an English server message', () => {
    const priorities = VERDICT_CODES.map((code) => VERDICTS[code].priority);
    expect(new Set(priorities).size).toBe(VERDICT_CODES.length);
    expect(Object.keys(VERDICT_CLASSES).sort()).toEqual([...VERDICT_CODES].sort());
    for (const code of VERDICT_CODES) expect(VERDICTS[code].message).toMatch(/^[\x20-\x7e]+$/);
  });

  it('not_passed (Alipay) is fatal for its certify id, and a retry asks for a fresh one', () => {
    expect(classifyVerdict('not_passed', undefined, { step: 'capture' })).toMatchObject({ kind: 'fatal', retryable: true, step: 'ticket' });
  });

  it('ticket_required (issue 8) sends a retry back for a fresh ticket', () => {
    expect(classifyVerdict('ticket_required', undefined, { step: 'capture' })).toMatchObject({ retryable: true, step: 'ticket' });
  });

  it('one ID-number normalisation: the validator, the server digest and the mock credential agree', () => {
    const typed = ' 11010519491231002x ';
    const valid = validateIdCardNumber(typed);
    expect(valid).toEqual({ ok: true, value: normalizeIdCardNumber(typed) });
    expect(identityMd5s({ name: '张三', idCardNumber: typed }).idCardMd5).toBe(
      identityDigests({ name: '张三', idCardNumber: typed }).idMd5,
    );
    expect(identityMd5s({ name: '张三', idCardNumber: typed }).idCardMd5).toBe(
      identityMd5s({ name: '张三', idCardNumber: '11010519491231002X' }).idCardMd5,
    );
  });
});
